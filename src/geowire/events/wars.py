"""Named wars as events: "the Korean War", "the Iran-Iraq War", "the Syrian civil war" each name fighting
(CAMEO 190) between known sides that began in a known year.

News names past and ongoing wars in passing ("his father fought in the Vietnam War", "the worst crisis since
the Iran-Iraq War"), and a careful coder codes each as an act of force by each side against the other, dated
to the year it began (a background act in most articles); a civil war as fighting between its country's
government and rebels. A name often holds one side or both ("Iran" in "the Iran-Iraq War") and sometimes
neither ("the Vietnam War": the United States and North Vietnam), so each side is its mention inside the name
where there is one, else its state as an implicit actor. The wars, their names, sides and first years are data
(`data/wars.tsv`, `knowledge.load_wars`); the name's "war" or "conflict", else its last word, is the event's
word. A name is matched only where it is written as a name, one of its words capitalised ("a winter war" is no
Winter War; "the war in Ukraine" is a name by its country).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import knowledge as kb
from ..model import ActorMention
from ..tokens import Tokens
from .records import CodedEvent, implicit_state
from .triggers import trigger_at

__all__ = ["war_events", "WAR_CODE"]

WAR_CODE = "190"  # use conventional military force
_DASH = r"\s*[-\u2010-\u2015]\s*"
_NAMED = re.compile(r"\b[A-Z0-9]")  # a name as written: one of its words capitalised (or a year)


def _pattern(name: str) -> str:
    """A name as a regular expression: any dash for a hyphen, any run of spaces for a space."""
    words = [re.escape(part) for part in name.split("-")]
    return _DASH.join(r"\s+".join(w.split(r"\ ")) for w in words)


@lru_cache(maxsize=1)
def _wars() -> tuple[re.Pattern[str], dict[str, tuple[list[str], list[str], str]], frozenset[str]]:
    """One expression for every war's names (longest first); by lower-cased name with plain hyphens and single
    spaces, each war's sides and first year; and the names' words of war ("war", "conflict": `_war_word`), one
    of which a document must hold for any name to be in it."""
    by_name: dict[str, tuple[list[str], list[str], str]] = {}
    for names, side_a, side_b, began in kb.load_wars():
        for name in names:
            by_name[_key(name)] = (side_a, side_b, began)
    alternatives = sorted(by_name, key=len, reverse=True)
    war_words = frozenset(_war_word(re.split(r"[\s-]+", name)) for name in by_name)
    return (re.compile(r"\b(?:" + "|".join(map(_pattern, alternatives)) + r")\b", re.IGNORECASE), by_name,
            war_words)


_WAR_WORDS = ("war", "conflict")


def _war_word(words: list[str]) -> str:
    """The word of a war's name that names the act: "war" or "conflict" where the name has it ("the war in
    Ukraine"), else its last word ("Operation Desert Storm")."""
    return next((w for w in words if w in _WAR_WORDS), words[-1])


def _key(name: str) -> str:
    return re.sub(_DASH, "-", re.sub(r"\s+", " ", name.strip())).lower()


def _side(country: str, inside: list[ActorMention], sector: str | None = None) -> ActorMention:
    """A side of a war: its mention inside the war's name, else its state (no text: an implicit actor); a side
    of a civil war, its state's government or the rebels (`sector`)."""
    named = next((m for m in inside if m.country == country), None) if sector is None else None
    if named is not None:
        return named
    return implicit_state(country, sector, "war name")


def _sides(side_a: list[str], side_b: list[str], inside: list[ActorMention]
           ) -> list[tuple[ActorMention, ActorMention]]:
    """(source, target) of each event of a war: each side against each of the other, both ways; in a civil
    war, the government against the rebels and the rebels against the government."""
    if side_a == side_b:
        gov, reb = _side(side_a[0], inside, "GOV"), _side(side_a[0], inside, "REB")
        return [(gov, reb), (reb, gov)]
    pairs = sorted({(a, b) for a in side_a for b in side_b} | {(b, a) for a in side_a for b in side_b})
    return [(_side(a, inside), _side(b, inside)) for a, b in pairs]


def war_events(toks: Tokens, text: str, by_token: dict[int, ActorMention]) -> list[CodedEvent]:
    """The events of the named wars in a document's `text` (`toks`: its token table; `by_token`: its actor
    mentions by word): each side against each of the other, both ways, on the name's word of war. The pattern
    coder puts them before its own events, so that a war's year dates it where a pattern also read the name
    ("the Iran-Iraq war": `learned._rule_for` takes the first)."""
    expression, by_name, war_words = _wars()
    if war_words.isdisjoint(toks.lower):  # most documents name no war: no search of their text
        return []
    out: list[CodedEvent] = []
    for match in expression.finditer(text):
        if not _NAMED.search(match.group(0)):
            continue  # "a winter war" is no Winter War; "the war in Ukraine" names its country
        words = toks.char_span(match.start(), match.end())
        if words is None:
            continue
        side_a, side_b, began = by_name[_key(match.group(0))]
        inside = list({id(m): m for i in range(*words) if (m := by_token.get(i)) is not None}.values())
        word = next((i for i in range(*words) if toks.lower[i] in _WAR_WORDS), words[1] - 1)
        si = toks.sentence_of[word]
        start, end = toks.sentence_bounds[si]
        sentence = text[toks.idx[start]:toks.end_idx[end - 1]]
        for source, target in _sides(side_a, side_b, inside):
            out.append(CodedEvent(si, sentence, toks.idx[start], source, target, trigger_at(toks, word), WAR_CODE,
                                  False, "actual", None, began, 0.75, "war", "war name"))
    return out
