"""The pattern coder's event record (`CodedEvent`) and how the event stages read and write the Doc.

Inside the event stages actors are `ActorMention` records and the pattern coder's events `CodedEvent`s; the
Doc carries both as plain dicts (`doc._.geowire_actors`, `doc._.geowire_actor_candidates`,
`doc._.geowire_rule_events`, `doc._.geowire_events`). `doc_mentions` and `doc_groups` read the actor dicts
back into records; `CodedEvent.to_dict` and `event_actor` write the event dicts, with an event's actors named
by `EVENT_ACTOR_KEYS` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

from spacy.tokens import Doc, Token

from .. import knowledge as kb
from ..model import ACTOR_RECORDS, EVENT_ACTOR_KEYS, ActorMention
from ..sentences import doc_memo
from ..tokens import Tokens, doc_tokens
from .codebook import root_of
from .triggers import subtree

__all__ = ["CodedEvent", "venue", "same_actor", "same_referent", "event_actor", "trigger_of", "doc_mentions", "doc_groups", "drop_vaguer",
           "news_credits"]


def event_actor(m: ActorMention | None) -> dict[str, Any] | None:
    """An actor as an event dict names it: words, offsets, name, code, country, sector and how resolved."""
    if m is None:
        return None
    return dict(zip(EVENT_ACTOR_KEYS, _event_actor_values(m), strict=True))


_event_actor_values = attrgetter(*EVENT_ACTOR_KEYS)  # a mention's values of `EVENT_ACTOR_KEYS`, in their order


def trigger_of(tok: Token) -> dict[str, Any]:
    """The word that expresses an act, as an event dict names it."""
    return {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)}


@dataclass(slots=True)
class CodedEvent:
    """One event as the pattern coder codes it (`doc._.geowire_rule_events` holds its `to_dict()`)."""

    sentence_index: int
    sentence: str
    sent_start: int  # character offset of the sentence
    source: ActorMention
    target: ActorMention | None
    trigger: dict[str, Any]  # {text, start, end}
    cameo: str
    negated: bool
    modality: str  # actual, future or hypothetical
    attributed_to: ActorMention | None
    date: str | None
    confidence: float
    pattern: str | None
    target_from: str | None  # which search found the target ("pattern", "condition", ...)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence_index": self.sentence_index, "sentence": self.sentence, "sent_start": self.sent_start,
            "source": event_actor(self.source), "target": event_actor(self.target), "trigger": self.trigger,
            "cameo": self.cameo, "negated": self.negated, "modality": self.modality,
            "attributed_to": event_actor(self.attributed_to), "date": self.date, "confidence": self.confidence,
            "pattern": self.pattern, "target_from": self.target_from,
        }


_NAMED_KINDS = ("person", "institution", "group")


def same_actor(a: ActorMention, b: ActorMention) -> bool:
    """The pattern coder's test of one actor on both sides: the same mention, or the same actor code and not
    two differently named people or bodies. Domestic events between two actors of one country (a government
    and its rebels, a state and its own citizens) are kept, and so are those between two differently named
    people or bodies that share a code (a vice-president and an anti-corruption commission, both KENGOV).
    The model's candidates use the narrower `same_referent` and leave the rest to the model."""
    if a is b:
        return True
    if a.code != b.code:
        return False
    named = a.kind in _NAMED_KINDS and b.kind in _NAMED_KINDS and a.name and b.name
    return not named or a.name == b.name


def implicit_state(country: str, sector: str | None, how: str) -> ActorMention:
    """A state, or one of its sectors (its government, rebels), that the text leaves unnamed: an actor with no
    words ("two suspects were arrested": their state; "the Vietnam War": the United States)."""
    return ActorMention(code=country + (sector or ""), country=country, sector=sector, how=how, kind="state",
                        form="implicit", keys=[*EVENT_ACTOR_KEYS, "kind", "form", "head"])


def same_referent(a: ActorMention, b: ActorMention) -> bool:
    """Two mentions of one actor: the same mention, or the same code and the same name ("Trump defended his
    decision", "Algeria said it ..."). No event has one actor as both its source and its target."""
    return a is b or (a.code == b.code and bool(a.name) and a.name == b.name)


_COPULAS = frozenset({"be", "become", "remain", "seem", "appear"})


def _head_of(toks: Tokens, d: dict[str, Any]) -> int | None:
    """The head word of an actor dict, None for an actor no words name (head -1 or missing)."""
    head = d.get("head")
    return head if head is not None and 0 <= head < len(toks) else None


