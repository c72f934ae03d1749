"""Publication dates found in text: an ISO date, "March 5, 2023" or "5 March 2023" near the start."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["date_in_text"]

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(_MON + r"\.? (\d{1,2}),? (\d{4})\b"), ("M", "d", "y")),
    (re.compile(r"\b(\d{1,2}) " + _MON + r",? (\d{4})\b"), ("d", "M", "y")),
]
_HEAD = 600  # a dateline or byline sits at the top of an article


def date_in_text(text: str) -> str | None:
    """The first plausible date in the first lines of `text` (YYYY-MM-DD), else None."""
    head = text[:_HEAD]
    best: tuple[int, str] | None = None
    for rx, order in _PATTERNS:
        m = rx.search(head)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        try:
            month = int(parts["m"]) if "m" in parts else _MONTHS[parts["M"].lower()]
            d = dt.date(int(parts["y"]), month, int(parts["d"]))
        except (ValueError, KeyError):
            continue
        if 1900 <= d.year <= 2100 and (best is None or m.start() < best[0]):
            best = (m.start(), d.isoformat())
    return best[1] if best else None
