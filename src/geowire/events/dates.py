"""When did it happen: the article date, or a date the trigger's own clause names.

"In 2022" or "since 2014" attached to the trigger (or to the verb whose complement it is: "in 2015 began
supporting", or whose conjunct it is with the same subject: "in 2007 labelled him a terrorist and imposed
sanctions") gives that year ("YYYY"); so do "last year" and "two years ago" / "a decade ago", counted back from
the article's year; "in the 1980s" gives the decade's first year; an event noun's own year ("the 2014
annexation", "the 1998-2000 war") gives that year, and the time of the verb that says it began or ended is the
noun's ("since the war began in 2022"); "on Monday" and "yesterday" are resolved against the article date;
"on April 19" takes the article's year, "on April 19, 2018" its own. Where the clause's verbs carry no time, an
"in <year>" the parser hung on a word below the verb dates the act ("was convicted of bribery, linked to
contracts he signed as minister, in 2016"), unless it sits in another clause (relative, participle with its
own subject, complement).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..sentences import doc_memo
from ..tokens import Tokens
from .triggers import subtree

__all__ = ["dated_words", "event_date_at"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_YEAR = re.compile(r"^(19|20)\d\d$")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_SPANS = {"year": 1, "years": 1, "decade": 10, "decades": 10}
_DECADE = re.compile(r"^((19|20)\d0)s$")
_PRESENT = {"VBZ", "VBP", "MD", "VBG"}  # a conjunct in another tense ("and is now shelling") keeps its own time
_ASPECT = {"begin", "start", "break", "erupt", "end", "flare", "resume"}  # "the war began in 2022"
_NOUN_DATE_DEPS = ("nummod", "compound", "amod", "npadvmod")  # "the 2014 annexation"


def _parse(d: str | None) -> dt.date | None:
    if not d:
        return None
    try:
        return dt.date.fromisoformat(d[:10])
    except ValueError:
        return None


def _years_back(words: list[str], base: dt.date | None) -> str | None:
    """The year "last year", "two years ago" or "a decade ago" names, counted back from the article's year."""
    if base is None:
        return None
    if words[-2:] == ["last", "year"]:
        return str(base.year - 1)
    if len(words) >= 3 and words[-1] == "ago" and words[-2] in _SPANS:
        n = _COUNTS.get(words[-3]) or (int(words[-3]) if words[-3].isdigit() and len(words[-3]) <= 2 else 0)
        if n:
            return str(base.year - n * _SPANS[words[-2]])
    return None


def _from_words(forms: list[str], base: dt.date | None) -> str | None:
    """The date these lower-case word forms (a time expression) name, by the article date `base`."""
    words = [w for w in forms if w != ","]  # "September 19, 2018": the comma is a token
    back = _years_back(words, base)
    if back:
        return back
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
        decade = _DECADE.match(w)
        if _YEAR.match(w) or decade:
            named = decade.group(1) if decade else w
            if base and int(named) == base.year:
                return None
            return named
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


def _shares_time(toks: Tokens, node: int) -> bool:
    """Whether a conjunct verb takes the time of the verb it is conjoined to: it has no subject of its own and
    is in a past form, with no present or modal auxiliary ("labelled him a terrorist and imposed sanctions",
    not "invaded in 2022 and is now shelling")."""
    if toks.tag[node] not in ("VBD", "VBN"):
        return False
    return not any(toks.dep[c] in ("nsubj", "nsubjpass") or (toks.dep[c] in ("aux", "auxpass")
                                                              and toks.tag[c] in _PRESENT)
                   for c in toks.children[node])


def _clause_heads(toks: Tokens, node: int) -> list[int]:
    """The word and the verbs its clause is the complement of ("In 2015, Saudi Arabia started supporting ...":
    the year is on "started", the act is "supporting") or the conjunct of (`_shares_time`)."""
    out = [node]
    while toks.head[node] != node and len(out) < 4 and (
            toks.dep[node] == "xcomp" or (toks.dep[node] == "conj" and _shares_time(toks, node))):
        node = toks.head[node]
        out.append(node)
    return out


