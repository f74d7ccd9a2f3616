"""Serve the built book on 127.0.0.1 as static hosts do: text files gzip-compressed when the browser accepts it.

Python's ``http.server`` sends every file as stored; a page's stylesheets and scripts then cost about
three times their gzip size. ``make serve`` runs this instead, and scripts/bench_page_weight.py measures
both servings with the same handlers.

Usage: .venv/bin/python scripts/serve_book.py [--port 8000] [--book _build/html]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "_build" / "html"
HOST = "127.0.0.1"
#: Served compressed: text, and formats that compress well (fonts other than woff/woff2, WebAssembly).
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map", ".ttf", ".otf", ".eot", ".wasm"}


class RawHandler(http.server.SimpleHTTPRequestHandler):
    """Files as stored, like ``python -m http.server``, without a log line per request."""

    def log_message(self, *args):
        pass


class GzipHandler(RawHandler):
    """Text files gzip-compressed when the browser accepts it (compressed per request: a local server)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (path.suffix not in COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-download is not news
            super().handle_error(request, client_address)


@contextmanager
def serve(book: Path = BOOK, handler=GzipHandler, port: int = 0):
    """The book on http://127.0.0.1:<port>/ (a free one by default) while the block runs."""
    server = Server((HOST, port), functools.partial(handler, directory=str(book)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--book", type=Path, default=BOOK)
    args = parser.parse_args()
    if not (args.book / "index.html").is_file():
        sys.exit(f"{args.book} has no built book: run `make book` first")
    with serve(args.book, port=args.port) as base:
        print(f"Serving {base}  (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
