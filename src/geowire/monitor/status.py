"""The status of a store (`geowire status`, `/api/status`): what it holds and how the polling goes.

While a monitor (or `geowire watch`) runs, it holds the DuckDB file and no other process can open it; it
writes its status to a file beside the store after every poll (`FILE.status.json`, replaced atomically, with
its PID and dashboard URL). `store_status` reads the store when it can, else that file when its process is
alive.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from ..errors import StoreLocked
from ..store.polls import status

__all__ = ["status_path", "write_status", "read_status", "store_status", "now"]


def now() -> str:
    """The current UTC time as the store's timestamps show it (no zone, seconds)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def status_path(db: str | Path) -> Path:
    return Path(f"{db}.status.json")


def write_status(path: Path, info: dict[str, Any]) -> None:
    """Replace the status file atomically (a reader never sees half of it)."""
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(info, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path)


def _alive(pid: Any) -> bool:
    try:
        os.kill(int(pid), 0)
    except (OSError, TypeError, ValueError):
        return False
    return True


def read_status(db: str | Path) -> dict[str, Any] | None:
    """The status file of the monitor running on `db`, else None (none, unreadable, or its process gone)."""
    try:
        info = json.loads(status_path(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and _alive(info.get("pid")) else None


def store_status(db: str | Path) -> dict[str, Any]:
    """The status of the store at `db`: read from the store (`source`: "store"), or, while a running monitor
    holds it, from that monitor's last status file (`source`: "monitor", with `pid`, `url`, `updated_at`)."""
    from ..store import open_store

    try:
        with open_store(db) as store:
            return {"database": str(db), "source": "store", **status(store.con)}
    except StoreLocked:
        info = read_status(db)
        if info is None:
            raise
        return {"database": str(db), "source": "monitor", **info}
