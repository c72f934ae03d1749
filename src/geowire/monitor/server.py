"""The dashboard and the JSON API inside the monitor's process: uvicorn in a thread, over the monitor's store.

The app (`geowire.web.create_app`) gets a Store on its own cursor of the monitor's DuckDB database and gives
every request a further cursor of it: readers see each batch as soon as its transaction commits, never
block the writer, and no second process ever needs the file (which DuckDB would refuse while it is written).
The listening socket is bound before the thread starts, so a port in use is an error at once.

At most `threads` requests run at once (anyio's worker threads; others wait in the event loop): requests
hold the GIL while they turn rows into JSON or HTML, and the polling thread shares it, so a small number
keeps the poll moving under heavy dashboard load (coding itself runs in another process).
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

from ..errors import GeowireError
from ..store import Store

__all__ = ["WebServer", "THREADS"]

THREADS = 8  # requests served at once


class _ThreadLimit:
    """ASGI wrapper: sets the number of worker threads of the app's event loop when it starts."""

    def __init__(self, app: Any, threads: int) -> None:
        self.app, self.threads = app, threads

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = self.threads
        await self.app(scope, receive, send)


class WebServer:
    """Serve `store` on http://host:port/ from a background thread (`start()`, `stop()`); port 0 picks one."""

    def __init__(self, store: Store, host: str = "127.0.0.1", port: int = 8000, *, timeout: float = 10.0,
                 max_body: int = 64 * 1024, access_log: bool = False, threads: int = THREADS) -> None:
        import uvicorn

        from ..web import create_app

        self.reader = store.cursor()  # the web's own connection object: the writer's is never shared
        app = create_app(self.reader, timeout=timeout, max_body=max_body)
        self.sock = self._bind(host, port)
        self.host, self.port = host, int(self.sock.getsockname()[1])
        config = uvicorn.Config(_ThreadLimit(app, threads), log_config=None, access_log=access_log, timeout_graceful_shutdown=5,
                                backlog=4096, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._serve, name="geowire-web", daemon=True)
        self.error: BaseException | None = None

    @staticmethod
    def _bind(host: str, port: int) -> socket.socket:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            sock.close()
            raise GeowireError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        sock.set_inheritable(True)
        return sock

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def _serve(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        except BaseException as exc:  # noqa: BLE001 - reported by start()/stop() in the main thread
            self.error = exc

    def start(self, wait: float = 30.0) -> str:
        """Start serving; returns the base URL once the server accepts requests."""
        self.thread.start()
        deadline = time.monotonic() + wait
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise GeowireError(f"the web server did not start on {self.url}"
                                   + (f": {self.error}" if self.error else ""))
            time.sleep(0.02)
        return self.url

    def stop(self, wait: float = 10.0) -> None:
        """Stop accepting requests, let those in progress finish (at most `wait` seconds), close the cursor."""
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(wait)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(2)
        self.sock.close()
        self.reader.close()

    def __enter__(self) -> WebServer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
