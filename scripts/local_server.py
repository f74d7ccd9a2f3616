"""A folder served over HTTP on 127.0.0.1 at a free port by a thread, for as long as a ``with`` block runs.

The PDF and page-weight scripts and the browser tests open built pages this way: nothing leaves the
machine, no port is fixed in advance, and the server stops when the block ends.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The folder's files as stored, without a log line per request (it would drown the output)."""

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    """One daemon thread a request; a browser that drops a connection mid-download is not reported."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a closed tab is not news
            super().handle_error(request, client_address)


@contextmanager
def served(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """``folder`` on ``http://127.0.0.1:<free port>/`` (the URL given to the block) until the block ends."""
    server = Server((HOST, 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {Path(folder).name}", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
