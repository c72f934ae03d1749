"""Live monitoring: one process that polls feeds, writes the store, raises alerts and serves the dashboard.

    loop.py     `Monitor`: poll, alert, record each poll, until stopped (a graceful stop finishes the batch in
                hand); restart resumes from the store (entries seen, alerts still to deliver)
    server.py   `WebServer`: the web app in a thread of the same process, each request on its own read
                cursor of the monitor's DuckDB database (one writer, many readers, no lock between processes)
    signals.py  SIGTERM and SIGINT as a graceful stop
    status.py   the status of a store (`geowire status`), also while a monitor holds it (its status file)

See docs/architecture.md ("Live monitoring") for why one process rather than a writer and readers in several.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loop import Monitor

__all__ = ["Monitor"]


def __getattr__(name: str) -> Any:
    """`Monitor` on first use: `geowire status` imports `monitor.status` without the loop's imports."""
    if name == "Monitor":
        from .loop import Monitor

        return Monitor
    raise AttributeError(name)
