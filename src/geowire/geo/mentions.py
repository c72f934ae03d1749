"""Place mentions: the spans of a Doc that name a place in the gazetteer, with what the text says around them.

Dictionary first: every run of capitalised words is looked up, longest span first ("Bab el-Mandeb", "Gaza
Strip", "El Paso"). A span counts as a place when spaCy's NER calls it GPE, LOC or FAC, when the actor stage
resolved it as a place, when a place phrase introduces it ("in Pandeglang", "the town of Pandeglang", "Paris,
Texas"), or when it is a well-known place (a country, division, region, sea or a city of 100,000 people);
a name inside a person's or an organisation's name ("Paris Hilton", "the Kyiv Independent") never does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..tokens import Entity, Tokens
from .gazetteer import Gazetteer, Place, text_key
from .words import Words

__all__ = ["Mention", "find_mentions", "introduced"]

MAX_TOKENS = 6
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# NER labels of names that may hold a place name without being one; the small model also gives them to
# place names standing alone ("the Sahel" PRODUCT, "Belgorod" NORP), which count as places
_NAME_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
_WELL_KNOWN = 100_000


@dataclass
class Mention:
    """A place name in the text: its span, the places it may denote and, once resolved, the one it does."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    candidates: tuple[Place, ...]
    hint: str | None = None  # "adm1" after a division word ("Kherson region"), "city" after a city word
    ner: bool = False
    actor_country: str | None = None  # the country the actor stage gave the same span
    actor_form: str | None = None  # and how it read it: "capital", "city" or "name"
    seat: bool = False  # a seat of power standing for its city ("the Kremlin")
    name: str = ""  # the name as the text spells it, without a division or city word after it
    place: Place | None = field(default=None, compare=False)
    anchors: dict[bool, Any] = field(default_factory=dict, compare=False, repr=False)  # see locate._anchor
    root: int | None = field(default=None, compare=False, repr=False)  # its head word, see locate._root
    occasions: dict[int, bool] | None = field(default=None, compare=False, repr=False)  # see locate._occasions
    shown: tuple[Place, str] | None = field(default=None, compare=False, repr=False)  # see display_name

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {"text": self.text, "start": self.start, "end": self.end,
                "name": self.display_name, "kind": p.kind if p else None,
                "country": p.country if p else None, "adm1": p.adm1 if p else None,
                "lat": p.lat if p else None, "lon": p.lon if p else None,
                "geonames_id": p.geonames_id if p else None, "precision": p.precision if p else None}

    @property
    def display_name(self) -> str | None:
        """The place's GeoNames name, or the article's own spelling where that is another of the place's
        names: "Kobani" (not "‘Ayn al ‘Arab"), "Jenin" (not "Janīn"); a seat of power gives its city."""
        p = self.place
        if p is None:
            return None
        shown = self.shown
        if shown is None or shown[0] is not p:  # worked out once per resolved place (locate asks again)
            shown = self.shown = (p, self._display_name(p))
        return shown[1]

    def _display_name(self, p: Place) -> str:
        if p.kind in ("city", "adm1") and p.geonames_id and self.name and not self.seat \
                and text_key(self.name) != text_key(p.name):
            return self.name
        return p.name


def _well_known(places: tuple[Place, ...]) -> bool:
    return any(p.kind != "city" or p.population >= _WELL_KNOWN for p in places)


def introduced(toks: Tokens, start: int, words: Words) -> str | None:
    """The place phrase that introduces the span at token `start`, if any: "in" for "in X", "near" for "near
    western X", or the place noun of "the town of X"."""
    i = start - 1
    while i >= 0 and (toks.lower[i] in ("the", "a", "an") or toks.tag[i] == "JJ"):
        i -= 1
    if i < 0:
        return None
    prev = toks.lower[i]
    if prev in words.locative or prev in ("to", "from", "toward", "towards"):
        return prev
    if prev == "of" and i > 0 and toks.lower[i - 1] in words.place_nouns:
        return toks.lower[i - 1]
    return None


def find_mentions(toks: Tokens, gaz: Gazetteer, words: Words, actor_places: dict[tuple[int, int], tuple[str, str]]
                  ) -> list[Mention]:
    """Place mentions of the document of `toks` in order. `actor_places` maps (start, end) character spans that
    the actor stage resolved as places (cities, capitals, states) to their country and form."""
    text, starts, ends = toks.full_text, toks.idx, toks.end_idx
    spans, opening, closing, words_of = gaz.spans, gaz.opening, gaz.closing, toks.text
    capitals = _capitalised(words_of)
    upper = set(capitals)
    out: list[Mention] = []
    n = len(toks)
    resume = 0  # the token after the last mention found
    for i in capitals:
        if i < resume:
            continue
        most = opening[words_of[i]]
        if not most or not _opens(toks, i):
            continue
        # some name starts with this word: try the longest span first
        limit = _limit(toks, i + 1, min(n, i + MAX_TOKENS, i + 2 * most))
        for j in range(limit, i, -1):
            if j - 1 not in upper or (j - 1 > i and starts[j - 1] > ends[j - 2] and not closing[words_of[j - 1]]):
                continue  # a name ends on a capitalised word, and on a word some name ends on
            hit = spans[text[starts[i]:ends[j - 1]]]
            if hit is not None:
                found = _judge(toks, i, j, hit[1], words, actor_places, hit[0] in gaz.seats)
                if found is not None:
                    out.append(found)
                    resume = found.tok_end
                break
    return out


