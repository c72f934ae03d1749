"""Find actor pieces in a Doc: dictionary matches first, spaCy's NER only for names the dictionary lacks.

A piece is a token span with the dictionary entries it may denote. Statistical NER never decides what a
dictionary form means; it only (a) vetoes a place name that sits inside a longer name of something else
("The Washington Post", "Jordan Peterson") and (b) proposes person names the dictionary does not know.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from spacy.attrs import LOWER, POS
from spacy.symbols import ADJ as ADJ_ID
from spacy.symbols import PROPN as PROPN_ID
from spacy.tokens import Doc, Span

from ..sentences import doc_text
from .gazetteer import KINDS_NEEDING_CAPITAL, Entry, Gazetteer

__all__ = ["Piece", "find_pieces"]

_VETO_LABELS = {"ORG", "FAC", "WORK_OF_ART", "PERSON", "EVENT", "PRODUCT", "LAW"}
_PLACE_PREFIXES = {"the", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
                   "central", "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest",
                   "northeastern", "northwestern", "southeastern", "southwestern", "occupied", "mainland"}
_ANAPHORS = {"country", "nation", "countries", "nations", "sides", "side"}


@dataclass
class Piece:
    start: int  # token index
    end: int  # token index, exclusive
    entries: list[Entry]
    kind: str = ""  # the kind of the first entry, or "unknown_person" / "anaphor"
    text: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _capitalized(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit()


def find_pieces(doc: Doc, gaz: Gazetteer) -> list[Piece]:
    """All non-overlapping actor pieces in document order (longest match wins)."""
    taken = [False] * len(doc)
    pieces = _dictionary_pieces(doc, gaz, taken)
    pieces = _named_bodies(doc, pieces, taken, gaz.body_heads)
    ents = list(doc.ents)  # built once: each `doc.ents` makes new spans
    pieces = _named_ngos(doc, pieces, ents, gaz.ngo_heads)
    ent_of = {i: e for e in ents for i in range(e.start, e.end)}
    pieces = [p for p in pieces if not _vetoed(doc, p, pieces, ent_of)]
    pieces = [_other_person(doc, p) for p in pieces]
    taken = [False] * len(doc)
    for p in pieces:
        for i in range(p.start, p.end):
            taken[i] = True
    pieces += _ner_people(doc, ents, taken)
    pieces += _titled_people(doc, pieces, taken)
    attrs = doc.to_array([POS, LOWER]).tolist()  # filter by array first: making every Token is costly
    pieces = _near_names(doc, gaz, pieces, taken, attrs)
    pieces += _appositive_people(doc, gaz, pieces, taken, attrs)
    anaphors = {doc.vocab.strings.add(w) for w in _ANAPHORS}
    for i in [i for i, (_, low) in enumerate(attrs) if low in anaphors and not taken[i]]:
        pieces.append(Piece(i, i + 1, [], "anaphor", doc[i].text))
    pieces.sort(key=lambda p: p.start)
    return pieces


def _dictionary_pieces(doc: Doc, gaz: Gazetteer, taken: list[bool]) -> list[Piece]:
    """The dictionary's matches, longest first, none overlapping (marked in `taken`)."""
    cands: list[Piece] = []
    text = doc_text(doc)
    for matcher in (gaz.orth_matcher, gaz.lower_matcher):
        for _, s, e in matcher(doc):
            first, last = doc[s], doc[e - 1]
            if first.is_punct or last.text in {"-", "–"}:
                continue
            words = text[first.idx:last.idx + len(last)]  # the span's text
            entries = gaz.lookup(words)
            if not entries:
                entries = gaz.lookup(" ".join(t.text for t in doc[s:e]))
            if not _capitalized(words):
                entries = [x for x in entries if x.kind not in KINDS_NEEDING_CAPITAL]
            if entries:
                cands.append(Piece(s, e, entries, entries[0].kind, words))
    cands.sort(key=lambda p: (-(p.end - p.start), p.start))
    pieces: list[Piece] = []
    for p in cands:
        if any(taken[p.start : p.end]):
            continue
        for i in range(p.start, p.end):
            taken[i] = True
        pieces.append(p)
    return pieces


def _ner_people(doc: Doc, ents: list[Span], taken: list[bool]) -> list[Piece]:
    """Person names NER finds and the dictionary does not know (capitalised, no possessive)."""
    out: list[Piece] = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        s, e = ent.start, ent.end
        while s < e and (taken[s] or not doc[s].text[:1].isupper()):
            s += 1
        while e > s and (taken[e - 1] or doc[e - 1].text in {"'s", "’s", "'"}):
            e -= 1
        if e > s and not any(taken[s:e]) and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in doc[s:e]):
            out.append(Piece(s, e, [], "unknown_person", doc[s:e].text))
            taken[s:e] = [True] * (e - s)
    return out


