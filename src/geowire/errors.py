"""The one user-facing error class: an actionable, one-line message."""

__all__ = ["GeowireError", "StoreLocked"]


class GeowireError(Exception):
    """A problem the user can fix (bad path, bad option, unreadable input).

    The CLI prints its message on one line and exits non-zero; library callers catch it.
    """


class StoreLocked(GeowireError):
    """A DuckDB store another process holds: one process may write a store, or several read it, not both.

    The message says how to poll and serve one store at once: `geowire monitor`, one process doing both."""

    def __init__(self, path: str, pid: int | None) -> None:
        self.path, self.pid = path, pid
        holder = f"another process (PID {pid})" if pid else "another process"
        super().__init__(f"database {path} is in use by {holder}: DuckDB lets one process write a store or "
                         "several read it, never both; to poll feeds and serve the dashboard on one store, run "
                         "both in one process with geowire monitor")