def predicative_nationality(toks: Tokens, d: dict[str, Any]) -> bool:
    """A nationality said of someone ("the suspect was Pakistani", "he could be Mexican"): a demonym that is the
    complement of a copula describes, it does not act and is not acted on. `toks`: the Doc's token table."""
    if d.get("form") != "adjective":
        return False
    i = _head_of(toks, d)
    return i is not None and toks.dep[i] in ("acomp", "attr") and toks.lemma[toks.head[i]].lower() in _COPULAS


_ENVOYS = frozenset({"ambassador", "envoy", "representative", "emissary", "delegate", "delegation", "consul",
                     "attache", "attaché", "mission", "embassy"})
_POSTS = frozenset({"ambassador", "envoy", "consul", "embassy", "consulate"})  # "in" the host: "the embassy in Iraq"


def envoy_host(toks: Tokens, d: dict[str, Any]) -> bool:
    """The host named in an envoy's title ("the US ambassador to Germany", "Russia's envoy to the UN", "the US
    embassy in Iraq", also where the parser runs the envoy's name into it: "Ambassador to the United Nations
    Nikki Haley"): part of who the envoy is, not a party to the envoy's acts. A mention is one when one of
    its words is the object of "to" or "at" on an envoy word outside it, or of "in" on a diplomatic post
    (not "the peacekeeping mission in Mali"). `toks`: the Doc's token table."""
    lo, hi = d.get("tok_start", -1), d.get("tok_end", -1)
    words = range(lo, hi) if 0 <= lo < hi <= len(toks) else [i for i in [_head_of(toks, d)] if i is not None]
    for i in words:
        if toks.dep[i] != "pobj":
            continue
        prep = toks.head[i]
        envoy = toks.head[prep]
        word = toks.lemma[envoy].lower()
        if ((toks.lower[prep] in ("to", "at") and word in _ENVOYS or toks.lower[prep] == "in" and word in _POSTS)
                and envoy != prep and not lo <= envoy < hi):
            return True
    return False


def _no_party(toks: Tokens, d: dict[str, Any]) -> bool:
    """`predicative_nationality(toks, d) or envoy_host(toks, d) or platform_medium(toks, d)`, reading the
    actor's head word once: only a copula's complement can be the first."""
    i = _head_of(toks, d)
    if i is None:
        return False
    if toks.dep[i] in ("acomp", "attr"):
        return predicative_nationality(toks, d)
    return envoy_host(toks, d) or platform_medium(toks, d)


def platform_medium(toks: Tokens, d: dict[str, Any]) -> bool:
    """A platform named as the medium of an act ("wrote on Twitter", "a video posted on Telegram", "said via
    Facebook"): the object of "on", "via" or "through" whose name is a platform's (`platforms` in lexicon.yml).
    It carries the words, it is not their addressee; the company the name also names stays an actor where
    it is not the medium ("Brussels fined Twitter")."""
    i = _head_of(toks, d)
    if i is None or toks.dep[i] != "pobj" or toks.lower[toks.head[i]] not in ("on", "via", "through"):
        return False
    return str(d.get("text") or "").lower().removeprefix("the ") in kb.lexicon_words("platforms")


_PHRASE_DEPS = ("compound", "amod", "appos", "nmod", "poss")  # the words of a noun phrase, up to its head
_PLACE_FORMS = frozenset({"city", "capital"})


def venue(toks: Tokens, m: ActorMention) -> bool:
    """A place named as where something happens ("met opposition leaders in Geneva", "talks in Doha"): a
    city or a capital that is the object of a place preposition. It is where an act happened, never its
    doer; it is the target only of acts aimed at a place (`located_roots` in lexicon.yml: "shelled a
    hospital in Kharkiv"), as the pattern coder's location search finds it. A country's name stays a
    party: "rejected a call to deploy troops in East Timor" is aimed at East Timor."""
    return m.form in _PLACE_FORMS and _place_object(toks, m)


def in_place_phrase(toks: Tokens, m: ActorMention) -> bool:
    """Whether a country's bare name is the object of a place preposition ("in Iraq", "near Tehran"): where an
    act happens, so no doer of it (`candidates`); unlike a city (`venue`), a country stays a possible target."""
    return m.form == "name" and not m.sector and _place_object(toks, m)


def _place_object(toks: Tokens, m: ActorMention) -> bool:
    """Whether a state mention is the object of a place preposition (`Tokens.place_object`)."""
    return m.kind == "state" and 0 <= m.head < len(toks) and toks.place_object(m.head)