def _capitalised(words: list[str]) -> list[int]:
    """The indices of the words that start with a capital letter (`Tokens.capitalised`, found in one pass:
    a word in lower case, most words, cannot)."""
    return [i for i, word in enumerate(words) if not word.islower() and word[:1].isupper()]


def _opens(toks: Tokens, i: int) -> bool:
    """A name starts on a capitalised word (not punctuation other than hyphens, dots and apostrophes)."""
    return toks.is_alpha[i] or any(c in toks.text[i] for c in "-'.")


def _limit(toks: Tokens, start: int, stop: int) -> int:
    """The first word from `start` (at most `stop`) that a name cannot run over: a sentence start or
    punctuation other than hyphens, dots and apostrophes."""
    sent_start, punct, text = toks.is_sent_start, toks.is_punct, toks.text
    i = start
    while i < stop and not (sent_start[i] or (punct[i] and text[i] not in ("-", ".", "'"))):
        i += 1
    return i


def _judge(toks: Tokens, start: int, end: int, places: tuple[Place, ...], words: Words,
           actor_places: dict[tuple[int, int], tuple[str, str]], seat: bool = False) -> Mention | None:
    """The mention that tokens `start` to `end` (a name of `places`) make, or None where they name no place."""
    ents = toks.ent_of[start:end]
    ner = any(ent is not None and ent.label in _PLACE_LABELS for ent in ents)
    name = toks.span_text(start, end)
    actor_country, actor_form = actor_places.get((toks.idx[start], toks.end_idx[end - 1]), (None, None))
    intro = introduced(toks, start, words)
    if actor_country is None and not seat:  # "the Kremlin" is an ORG to NER and a place to us
        for ent in ents:
            if ent is None or ent.label not in _NAME_LABELS:
                continue
            inside = ent.start < start or ent.end > end
            if inside and not _leads_body(toks, start, end, ent):
                return None  # part of a longer name: "Paris Hilton", "the Kyiv Independent"
            if not inside and intro is None and not _division_after(toks, end, words):
                return None  # "Jordan said", "sank the Cheonan": a name unless a place phrase says otherwise
    if end - start == 1 and text_key(name) in words.common:
        return None  # "Police", "Airport", the "Islands" of "Diaoyu Islands"
    if end - start == 1 and name.isupper() and len(name) <= 4:
        places = tuple(p for p in places if p.kind not in ("city", "adm1"))  # "EU" is no town of Eu
        if not places:
            return None
    context = intro is not None or _followed_by_place(toks, end)
    if not (ner or actor_country or context or (_proper(toks, start, end) and _well_known(places))):
        return None
    stop = end
    hint = "city" if intro in words.city else "adm1" if intro in words.division else None
    after = toks.lower[stop] if stop < len(toks) else None
    if after in words.division:
        hint, stop = "adm1", stop + 1
    elif after in words.city:
        hint = "city"  # "Gaza City", "Hodeidah airport": the city, not the province
        if after == "city":
            stop += 1
    return Mention(toks.idx[start], toks.end_idx[stop - 1], start, stop, toks.span_text(start, stop), places, hint,
                   ner, actor_country, actor_form, seat, name)


def _proper(toks: Tokens, start: int, end: int) -> bool:
    """Tokens `start` to `end` read as a proper name: proper nouns (or adjectives), with no other words than
    particles of names ("Bab el-Mandeb")."""
    tag, alpha, lower = toks.tag, toks.is_alpha, toks.lower
    return all(tag[t] in ("NNP", "NNPS", "JJ") or not alpha[t] or lower[t] in ("of", "de", "al", "el", "la")
               for t in range(start, end))


def _division_after(toks: Tokens, end: int, words: Words) -> bool:
    return end < len(toks) and toks.lower[end] in words.division


def _leads_body(toks: Tokens, start: int, end: int, ent: Entity) -> bool:
    """A place that opens an organisation's name made of common words ("Hyderabad police", "Kherson city
    council") is still that place; "the Kyiv Independent" is not."""
    return ent.label == "ORG" and start <= ent.start + 1 and end < ent.end and toks.text[end].islower()


def _followed_by_place(toks: Tokens, end: int) -> bool:
    """ "Paris, Texas", "Mokha, Yemen": a comma and a capitalised name follow."""
    j = end
    return j + 1 < len(toks) and toks.text[j] == "," and toks.text[j + 1][:1].isupper() \
        and toks.is_alpha[j + 1]
