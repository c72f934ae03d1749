"""The `polls` table (one row per poll of `geowire monitor` or `geowire watch`, with its counts) and the
status summary built on the store: documents, events, rejects, alerts, the last poll, each feed's last poll
and its errors (`geowire status`, `/api/status`)."""

from __future__ import annotations

from typing import Any

from .alerts import has_table
from .query import dicts, scalar

__all__ = ["POLL_COUNTS", "record_poll", "last_poll", "status"]

POLL_COUNTS = ("feeds", "new_entries", "read", "stored", "already", "duplicates", "skipped", "rejected", "events",
               "errors", "alerts")


def record_poll(con: Any, started_at: str, finished_at: str, counts: dict[str, Any], complete: bool = True) -> None:
    """One poll's row: ISO timestamps and its counts (a count missing from `counts` is 0)."""
    cols = ("started_at", "finished_at", *POLL_COUNTS, "complete")
    values = [started_at, finished_at, *(int(counts.get(k) or 0) for k in POLL_COUNTS), complete]
    con.execute(f"INSERT INTO polls ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)


def last_poll(con: Any) -> dict[str, Any] | None:
    """The latest poll's row, else None."""
    if not has_table(con, "polls"):
        return None
    rows = dicts(con, "SELECT CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS "
                      f"finished_at, {', '.join(POLL_COUNTS)}, complete FROM polls ORDER BY started_at DESC LIMIT 1")
    return rows[0] if rows else None


def _feeds(con: Any) -> list[dict[str, Any]]:
    return dicts(con, """
        SELECT f.url, CAST(f.last_polled AS VARCHAR) AS last_polled, f.last_status,
               (SELECT count(*) FROM feed_entries e WHERE e.feed = f.url) AS entries
        FROM feeds f ORDER BY f.url""")


def status(con: Any, recent: int = 5) -> dict[str, Any]:
    """What the store holds and how the polling goes: counts of documents (coded), duplicates, skipped,
    events, rejects and alerts; the last poll; per feed its last poll and status; `errors`, the feeds whose
    last poll failed; and the `recent` latest rejects."""
    counts = {
        "documents": scalar(con, "SELECT count(*) FROM documents WHERE status = 'coded'"),
        "duplicates": scalar(con, "SELECT count(*) FROM documents WHERE status = 'duplicate'"),
        "skipped": scalar(con, "SELECT count(*) FROM documents WHERE status = 'skipped'"),
        "events": scalar(con, "SELECT count(*) FROM events"),
        "rejects": scalar(con, "SELECT count(*) FROM rejects"),
        "alerts": scalar(con, "SELECT count(*) FROM alerts") if has_table(con, "alerts") else 0,
        "polls": scalar(con, "SELECT count(*) FROM polls") if has_table(con, "polls") else 0,
    }
    feeds = _feeds(con)
    errors = [f for f in feeds if f["last_status"] not in (None, "ok", "not modified")]
    rejects = dicts(con, "SELECT origin, line, reason, CAST(rejected_at AS VARCHAR) AS rejected_at FROM rejects "
                         "ORDER BY rejected_at DESC LIMIT ?", [recent])
    return {**counts, "last_poll": last_poll(con), "feeds": feeds, "errors": len(errors),
            "recent_rejects": rejects}
