"""A document's tokens as plain Python lists, read in one `Doc.to_array` pass.

The place stage looks at the words around every capitalised name and walks the parse from every place
mention for every event; through spaCy each look makes a new Token or Span object (`doc[i]`, `doc[i:j]`,
`token.head`). The stage asks this table instead: the same answers by token index, built once per document.
Strings (lower case, tag, dependency label, part of speech, lemma) are kept as StringStore ids and looked up
only when asked for.
"""

from __future__ import annotations

from spacy import attrs
from spacy.tokens import Doc

from ..sentences import doc_text

__all__ = ["DocTokens", "entity_spans"]

_COLUMNS = [attrs.IDX, attrs.LENGTH, attrs.IS_ALPHA, attrs.IS_PUNCT, attrs.SENT_START, attrs.LOWER, attrs.TAG,
            attrs.DEP, attrs.POS, attrs.LEMMA, attrs.HEAD, attrs.ENT_IOB, attrs.ENT_TYPE]
# ENT_IOB codes (spaCy's): 0 no annotation, 1 inside, 2 outside, 3 beginning
_INSIDE, _BEGIN = 1, 3


class DocTokens:
    """Token `i` of a Doc by index: its characters, word, flags, head and entity, without Token objects."""

    __slots__ = ("text", "starts", "ends", "words", "alpha", "punct", "sent_start", "heads", "entities",
                 "_parents", "_strings", "_lower", "_tag", "_dep", "_pos", "_lemma")

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        cols = doc.to_array(_COLUMNS).T.tolist()
        idx, length, alpha, punct, sent, self._lower, self._tag, self._dep, self._pos, self._lemma, head, iob, \
            types = cols
        self.starts: list[int] = idx
        self.ends: list[int] = [s + n for s, n in zip(idx, length, strict=True)]
        text = self.text
        self.words: list[str] = [text[s:e] for s, e in zip(idx, self.ends, strict=True)]
        self.alpha: list[bool] = [a == 1 for a in alpha]
        self.punct: list[bool] = [p == 1 for p in punct]
        self.sent_start: list[bool] = [s == 1 for s in sent]
        # HEAD is the head's offset, stored unsigned: fold it back to a signed offset, then to an index
        self._parents = [i + (h if h < 1 << 63 else h - (1 << 64)) for i, h in enumerate(head)]
        # a token with no dependency label has no head and is its own (as `Token.head` answers)
        self.heads: list[int] = [p if d else i for i, (p, d) in enumerate(zip(self._parents, self._dep, strict=True))]
        self._strings = doc.vocab.strings
        self.entities = entity_spans(doc, iob, types)

    def __len__(self) -> int:
        return len(self.starts)

    def lower(self, i: int) -> str:
        """`doc[i].lower_`"""
        return str(self._strings[self._lower[i]])

    def tag(self, i: int) -> str:
        """`doc[i].tag_`"""
        return str(self._strings[self._tag[i]])

    def dep(self, i: int) -> str:
        """`doc[i].dep_`"""
        return str(self._strings[self._dep[i]])

    def pos(self, i: int) -> str:
        """`doc[i].pos_`"""
        return str(self._strings[self._pos[i]])

    def lemma(self, i: int) -> str:
        """`doc[i].lemma_`"""
        return str(self._strings[self._lemma[i]])

    def ancestors(self, i: int) -> list[int]:
        """The indices of `doc[i].ancestors`, nearest first."""
        out: list[int] = []
        parents = self._parents
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

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` (a non-empty span)."""
        return self.text[self.starts[start]:self.ends[end - 1]]


def entity_spans(doc: Doc, iob: list[int], types: list[int]) -> list[tuple[str, int, int] | None]:
    """For each token, the (label, start, end) of the entity of `doc.ents` it is in, or None; read from the
    tokens' ENT_IOB and ENT_TYPE codes the way `Doc.ents` reads them."""
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
