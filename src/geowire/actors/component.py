"""The `geowire_actors` spaCy component: find pieces, build mentions, resolve references, write
`doc._.geowire_actors`.

Mentions are `ActorMention` records while they are resolved; the Doc carries their plain dicts (they survive
`Doc.to_bytes`): `doc._.geowire_actors` one per resolved mention, in document order, and
`doc._.geowire_actor_candidates` the unresolved ones too, for `geowire actors`. `doc.spans["actors"]` mirrors
the resolved mentions with their CAMEO code as label. The document date comes from `doc._.geowire_date`.
"""

from __future__ import annotations

from itertools import compress
from operator import not_
from typing import Any

from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from .. import knowledge as kb
from ..component_base import GeowireComponent
from ..model import ACTOR_RECORDS, ActorMention
from ..segment import wire_dateline
from ..sentences import doc_memo, doc_text
from ..tokens import doc_tokens
from .context import settle_ambiguous_places, settle_by_context, settle_place_chains
from .coref import find_pronouns, resolve_references
from .gazetteer import get_gazetteer, names_tokenizer
from .recognize import Piece, find_pieces, plain_name
from .residence import settle_origin, settle_residence
from .resolve import build_mentions

__all__ = ["ActorResolver", "resolve_actors"]

for _name, _default in (("geowire_actors", None), ("geowire_actor_candidates", None), ("geowire_date", None),
                       ("geowire_doc_id", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def resolve_actors(doc: Doc, gaz: Any, reporting: set[str], offices: dict[str, str],
                   people: frozenset[str] | set[str] = frozenset()) -> list[ActorMention]:
    """All actor mentions of `doc`, resolved where possible (country None where not)."""
    date = doc._.geowire_date
    toks = doc_tokens(doc)
    pieces = find_pieces(toks, gaz)
    mentions = build_mentions(toks, pieces, date)
    taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    # Surnames of people introduced in this document, where NER missed the later mention ("Wekesa met ...").
    # Accents aside ("Brudziński ... Brudzinski"): the plain forms are found among the lower-case words in C, and
    # the few words with other letters than ASCII (found in C too) are made plain one by one.
    surnames = {plain_name(toks.text[m.tok_end - 1]) for m in mentions if m.kind == "person" and m.name}
    named: list[int] = []
    if surnames:
        accented = compress(range(len(toks)), map(not_, map(str.isascii, toks.text)))
        named = sorted({*compress(range(len(toks)), map(surnames.__contains__, toks.lower)),
                        *(i for i in accented if plain_name(toks.text[i]) in surnames)})
    later = [Piece(i, i + 1, [], "unknown_person", toks.text[i]) for i in named
             if i not in taken and toks.text[i][:1].isupper()]
    if later:
        extra = build_mentions(toks, later, date)
        mentions += extra
        taken |= {m.head for m in extra}
    mentions += [p for p in find_pronouns(toks) if p.head not in taken]
    mentions.sort(key=lambda m: m.tok_start)
    settle_residence(toks, mentions)
    settle_origin(toks, mentions, people)
    settle_place_chains(toks, mentions)
    settle_ambiguous_places(toks, mentions)
    resolve_references(toks, mentions, reporting, offices)
    if settle_by_context(toks, mentions):
        resolve_references(toks, mentions, reporting, offices)  # pronouns of the mentions placed by context
    return mentions


class _Labels(dict[str, int]):
    """A CAMEO code -> its hash in the vocabulary's string store (added there once): a Span made with the
    hash as label skips the store's lookup."""

    def __init__(self, strings: StringStore) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, code: str) -> int:
        label = self[code] = int(self.strings.add(code))
        return label


class ActorResolver(GeowireComponent):
    """Dictionary- and rule-based actor resolution; spaCy NER is only a fallback for unknown names. The
    gazetteer and lexicon load on the first document (or `initialize`)."""

    def __init__(self, nlp: Language, name: str = "geowire_actors") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.nlp = nlp

    def load_knowledge(self) -> None:
        self.gaz = get_gazetteer(self.vocab, names_tokenizer(self.nlp))  # after from_disk: the loaded tokenizer
        lex = kb.load_lexicon()
        self.reporting = set(lex["reporting_verbs"])
        self.offices = dict(lex.get("title_offices") or {})
        self.people = set(lex.get("origin_nouns") or [])

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_knowledge()
        mentions = resolve_actors(doc, self.gaz, self.reporting, self.offices, self.people)
        filed_from = wire_dateline(doc_text(doc))  # where the report was filed from is no actor
        if filed_from is not None:
            mentions = [m for m in mentions if m.start is None or m.end is None
                        or not (m.start < filed_from[1] and filed_from[0] < m.end)]
        as_dicts = [m.to_dict() for m in mentions]  # the Doc carries plain dicts
        doc._.geowire_actor_candidates = as_dicts
        actors = doc._.geowire_actors = [d for m, d in zip(mentions, as_dicts, strict=True) if m.country]
        # the event stages read these records rather than re-making them from the dicts (`records.doc_mentions`)
        doc_memo(doc)[ACTOR_RECORDS] = (actors, [m for m in mentions if m.country])
        # a mention's character offsets are those of its words: its span is made from them directly
        labels = self._labels_of(doc)
        doc.spans["actors"] = [Span(doc, m.tok_start, m.tok_end, label=labels[m.code or ""]) for m in mentions
                               if m.country and m.start is not None and m.end is not None]
        return doc

    def _labels_of(self, doc: Doc) -> _Labels:
        """The label hashes of the string store of `doc` (kept while the store is the same)."""
        labels: _Labels | None = getattr(self, "_labels", None)
        if labels is None or labels.strings is not doc.vocab.strings:
            labels = self._labels = _Labels(doc.vocab.strings)
        return labels


@Language.factory("geowire_actors",
                  requires=["doc.sents", "doc.ents", "token.dep", "token.pos", "token.lemma", "token.ent_type"],
                  assigns=["doc._.geowire_actors", "doc._.geowire_actor_candidates", "doc.spans"])
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(nlp, name)
