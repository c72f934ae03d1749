"""SQL fragments shared by the relation functions: asserted events, actor matching, periods."""

from __future__ import annotations

from typing import Any

from ..errors import GeowireError

__all__ = ["ASSERTED", "FULL_DATE", "GROUP_COUNTRIES", "PERIODS", "actor_match", "period_expr", "check_by", "dicts", "node_expr", "quiet", "rnd"]

# Only asserted events count: not negated, not hypothetical.
ASSERTED = "NOT coalesce(negated, false) AND coalesce(modality, 'actual') <> 'hypothetical'"
# `events.date` is VARCHAR: 'YYYY-MM-DD', sometimes 'YYYY' or NULL. Series use full dates only.
FULL_DATE = "TRY_CAST(CASE WHEN length(date) = 10 THEN date END AS DATE)"
PERIODS = ("day", "week", "month", "year")
_FORMATS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Pseudo-countries the actor recognizer gives organizations (IGOEUREEC has country "IGO").
GROUP_COUNTRIES = ("IGO", "NGO", "IMG", "MNC")
# A state or organization as a graph node: its country, else (organizations) its actor code.
node_expr = ("CASE WHEN {p}_country IS NULL OR {p}_country IN ('IGO', 'NGO', 'IMG', 'MNC') "
             "THEN {p}_code ELSE {p}_country END").format


def check_by(by: str) -> str:
    if by not in PERIODS:
        raise GeowireError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    return by


def period_expr(by: str, date_sql: str = FULL_DATE) -> str:
    """SQL for the period label of a date: '2024-03-05' (day), week start Monday, '2024-03', '2024'."""
    check_by(by)
    return f"strftime(date_trunc('{by}', {date_sql}), '{_FORMATS[by]}')"


def actor_match(prefix: str, code: str, params: list[Any]) -> str:
    """SQL matching side `prefix` ('source'/'target') against a country code or a CAMEO actor code prefix."""
    c = code.strip().upper()
    if not c:
        raise GeowireError("empty actor code: give a country code (USA) or a CAMEO actor code prefix (USAGOV)")
    params += [c, c]
    return f"({prefix}_country = ? OR starts_with({prefix}_code, ?))"


def quiet(con: Any) -> None:
    """No DuckDB progress bar on the terminal (long queries would draw one over the CLI's output)."""
    con.execute("SET enable_progress_bar = false")


def dicts(con: Any, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    quiet(con)
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def rnd(x: float | None, n: int = 3) -> float | None:
    return None if x is None else round(float(x), n)
