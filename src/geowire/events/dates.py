"""When did it happen: the article date, or a date the trigger's own clause names.

"In 2022" or "since 2014" attached to the trigger (or to the verb whose complement it is: "in 2015 began
supporting") gives that year ("YYYY"); "on Monday" and "yesterday" are resolved against the article date;
"on April 19" takes the article's year, "on April 19, 2018" its own.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from spacy.tokens import Token

from ..sentences import doc_memo
from ..tokens import doc_tokens
from .triggers import Kids, token_children

__all__ = ["event_date"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_YEAR = re.compile(r"^(19|20)\d\d$")


def _parse(d: str | None) -> dt.date | None:
    if not d:
        return None
    try:
        return dt.date.fromisoformat(d[:10])
    except ValueError:
        return None


def _from_tokens(toks: list[Token], base: dt.date | None) -> str | None:
    words = [t.lower_ for t in toks if t.lower_ != ","]  # "September 19, 2018": the comma is a token
    for i, w in enumerate(words):
        if w in _MONTHS and i + 1 < len(words) and words[i + 1].isdigit():
            day = int(words[i + 1])
            year = base.year if base else None
            if i + 2 < len(words) and _YEAR.match(words[i + 2]):
                year = int(words[i + 2])
            if year and 1 <= day <= 31:
                try:
                    return dt.date(year, _MONTHS.index(w) + 1, day).isoformat()
                except ValueError:
                    return None
    for w in words:
        if _YEAR.match(w):
            if base and int(w) == base.year:
                return None
            return w
    if base:
        for w in words:
            if w in _WEEKDAYS:
                delta = (base.weekday() - _WEEKDAYS.index(w)) % 7
                return (base - dt.timedelta(days=delta)).isoformat()
            if w == "yesterday":
                return (base - dt.timedelta(days=1)).isoformat()
            if w == "today":
                return base.isoformat()
    return None


def _clause_heads(node: Token) -> list[Token]:
    """The word and the verbs its clause is the complement of ("In 2015, Saudi Arabia started supporting ...":
    the year is on "started", the act is "supporting")."""
    out = [node]
    while node.dep_ == "xcomp" and node.head.i != node.i and len(out) < 4:
        node = node.head
        out.append(node)
    return out


def _dates_within(tok: Token) -> bool:
    """Whether any word between the edges of `tok`'s subtree is part of a DATE entity: where none is, its
    subtree (a part of that stretch) names no date and need not be walked."""
    doc = tok.doc
    memo = doc_memo(doc)
    dates = memo.get("date words")
    if dates is None:  # the document's DATE words, in order
        dates = memo["date words"] = [i for i, e in enumerate(doc_tokens(doc).ent_type) if e == "DATE"]
    lo = bisect_left(dates, tok.left_edge.i)
    return lo < len(dates) and dates[lo] <= tok.right_edge.i


def event_date(trig: Token, verb: Token | None, doc_date: str | None,
               kids: Kids | None = None) -> str | None:
    """The event's date: from a time expression on the trigger's clause (or on the verbs it complements), else
    the article date. `kids` gives a word's children (`RoleFinder.children`; by default `Token.children`)."""
    base = _parse(doc_date)
    nodes = [n for start in (trig, verb) if start is not None for n in _clause_heads(start)]
    children = kids or token_children
    for node in dict.fromkeys(nodes):  # each word once, in order
        for c in children(node):
            if c.dep_ == "prep" and c.lower_ in ("in", "on", "since", "during"):
                if not _dates_within(c):
                    continue
                toks = list(c.subtree)
                if any(t.ent_type_ == "DATE" for t in toks):
                    got = _from_tokens(toks, base)
                    if got:
                        return got
            elif c.dep_ in ("npadvmod", "tmod") and c.ent_type_ == "DATE":
                got = _from_tokens(list(c.subtree), base)
                if got:
                    return got
    return doc_date[:10] if doc_date else None
