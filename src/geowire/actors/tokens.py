"""A document's token attributes as plain Python lists, for the actor stage's rules.

Indexing a spaCy Doc (`doc[i]`, `doc[a:b]`, `token.head`, `token.children`) builds a new Token or Span
object every time, and the actor rules read the same few attributes of the same words many times over.
`Words` reads each attribute once per document with `Doc.to_array`, on first use, and hands out strings
and ints. Build one per call of the component: it describes the document as it is then.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.strings import StringStore
from spacy.symbols import IDS
from spacy.tokens import Doc

from ..sentences import doc_text

__all__ = ["Entity", "Words"]

# The attributes read, in one `Doc.to_array` call: each call has a cost of its own, whatever it reads.
_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IDX, IS_ALPHA, IS_PUNCT, HEAD, SENT_START]
_COLUMN = {attr: k for k, attr in enumerate(_ATTRS)}


class _Names(dict[int, str]):
    """String hash -> string, asked of the vocabulary's string store once per string: a dict lookup is
    cheaper than the store's. Holds no more strings than the store does."""

    def __init__(self, strings: StringStore) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        name = self[key] = self.strings[key]
        return name


_NAMES: dict[int, _Names] = {}  # id(StringStore) -> its names, as the gazetteer is kept per vocabulary


def _names_of(strings: StringStore) -> _Names:
    names = _NAMES.get(id(strings))
    if names is None or names.strings is not strings:
        names = _NAMES[id(strings)] = _Names(strings)
    return names


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity as `doc.ents` has it: words `start:end`, its label."""

    start: int
    end: int
    label: str


class Words:
    """The words of `doc`: `words.lower[i]` is `doc[i].lower_`, `words.head[i]` is `doc[i].head.i`, and so on."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._rows = doc.to_array(_ATTRS)

    def __len__(self) -> int:
        return len(self._rows)

    def _ints(self, attr: int) -> list[int]:
        return list(self._rows[:, _COLUMN[attr]].tolist())

    def _strings(self, attr: int) -> list[str]:
        names = _names_of(self.doc.vocab.strings)
        return list(map(names.__getitem__, self._rows[:, _COLUMN[attr]].tolist()))

    @cached_property
    def text(self) -> list[str]:
        return self._strings(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings(LEMMA)

    @cached_property
    def pos(self) -> list[str]:
        return self._strings(POS)

    @cached_property
    def tag(self) -> list[str]:
        return self._strings(TAG)

    @cached_property
    def dep(self) -> list[str]:
        return self._strings(DEP)

    @cached_property
    def ent_type(self) -> list[str]:
        return self._strings(ENT_TYPE)

    @cached_property
    def idx(self) -> list[int]:
        """Each word's character offset."""
        return self._ints(IDX)

    @cached_property
    def is_alpha(self) -> list[bool]:
        return list((self._rows[:, _COLUMN[IS_ALPHA]] == 1).tolist())

    @cached_property
    def is_punct(self) -> list[bool]:
        return list((self._rows[:, _COLUMN[IS_PUNCT]] == 1).tolist())

    @cached_property
    def head(self) -> list[int]:
        """Each word's syntactic head (itself for a sentence's root)."""
        offsets = self._rows[:, _COLUMN[HEAD]].astype(numpy.int64)  # the offset to the head, stored unsigned
        return list((offsets + numpy.arange(len(offsets))).tolist())

    @cached_property
    def children(self) -> list[list[int]]:
        """Each word's syntactic children, in document order (as `Token.children` gives them)."""
        out: list[list[int]] = [[] for _ in range(len(self))]
        for i, h in enumerate(self.head):
            if h != i:
                out[h].append(i)
        return out

    @cached_property
    def sent_start(self) -> list[int]:
        """The index of the first word of each word's sentence (as `sentences.sentence_starts`)."""
        flags = self._rows[:, _COLUMN[SENT_START]]
        starts = numpy.where(flags == 1, numpy.arange(len(flags)), 0)  # a sentence's first word: its index
        return list(numpy.maximum.accumulate(starts).tolist())  # others: the last such index before them

    @cached_property
    def ents(self) -> list[Entity]:
        """The named entities (`doc.ents`, whose Spans are made once here)."""
        return [Entity(e.start, e.end, e.label_) for e in self.doc.ents]

    def with_pos(self, *tags: str) -> list[int]:
        """The indices of the words with one of these coarse part-of-speech tags, in order (found by array)."""
        column = self._rows[:, _COLUMN[POS]]
        return list(numpy.flatnonzero(numpy.isin(column, [IDS[t] for t in tags])).tolist())

    @cached_property
    def full_text(self) -> str:
        """`doc.text`."""
        return doc_text(self.doc)

    def start_char(self, start: int) -> int:
        """The character offset of the span starting at word `start` (`doc[start:end].start_char`)."""
        return self.idx[start]

    def end_char(self, end: int) -> int:
        """The character offset just after the span ending before word `end` (`doc[start:end].end_char`)."""
        return self.idx[end - 1] + len(self.text[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, without making the Span."""
        if end <= start:
            return ""
        return self.full_text[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]
