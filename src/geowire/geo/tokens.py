"""A document's tokens as plain Python lists, read in one `Doc.to_array` pass.

The place stage looks at the words around every capitalised name and walks the parse from every place
mention for every event; through spaCy each look makes a new Token or Span object (`doc[i]`, `doc[i:j]`,
`token.head`). The stage asks this table instead: the same answers by token index, built once per document.
Strings (lower case, tag, dependency label, part of speech, lemma) are kept as StringStore ids and looked up
only when asked for.
"""

from __future__ import annotations

from functools import cached_property

from spacy import attrs
from spacy.tokens import Doc

from ..sentences import doc_text

__all__ = ["DocTokens", "entity_spans"]

# read for every token up front: small numbers (character offsets, flags, entity codes)
_COLUMNS = [attrs.IDX, attrs.LENGTH, attrs.IS_ALPHA, attrs.IS_PUNCT, attrs.SENT_START, attrs.ENT_IOB]
# ENT_IOB codes (spaCy's): 0 no annotation, 1 inside, 2 outside, 3 beginning
_INSIDE, _BEGIN = 1, 3


class DocTokens:
    """Token `i` of a Doc by index: its characters, word, flags, head and entity, without Token objects.
    The string columns (lower case, tag, dependency label, part of speech, lemma) and the heads are read
    from the Doc on first use."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text = doc_text(doc)
        idx, length, alpha, punct, sent, iob = doc.to_array(_COLUMNS).T.tolist()
        self.starts: list[int] = idx
        self.ends: list[int] = [s + n for s, n in zip(idx, length, strict=True)]
        self.upper: list[bool] = [text[s].isupper() for s in idx]  # the word starts with a capital letter
        self.alpha: list[bool] = [a == 1 for a in alpha]
        self.punct: list[bool] = [p == 1 for p in punct]
        self.sent_start: list[bool] = [s == 1 for s in sent]
        self.entities = entity_spans(doc, iob)
        self._strings = doc.vocab.strings
        self._columns: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        """`doc[i].text`"""
        return self.text[self.starts[i]:self.ends[i]]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` (a non-empty span)."""
        return self.text[self.starts[start]:self.ends[end - 1]]

    def lower(self, i: int) -> str:
        """`doc[i].lower_`"""
        return str(self._strings[self._column(attrs.LOWER)[i]])

    def tag(self, i: int) -> str:
        """`doc[i].tag_`"""
        return str(self._strings[self._column(attrs.TAG)[i]])

    def dep(self, i: int) -> str:
        """`doc[i].dep_`"""
        return str(self._strings[self._column(attrs.DEP)[i]])

    def pos(self, i: int) -> str:
        """`doc[i].pos_`"""
        return str(self._strings[self._column(attrs.POS)[i]])

    def lemma(self, i: int) -> str:
        """`doc[i].lemma_`"""
        return str(self._strings[self._column(attrs.LEMMA)[i]])

    @cached_property
    def parents(self) -> list[int]:
        """The index each token's HEAD offset points to (itself for a root), as `Token.ancestors` reads it."""
        # HEAD is stored unsigned: fold it back to a signed offset
        return [i + (h if h < 1 << 63 else h - (1 << 64)) for i, h in enumerate(self._column(attrs.HEAD))]

    @cached_property
    def heads(self) -> list[int]:
        """`doc[i].head.i`: a token with no dependency label has no head and is its own."""
        return [p if d else i for i, (p, d) in enumerate(zip(self.parents, self._column(attrs.DEP), strict=True))]

    def ancestors(self, i: int) -> list[int]:
        """The indices of `doc[i].ancestors`, nearest first."""
        out: list[int] = []
        parents = self.parents
        while parents[i] != i and len(out) < len(parents):
            i = parents[i]
            out.append(i)
        return out

    def sentence_starts(self) -> list[int]:
        """The index of the first token of each token's sentence (`sentences.sentence_starts`)."""
        out: list[int] = []
        start = 0
        for i, first in enumerate(self.sent_start):
            if first:
                start = i
            out.append(start)
        return out

    def _column(self, attr: int) -> list[int]:
        column = self._columns.get(attr)
        if column is None:
            column = self._columns[attr] = self.doc.to_array(attr).tolist()
        return column


def entity_spans(doc: Doc, iob: list[int], types: list[int] | None = None) -> list[tuple[str, int, int] | None]:
    """For each token, the (label, start, end) of the entity of `doc.ents` it is in, or None; read from the
    tokens' ENT_IOB and ENT_TYPE codes (`types`, read from `doc` if not given) the way `Doc.ents` reads them."""
    if types is None:
        types = doc.to_array(attrs.ENT_TYPE).tolist() if _BEGIN in iob else [0] * len(iob)
    out: list[tuple[str, int, int] | None] = [None] * len(iob)
    opened: list[tuple[int, int]] = []  # (start, label) of each entity, in order
    ends: list[int] = []
    start = -1
    for i, (code, kind) in enumerate(zip(iob, types, strict=True)):
        if code == _INSIDE:
            if start == -1:  # an inside tag with no entity open: `Doc.ents` raises
                return _entity_spans_of(doc)
            continue
        if start != -1:
            ends.append(i)
        start = i if code == _BEGIN and kind else -1
        if start != -1:
            opened.append((i, kind))
    if start != -1:
        ends.append(len(iob))
    strings = doc.vocab.strings
    for (begin, label), end in zip(opened, ends, strict=True):
        ent = (str(strings[label]), begin, end)
        for k in range(begin, end):
            out[k] = ent
    return out


def _entity_spans_of(doc: Doc) -> list[tuple[str, int, int] | None]:
    out: list[tuple[str, int, int] | None] = [None] * len(doc)
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            out[k] = (ent.label_, ent.start, ent.end)
    return out