@lru_cache(maxsize=1)
def _credit_words() -> tuple[frozenset[str], frozenset[str]]:
    """The reporting verbs and the media words of the lexicon, read once per process."""
    lexicon = kb.load_lexicon()
    return frozenset(lexicon["reporting_verbs"]), frozenset(lexicon.get("media_words") or ())


def news_credits(toks: Tokens, mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions that only credit the news to a medium: those inside the phrase of a media actor (sector
    MED, or a phrase a media word heads or names before its head or in an apposition: `media_words` in
    lexicon.yml; "Greek daily Kathimerini", "Kathimerini, a Greek daily,") that is the subject of a reporting
    verb or the object of "according to" ("..., the Turkish news agency Anadolu reported", "according to the
    BBC"). Such a phrase says who reports the acts, not who takes part in them."""
    dep, head, lower = toks.dep, toks.head, toks.lower
    reporting, media = _credit_words()
    phrases: list[tuple[int, int]] = []
    for m in mentions:
        if not 0 <= m.head < len(toks):
            continue
        h = m.head
        while dep[h] in _PHRASE_DEPS and head[h] != h:
            h = head[h]
        up = head[h]
        if not ((dep[h] == "nsubj" and toks.lemma[up].lower() in reporting) or (
                dep[h] == "pobj" and lower[up] == "to" and lower[head[up]] == "according")):
            continue
        words = subtree(toks, h)  # the words before the head ("Greek daily Kathimerini"), its appositions
        named = [w for w in words if w <= h] + [c for c in toks.children[h] if dep[c] in _PHRASE_DEPS]
        if m.sector == "MED" or any(lower[w] in media for w in named):
            phrases.append((min(words), max(words) + 1))
    return [m for m in mentions if any(lo <= m.tok_start and m.tok_end <= hi for lo, hi in phrases)]


def doc_mentions(doc: Doc, resolved_only: bool = False) -> list[ActorMention]:
    """The actor mentions of an annotated Doc that can take part in an event, as records (`resolved_only`:
    with a country); never a nationality said of someone (`predicative_nationality`), the host in an
    envoy's title (`envoy_host`) nor a medium the news is credited to (`news_credits`). Both event stages
    ask: the records are made once per list of actors the Doc carries (kept in its memo) and shared, and the
    event stages only read them."""
    actors = doc._.geowire_actors or []
    memo = doc_memo(doc)
    made = memo.get("event parties")
    if made is None or made[0] is not actors or made[1] != len(actors):
        toks = doc_tokens(doc)
        parties = [m for m, d in zip(_actor_records(actors, memo), actors, strict=True) if not _no_party(toks, d)]
        credits = {id(m) for m in news_credits(toks, parties)}
        made = memo["event parties"] = (actors, len(actors), [m for m in parties if id(m) not in credits])
    return [m for m in made[2] if m.country] if resolved_only else list(made[2])


def _actor_records(actors: list[dict[str, Any]], memo: dict[str, Any]) -> list[ActorMention]:
    """The records of the actor dicts `actors`: those the actor stage made them from when it handed them over
    for this very list (`ACTOR_RECORDS` in the Doc's memo), else made from the dicts (a Doc read from disk, or
    whose actors were replaced after the stage)."""
    handed = memo.get(ACTOR_RECORDS)
    if handed is not None and handed[0] is actors and len(handed[1]) == len(actors):
        return list(handed[1])
    return [ActorMention.from_dict(d) for d in actors]


def doc_groups(doc: Doc) -> list[ActorMention]:
    """The mentions that stand for several actors named before ("the two countries"). Both event stages ask:
    the records are made once per list of actor candidates the Doc carries (kept in its memo, as
    `doc_mentions` keeps its records) and shared; the event stages only read them."""
    candidates = doc._.geowire_actor_candidates or []
    memo = doc_memo(doc)
    made = memo.get("event groups")
    if made is None or made[0] is not candidates or made[1] != len(candidates):
        made = memo["event groups"] = (candidates, len(candidates),
                                       [ActorMention.from_dict(d) for d in candidates if d.get("group")])
    return list(made[2])


def drop_vaguer(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a target-less event when the same sentence has the same source and root with a target."""
    with_target = {(e["sentence_index"], e["source"]["code"], root_of(e["cameo"])) for e in events if e["target"]}
    return [e for e in events
            if e["target"] or (e["sentence_index"], e["source"]["code"], root_of(e["cameo"])) not in with_target]
