"""The dateline: the place a report is filed from ("BEIJING, Sept. 8 (Xinhua) --", "KYIV (Reuters) -",
"Luanda, Angola —"), read from the start of one of the first lines of the text.

A dateline is a name the gazetteer knows as a city (or a country), optionally followed by its country or
division, a date and an agency in parentheses, and then a dash. Headlines above it are skipped.
"""

from __future__ import annotations

from ..segment import match_dateline, opening_lines
from .gazetteer import Gazetteer, Place

__all__ = ["find_dateline"]


def find_dateline(text: str, gaz: Gazetteer) -> tuple[Place, int, int] | None:
    """The dateline place of a text with its character span, or None."""
    for offset, line in opening_lines(text):
        hit = _dateline_in(line, gaz)
        if hit is not None:
            place, start, end = hit
            return place, offset + start, offset + end
    return None


def _dateline_in(line: str, gaz: Gazetteer) -> tuple[Place, int, int] | None:
    m = match_dateline(line)
    if not m:
        return None
    city = m.group("city").strip()
    cands = [p for p in gaz.lookup(city) if p.kind in ("city", "country", "adm1")]
    if not cands:
        return None
    region = m.group("region")
    if region:
        near = {p.country for p in gaz.lookup(region.strip())} | {p.adm1 for p in gaz.lookup(region.strip())}
        matched = [p for p in cands if p.country in near or p.adm1 in near]
        cands = matched or cands
    cities = [p for p in cands if p.kind == "city"]
    place = max(cities or cands, key=lambda p: p.population)
    return place, m.start("city"), m.start("city") + len(city)
