"""The `alerts` table: alerts raised by rules (`geowire.alerts`), their webhook delivery state, and pages of
them for the CLI and the web.

An alert's id names its rule, subject and window, so recording the same alert again is a no-op: a rule fires
once per window however often it is evaluated, and a restarted monitor does not raise it twice. `delivery`
is the webhook outbox: `pending` until the webhook took it (`sent`) or gave up (`failed: reason`); alerts
still pending when a monitor stops are sent again when it restarts. A store without the table (a file
written by an older geowire and opened read-only) has no alerts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .query import Page, dicts, paged, scalar

__all__ = ["has_table", "record_alerts", "known_alerts", "set_delivery", "pending_alerts", "alerts",
           "alert_page", "get_alert", "FIELDS"]

FIELDS = ("id", "rule", "kind", "subject", "value", "threshold", "window_start", "window_end", "message", "events",
          "fired_at", "delivery")
_SELECT = ("SELECT id, rule, kind, subject, value, threshold, window_start, window_end, message, "
           "CAST(events AS VARCHAR) AS events, CAST(fired_at AS VARCHAR) AS fired_at, delivery FROM alerts")


def has_table(con: Any, table: str) -> bool:
    """True when the database has `table` (a table or a view)."""
    return scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]) > 0


def known_alerts(con: Any, ids: Sequence[str]) -> set[str]:
    """Which of these alert ids are recorded already."""
    if not ids or not has_table(con, "alerts"):
        return set()
    rows = con.execute("SELECT id FROM alerts WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
    return {r[0] for r in rows}


def record_alerts(con: Any, items: Sequence[dict[str, Any]]) -> list[str]:
    """Record alerts (plain dicts with `FIELDS`; `events` a list; `fired_at` optional) in one transaction;
    returns the ids that were new (an alert recorded before is left as it was)."""
    known = known_alerts(con, [a["id"] for a in items])
    new = [a for a in items if a["id"] not in known]
    if not new:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        for a in new:
            row = {k: a.get(k) for k in FIELDS}
            row["events"] = json.dumps(row["events"] or [], ensure_ascii=False)
            cols = [k for k in FIELDS if k != "fired_at" or row[k]]  # else the column's default: now
            con.execute(f"INSERT OR IGNORE INTO alerts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        [row[k] for k in cols])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return [a["id"] for a in new]


def set_delivery(con: Any, outcomes: Iterable[tuple[str, str]]) -> None:
    """Record webhook outcomes: (alert id, `sent` or `failed: reason`)."""
    rows = [[status, alert_id] for alert_id, status in outcomes]
    if rows:
        con.executemany("UPDATE alerts SET delivery = ? WHERE id = ?", rows)


def _record(row: dict[str, Any]) -> dict[str, Any]:
    row["events"] = json.loads(row["events"]) if row.get("events") else []
    return row


def pending_alerts(con: Any) -> list[dict[str, Any]]:
    """Alerts the webhook has not taken yet, oldest first."""
    if not has_table(con, "alerts"):
        return []
    return [_record(r) for r in dicts(con, _SELECT + " WHERE delivery = 'pending' ORDER BY fired_at, id")]


_ALL = Page(None)


def alerts(con: Any, page: Page = _ALL, rule: str | None = None) -> list[dict[str, Any]]:
    """Alerts, newest first (optionally of one rule)."""
    if not has_table(con, "alerts"):
        return []
    params: list[Any] = []
    sql = _SELECT
    if rule:
        sql += " WHERE rule = ?"
        params.append(rule)
    sql += " ORDER BY fired_at DESC, id"
    if page.limit is not None:
        sql += " LIMIT ?"
        params.append(page.limit)
    if page.offset:
        sql += " OFFSET ?"
        params.append(page.offset)
    return [_record(r) for r in dicts(con, sql, params)]


def alert_page(con: Any, page: Page, rule: str | None = None) -> dict[str, Any]:
    """One page of alerts with the real total."""
    if not has_table(con, "alerts"):
        return paged(0, page, [])
    where, params = (" WHERE rule = ?", [rule]) if rule else ("", [])
    return paged(scalar(con, "SELECT count(*) FROM alerts" + where, params), page, alerts(con, page, rule))


def get_alert(con: Any, alert_id: str) -> dict[str, Any] | None:
    if not has_table(con, "alerts"):
        return None
    rows = dicts(con, _SELECT + " WHERE id = ?", [alert_id])
    return _record(rows[0]) if rows else None
