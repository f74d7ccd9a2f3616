"""Serve the built book on 127.0.0.1 as static hosts do: text files gzip-compressed when the browser accepts it.

Python's ``http.server`` sends every file as stored; a page's stylesheets and scripts then cost about
three times their gzip size. ``make serve`` runs this instead (scripts/local_server.py's handler, the
one scripts/bench_page_weight.py measures).

Usage: .venv/bin/python scripts/serve_book.py [--port 8000] [--book _build/html]
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_server import GzipHandler, served  # noqa: E402  (a sibling script)

BOOK = Path(__file__).resolve().parents[1] / "_build" / "html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--book", type=Path, default=BOOK)
    args = parser.parse_args()
    if not (args.book / "index.html").is_file():
        sys.exit(f"{args.book} has no built book: run `make book` first")
    with served(args.book, GzipHandler, port=args.port) as base:
        print(f"Serving {base}  (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
