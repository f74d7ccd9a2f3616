"""A folder served over HTTP on 127.0.0.1 at a free port by a thread, for as long as a ``with`` block runs.

The PDF and page-weight scripts and the browser tests open built pages this way: nothing leaves the
machine, no port is fixed in advance, and the server stops when the block ends. ``make serve``
(scripts/serve_book.py) uses it with :class:`GzipHandler`, as static hosts serve text.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"
#: Served compressed: text, and formats that compress well (fonts other than woff/woff2, WebAssembly).
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map", ".ttf", ".otf", ".eot", ".wasm"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The folder's files as stored, without a log line per request (it would drown the output)."""

    def log_message(self, *args):
        pass


class GzipHandler(QuietHandler):
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
    """One daemon thread a request; a browser that drops a connection mid-download is not reported."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a closed tab is not news
            super().handle_error(request, client_address)


@contextmanager
def served(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler,
           port: int = 0) -> Iterator[str]:
    """``folder`` on ``http://127.0.0.1:<port>/`` (a free one by default; the URL given to the block) until the block ends."""
    server = Server((HOST, port), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {Path(folder).name}", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
