"""Where people live or come from: "ethnic Albanians in south Serbia" act as part of Serbia, "a missionary
from Calgary" is a Canadian civilian.

A demonym names a people, not a state. With "ethnic" before it, news means a community living somewhere
("ethnic Russians in Estonia protested"), and so does "the Albanians of southern Serbia"; CAMEO-style
coding places such a community in the country where it lives:
the place named in its own phrase ("in Estonia", "of southern Serbia"), else the place where its clause
happens ("... demonstrated on Tuesday in Serbia"). With no place named, the demonym's country stays.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorMention
from ..tokens import Tokens

__all__ = ["settle_residence", "settle_origin"]

_PLACE_PREPS = ("in", "of", "from", "inside", "within", "across")


def _place_under(tok: Token, by_head: dict[int, ActorMention], preps: tuple[str, ...]) -> ActorMention | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.subtree:
                m = by_head.get(g.i)
                if m is not None and m.kind == "state" and m.form in ("name", "capital", "city"):
                    return m
    return None


def settle_residence(toks: Tokens, mentions: list[ActorMention]) -> None:
    """Place, in place, a people living somewhere in the country where it lives (see the module's text)."""
    by_head = {m.head: m for m in mentions if m.country}
    lower = toks.lower
    for m in mentions:
        if not m.country or m.kind not in ("state", "role"):
            continue
        start = m.tok_start
        ethnic = lower[start] == "ethnic" or (start > 0 and lower[start - 1] == "ethnic")
        people = toks.tag[m.head] == "NNPS" and m.form == "adjective"
        if not (ethnic or people):
            continue
        head = toks.doc[m.head]
        if not ethnic:  # "the Albanians of southern Serbia": a people named by where it lives
            place = _place_under(head, by_head, ("of",))
            if place is not None and place.country != m.country:
                _settle(m, place)
            continue
        place = _place_under(head, by_head, _PLACE_PREPS)
        for acl in [c for c in head.children if c.dep_ == "acl"]:  # "ethnic Albanian guerrillas operating in"
            place = place or _place_under(acl, by_head, ("in", "inside", "across"))
        if place is None and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
            place = _place_under(head.head, by_head, ("in",))
        if place is None or place.country == m.country:
            continue
        _settle(m, place)


def _settle(m: ActorMention, place: ActorMention) -> None:
    m.country = place.country
    m.code = (place.country or "") + (m.sector or "")  # places here are resolved
    m.name = f"{m.text} in {place.name}"
    m.how = "context"
    m.antecedent = place.text  # the place that settles it


def settle_origin(toks: Tokens, mentions: list[ActorMention], people: frozenset[str] | set[str]) -> None:
    """A person noun the dictionaries do not know, with "from" and a place ("a Christian missionary from
    Calgary", "two tourists from Japan"), is a civilian of that place: the place's mention grows to cover the
    phrase, headed by the person noun (`people`: lexicon `origin_nouns`)."""
    covered = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    for m in mentions:
        if m.kind != "state" or m.sector or m.form not in ("name", "capital", "city"):
            continue
        if toks.dep[m.head] != "pobj" or toks.lower[toks.head[m.head]] != "from":
            continue
        doc = toks.doc
        tok = doc[m.head]
        prep = tok.head
        noun = prep.head
        if not (tok.dep_ == "pobj" and prep.lower_ == "from" and noun.pos_ == "NOUN"
                and noun.lemma_.lower() in people and noun.i not in covered and noun.i < prep.i):
            continue
        start = min([noun.i] + [c.left_edge.i for c in noun.children
                                if c.i < noun.i and c.dep_ in ("det", "amod", "compound", "nummod")])
        if any(i in covered for i in range(start, noun.i + 1)):
            continue
        span = doc[start : m.tok_end]
        m.tok_start, m.head, m.text, m.start, m.end = start, noun.i, span.text, span.start_char, span.end_char
        m.sector, m.code, m.kind, m.form, m.how = "CVL", (m.country or "") + "CVL", "role", "role", "context"
        m.name, m.origin = f"{noun.text} from {m.name}", True
        covered.update(range(start, m.tok_end))
