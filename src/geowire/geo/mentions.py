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

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from ..sentences import doc_text
from .gazetteer import Gazetteer, Place, name_key
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
        if p.kind in ("city", "adm1") and p.geonames_id and self.name and not self.seat \
                and name_key(self.name) != name_key(p.name):
            return self.name
        return p.name


def _well_known(places: tuple[Place, ...]) -> bool:
    return any(p.kind != "city" or p.population >= _WELL_KNOWN for p in places)


def introduced(doc: Doc, start: int, words: Words) -> str | None:
    """The place phrase that introduces the span at token `start`, if any: "in" for "in X", "near" for "near
    western X", or the place noun of "the town of X"."""
    i = start - 1
    while i >= 0 and (doc[i].lower_ in ("the", "a", "an") or doc[i].tag_ == "JJ"):
        i -= 1
    if i < 0:
        return None
    prev = doc[i].lower_
    if prev in words.locative or prev in ("to", "from", "toward", "towards"):
        return prev
    if prev == "of" and i > 0 and doc[i - 1].lower_ in words.place_nouns:
        return doc[i - 1].lower_
    return None


def find_mentions(doc: Doc, gaz: Gazetteer, words: Words, actor_places: dict[tuple[int, int], tuple[str, str]]
                  ) -> list[Mention]:
    """Place mentions of `doc` in order. `actor_places` maps (start, end) character spans that the actor
    stage resolved as places (cities, capitals, states) to their country and form."""
    ent_label: dict[int, tuple[str, int, int]] = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_label[i] = (ent.label_, ent.start, ent.end)
    # one array pass over the tokens (no Token objects); the search below works on these lists
    text = doc_text(doc)
    rows = doc.to_array([IDX, LENGTH, IS_ALPHA, IS_PUNCT, SENT_START]).tolist()
    starts = [r[0] for r in rows]
    ends = [r[0] + r[1] for r in rows]
    words_ = [text[r[0]:r[0] + r[1]] for r in rows]
    upper = [w[:1].isupper() for w in words_]
    # a name starts with a capital letter on a word, and never runs over a sentence start or punctuation
    # other than hyphens, dots and apostrophes
    opens = [u and (r[2] == 1 or "-" in w or "'" in w or "." in w) for u, r, w in zip(upper, rows, words_, strict=True)]
    breaks = [r[4] == 1 or (r[3] == 1 and w not in ("-", ".", "'")) for r, w in zip(rows, words_, strict=True)]
    names = gaz.names
    out: list[Mention] = []
    n = len(rows)
    i = 0
    while i < n:
        found = None
        most = gaz.first_words.get(name_key(words_[i]), 0) if opens[i] else 0
        if most:  # some name starts with this word: try the longest span first
            limit = i + 1
            while limit < min(n, i + MAX_TOKENS, i + 2 * most) and not breaks[limit]:
                limit += 1
            for j in range(limit, i, -1):
                if not upper[j - 1]:
                    continue
                places = names.get(name_key(text[starts[i]:ends[j - 1]]))
                if places:
                    span = doc[i:j]
                    found = _judge(doc, span, tuple(places), words, ent_label, actor_places,
                                   name_key(span.text) in gaz.seats)
                    break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.tok_end
    return out


def _judge(doc: Doc, span: Span, places: tuple[Place, ...], words: Words,
           ent_label: dict[int, tuple[str, int, int]], actor_places: dict[tuple[int, int], tuple[str, str]],
           seat: bool = False) -> Mention | None:
    labels = [ent_label.get(t.i) for t in span]
    ner = any(lab is not None and lab[0] in _PLACE_LABELS for lab in labels)
    actor_country, actor_form = actor_places.get((span.start_char, span.end_char), (None, None))
    intro = introduced(doc, span.start, words)
    if actor_country is None and not seat:  # "the Kremlin" is an ORG to NER and a place to us
        for lab in labels:
            if lab is None or lab[0] not in _NAME_LABELS:
                continue
            inside = lab[1] < span.start or lab[2] > span.end
            if inside and not _leads_body(doc, span, lab):
                return None  # part of a longer name: "Paris Hilton", "the Kyiv Independent"
            if not inside and intro is None and not _division_after(doc, span, words):
                return None  # "Jordan said", "sank the Cheonan": a name unless a place phrase says otherwise
    if len(span) == 1 and name_key(span.text) in words.common:
        return None  # "Police", "Airport", the "Islands" of "Diaoyu Islands"
    if len(span) == 1 and span.text.isupper() and len(span.text) <= 4:
        places = tuple(p for p in places if p.kind not in ("city", "adm1"))  # "EU" is no town of Eu
        if not places:
            return None
    proper = all(t.tag_ in ("NNP", "NNPS", "JJ") or not t.is_alpha or t.lower_ in ("of", "de", "al", "el", "la")
                 for t in span)
    context = intro is not None or _followed_by_place(doc, span)
    if not (ner or actor_country or context or (proper and _well_known(places))):
        return None
    end = span.end
    hint = "city" if intro in words.city else "adm1" if intro in words.division else None
    if end < len(doc) and doc[end].lower_ in words.division:
        hint, end = "adm1", end + 1
    elif end < len(doc) and doc[end].lower_ in words.city:
        hint = "city"  # "Gaza City", "Hodeidah airport": the city, not the province
        if doc[end].lower_ == "city":
            end += 1
    full = doc[span.start:end]
    return Mention(full.start_char, full.end_char, full.start, full.end, full.text, places, hint, ner,
                   actor_country, actor_form, seat, span.text)


def _division_after(doc: Doc, span: Span, words: Words) -> bool:
    return span.end < len(doc) and doc[span.end].lower_ in words.division


def _leads_body(doc: Doc, span: Span, label: tuple[str, int, int]) -> bool:
    """A place that opens an organisation's name made of common words ("Hyderabad police", "Kherson city
    council") is still that place; "the Kyiv Independent" is not."""
    kind, start, end = label
    return kind == "ORG" and span.start <= start + 1 and span.end < end and doc[span.end].text.islower()


def _followed_by_place(doc: Doc, span: Any) -> bool:
    """ "Paris, Texas", "Mokha, Yemen": a comma and a capitalised name follow."""
    j = span.end
    return j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].text[:1].isupper() and doc[j + 1].is_alpha