def _dated_words(toks: Tokens, memo: dict[str, Any]) -> set[int]:
    """The words whose subtree holds a DATE word: those words and their ancestors (kept in the document's memo)."""
    dated = memo.get("dated words")
    if dated is None:
        dated = memo["dated words"] = set()
        for i, label in enumerate(toks.ent_type):
            if label == "DATE":
                dated.add(i)
                dated.update(toks.ancestors(i))
    return dated  # type: ignore[no-any-return]


def dated_words(toks: Tokens) -> set[int]:
    """The words whose subtree holds a DATE word (kept in the document's memo): `event_date_at` looks for a
    time expression only under them."""
    return _dated_words(toks, doc_memo(toks.doc))


def _noun_year(toks: Tokens, noun: int, base: dt.date | None, dated: set[int]) -> str | None:
    """The year an event noun's own modifier names ("the 2014 annexation"), other than the article's."""
    for c in toks.children[noun]:
        if c in dated and toks.dep[c] in _NOUN_DATE_DEPS and toks.ent_type[c] == "DATE":
            got = _from_words([toks.lower[w] for w in subtree(toks, c)], None)
            if got and (base is None or int(got) != base.year):
                return got
    return None


def event_date_at(toks: Tokens, trig: int, verb: int | None, doc_date: str | None,
                  dated: set[int] | None = None) -> str | None:
    """The event's date: from a time expression on the clause of the trigger (word `trig`, its clause verb
    word `verb`), or on the verbs it complements, else the article date. `dated`: `dated_words(toks)`, where
    the caller has them."""
    if dated is None:
        dated = dated_words(toks)
    if not dated:  # no time expression anywhere
        return doc_date[:10] if doc_date else None
    base = _parse(doc_date)
    dep, lower, ent_type = toks.dep, toks.lower, toks.ent_type
    if toks.pos[trig] in ("NOUN", "PROPN"):
        own = _noun_year(toks, trig, base, dated)
        if own:
            return own
        if dep[trig] == "nsubj" and toks.lemma[toks.head[trig]] in _ASPECT:
            verb = toks.head[trig]
    nodes = [n for start in (trig, verb) if start is not None for n in _clause_heads(toks, start)]
    for node in dict.fromkeys(nodes):  # each word once, in order
        for c in toks.children[node]:
            if dep[c] == "prep" and lower[c] in ("in", "on", "since", "during"):
                if c in dated:  # a DATE word in its subtree
                    got = _from_words([lower[w] for w in subtree(toks, c)], base)
                    if got:
                        return got
            elif (dep[c] in ("npadvmod", "tmod") or (dep[c] == "advmod" and lower[c] == "ago")) and ent_type[c] == "DATE":
                got = _from_words([lower[w] for w in subtree(toks, c)], base)
                if got:
                    return got
    late = _year_in_clause(toks, verb if verb is not None else trig, base, dated)
    return late or (doc_date[:10] if doc_date else None)


# clauses with a time of their own; a gerund too: "charged him with killing a teenager in 2022"
_OTHER_CLAUSES = frozenset({"relcl", "acl", "ccomp", "parataxis", "xcomp", "csubj", "pcomp"})


def _year_in_clause(toks: Tokens, node: int, base: dt.date | None, dated: set[int]) -> str | None:
    """A year other than the article's that an "in ..." phrase anywhere in the clause of word `node` names, where
    the parser hung it on a word below the verb ("was convicted of corruption, stemming from his years as
    mayor, in 2011"; "agreed to a power-sharing deal with the opposition in 2009"); not inside another clause
    (a relative or complement clause, or one with a subject of its own)."""
    dep, lower, kids = toks.dep, toks.lower, toks.children
    todo = [c for c in kids[node] if c in dated]
    while todo:
        w = todo.pop()
        if dep[w] in _OTHER_CLAUSES or any(dep[c] in ("nsubj", "nsubjpass") for c in kids[w]):
            continue
        if dep[w] == "prep" and lower[w] == "in":
            words = [lower[x] for x in subtree(toks, w)]
            if any(_YEAR.match(x) for x in words):
                got = _from_words(words, base)
                if got and len(got) == 4:
                    return got
        todo += [c for c in kids[w] if c in dated]
    return None