def _titled_people(doc: Doc, pieces: list[Piece], taken: list[bool]) -> list[Piece]:
    """ "Governor Ana Ruiz": a title before capitalised names NER left out is a person's."""
    out: list[Piece] = []
    for p in [p for p in pieces if p.kind == "role" and p.entries and p.entries[0].title]:
        j = p.end
        while j < len(doc) and j - p.end < 4 and not taken[j] and doc[j].pos_ == "PROPN" and doc[j].is_alpha \
                and doc[j].text[:1].isupper() and doc[j].ent_type_ in ("", "PERSON", "ORG"):
            j += 1
        org = any(t.ent_type_ == "ORG" for t in doc[p.end : j])  # "Vice-President Moody Awori" read as ORG
        if org and (j - p.end < 2 or p.entries[0].sector == "MIL"):  # not "General Motors"
            continue
        if j > p.end and doc[j - 1].dep_ not in ("compound", "amod"):
            out.append(Piece(p.end, j, [], "unknown_person", doc[p.end : j].text))
            for i in range(p.end, j):
                taken[i] = True
    return out


def _appositive_people(doc: Doc, gaz: Gazetteer, pieces: list[Piece], taken: list[bool],
                       attrs: list[list[int]]) -> list[Piece]:
    """ "Kenzo Oshima, the UN relief coordinator,": a proper name with an appositive is a person."""
    out: list[Piece] = []
    named = {i for p in pieces for i in range(p.start, p.end)}
    for i in [i for i, (pos, _) in enumerate(attrs) if pos == PROPN_ID]:
        tok = doc[i]
        appos = [c for c in tok.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
        # NER may call "Amara Diallo, commander of ..." an organisation: a role word in apposition says person
        role = any(e.kind == "role" for c in appos for e in gaz.lookup(c.text))
        if (tok.text[:1].isupper() and tok.i not in named and not taken[tok.i] and appos
                and (tok.ent_type_ not in ("ORG", "DATE", "TIME", "MONEY") or (role and tok.ent_type_ == "ORG"))):
            start = tok.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                    and not taken[start - 1] and doc[start - 1].i not in named:
                start -= 1
            out.append(Piece(start, tok.i + 1, [], "unknown_person", doc[start : tok.i + 1].text))
            named.update(range(start, tok.i + 1))
    return out


def _plain(text: str) -> str:
    """Lower case without accents ("François" -> "francois")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _named_ngos(doc: Doc, pieces: list[Piece], ents: list[Span], heads: set[str]) -> list[Piece]:
    """An organization name NER finds, headed by an NGO word and naming no state ("the Association of African
    Jurists", "the Third World Water Forum"), is a non-governmental organization the dictionary lacks."""
    out = pieces
    for ent in ents:
        if ent.label_ != "ORG" or len(ent) < 2 or ent.root.lower_ not in heads:
            continue
        inside = [p for p in out if p.start < ent.end and p.end > ent.start]
        if any(p.kind not in ("region", "role") or p.start < ent.start or p.end > ent.end for p in inside):
            continue  # a known body or a state's own ("the Syrian Observatory ...") is left to the dictionary
        start = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
        name = doc[start : ent.end].text
        ngo = Piece(start, ent.end, [Entry("institution", "NGO", "NGO", None, name)], "institution", name)
        out = sorted([p for p in out if p not in inside] + [ngo], key=lambda p: p.start)
    return out


def _named_bodies(doc: Doc, pieces: list[Piece], taken: list[bool], heads: dict[str, str]) -> list[Piece]:
    """A country's name or adjective opening a body's proper name is that body: "the Kenya Anti-Corruption
    Commission", "Nigerian Union of Teachers", "Serbian Workers' Union" (an institution of the country with
    the sector of its head word, `body_heads` in lexicon.yml)."""
    out: list[Piece] = []
    n = len(doc)
    role_at = {i: p for p in pieces if p.kind == "role" for i in range(p.start, p.end)}  # "Workers", "Teachers"
    free = [not t or i in role_at for i, t in enumerate(taken)]
    eaten: set[int] = set()
    for p in pieces:
        e = p.entries[0] if p.entries else None
        if e is None or e.kind != "state" or e.form not in ("name", "adjective") or not e.country:
            out.append(p)
            continue
        j, head = p.end, -1
        while j < n and j - p.end < 6 and free[j]:
            t = doc[j]
            if t.text[:1].isupper() and t.is_alpha:
                if t.lower_ in heads:
                    head = j
            elif not (t.text in ("-", "'", "’") and j > p.end and j + 1 < n and doc[j - 1].is_alpha):
                break
            j += 1
        if head < 0:
            out.append(p)
            continue
        end = head + 1
        if end + 1 < n and doc[end].lower_ in ("of", "for") and doc[end + 1].text[:1].isupper() \
                and free[end + 1]:  # "Union of Teachers"
            end += 2
            while end < n and doc[end].text[:1].isupper() and doc[end].is_alpha and free[end]:
                end += 1
        if role_at.get(end - 1) is not None and role_at[end - 1].end > end:
            out.append(p)  # the name would cut a role in two
            continue
        sector = heads[doc[head].lower_]
        name = doc[p.start : end].text
        body = Entry("institution", e.country + sector, e.country, sector, name)
        for i in range(p.end, end):
            taken[i] = True
            free[i] = False
            if i in role_at:
                eaten.add(id(role_at[i]))
        out.append(Piece(p.start, end, [body], "institution", name))
    return [p for p in out if id(p) not in eaten]


def _near_names(doc: Doc, gaz: Gazetteer, pieces: list[Piece], taken: list[bool],
                attrs: list[list[int]]) -> list[Piece]:
    """Misspelt names the dictionary almost knows: a proper noun close to a country name or demonym
    ("Ethopia", "Phillippines"), a person name close to an office holder's ("President Francois Mitterand")."""
    out: list[Piece] = []
    for p in pieces:
        if p.kind == "unknown_person" and not p.extra:
            entries = gaz.near(p.text, "person")
            titled = p.start > 0 and any(q.end == p.start and q.kind == "role" for q in pieces)
            if not entries and titled and p.end - p.start > 1:
                first = _plain(doc[p.start].text)  # the surname, after a title, of someone with that first name
                entries = [e for e in gaz.near(doc[p.end - 1].text, "person") if any(
                    first in _plain(h.name + " " + " ".join(h.aliases)).split() for h in e.holders)]
            if entries:
                p = Piece(p.start, p.end, entries, "person", p.text, extra={"near": True})
        out.append(p)
    for i in [i for i, (pos, _) in enumerate(attrs) if pos in (PROPN_ID, ADJ_ID)]:
        tok = doc[i]
        if tok.pos_ != "PROPN" and tok.ent_type_ not in ("GPE", "NORP"):
            continue
        if taken[i] or not tok.text[:1].isupper() or len(tok.text) < 6:
            continue
        if tok.ent_type_ in ("PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"):
            continue
        entries = gaz.near(tok.text, "state")
        if entries:
            out.append(Piece(tok.i, tok.i + 1, entries, "state", tok.text, extra={"near": True}))
            taken[tok.i] = True
    out.sort(key=lambda p: p.start)
    return out


def _other_person(doc: Doc, p: Piece) -> Piece:
    """A known surname with another first name is someone else: "Oskar Fischer" is not Heinz Fischer."""
    if p.kind != "person" or p.start == 0:
        return p
    prev = doc[p.start - 1]
    if not (prev.ent_type_ == "PERSON" and prev.pos_ == "PROPN" and prev.text[:1].isupper()):
        return p
    names = {w.lower() for e in p.entries for h in e.holders for w in (h.name + " " + " ".join(h.aliases)).split()}
    if prev.lower_ in names:
        return p
    start = p.start - 1
    while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    countries = {h.country for e in p.entries for h in e.holders}
    hint: dict[str, object] = {"family_country": countries.pop()} if len(countries) == 1 else {}
    return Piece(start, p.end, [], "unknown_person", doc[start : p.end].text, extra=hint)


def _vetoed(doc: Doc, p: Piece, pieces: list[Piece], ent_of: dict[int, Span]) -> bool:
    """A place or organization name inside a longer NER name of another thing is not an actor here."""
    if p.kind == "person" and p.start > 0 and doc[p.start - 1].text in ("-", "–") \
            and not doc[p.start - 1].whitespace_:
        return True  # "Shan-e-Mustafa": a name inside a hyphenated word is no person
    if p.kind in ("role", "person"):
        return False
    tok = doc[p.start]
    if not tok.ent_type_:
        return False
    ent = ent_of.get(p.start)
    if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and ent.start < p.start and not any(
            q.start < p.start and q.end > ent.start for q in pieces if q is not p):
        left = [t for t in doc[ent.start : p.start] if t.lower_ not in _PLACE_PREFIXES]  # "Río San Juan"
        return bool(left) and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in left)
    if (ent is not None and ent.label_ in ("GPE", "LOC") and p.kind == "region" and ent.start == p.start
            and ent.end > p.end and doc[p.end].text[:1].isupper()):
        return True  # "West Darfur", "East Jerusalem": a compass word starting a place name is no bloc
    if tok.ent_type_ not in _VETO_LABELS:
        return False
    if ent is None:
        return False
    ent_end = ent.end
    while ent_end > ent.start and doc[ent_end - 1].text in ("'s", "’s", "'", "’"):
        ent_end -= 1  # NER's "Sri Lanka's" is no longer than "Sri Lanka"
    if (ent_end - ent.start) <= (p.end - p.start):
        return False
    others = [q for q in pieces if q is not p and q.start < ent.end and q.end > ent.start]
    if others:
        return False
    form = p.entries[0].form if p.entries else ""
    if p.kind in ("igo", "institution", "group"):
        return False  # "the United Nations Emergency Relief Coordinator" is a part of the UN
    if ent.label_ == "PERSON":  # "Michael Jordan", "Jordan Peterson"; not "Russian" before a name
        return form != "adjective"
    # "The Washington Post", "The Times of India": other capitalised words of the name are no role.
    rest = [t for t in doc[ent.start : ent.end] if not (p.start <= t.i < p.end)
            and t.lower_ not in ("the", "of", "'s", "’s", "and", "for", "-")]
    if form == "adjective" and all(t.is_sent_start and t.i == ent.start for t in rest):
        return False  # "Radical French farmers ...": only the first word of the sentence is capitalised
    return any(t.text[:1].isupper() for t in rest)
