"""A document's token attributes as plain Python lists, one table per document, shared by the stages.

Indexing a spaCy Doc (`doc[i]`, `doc[a:b]`, `token.head`, `token.children`) builds a new Token or Span
object every time, and the actor, event and place stages read the same few attributes of the same words many times
over. `Tokens` reads them all with one `Doc.to_array` call and turns each attribute into a list of strings or
ints on first use: `toks.lower[i]` is `doc[i].lower_`, `toks.head[i]` is `doc[i].head.i`, and so on.

Get the table with `doc_tokens(doc)`: it is built on the first call and kept in the document's memo
(`sentences.doc_memo`), so the stages read one table per document. That is safe
because the table describes the Doc as it is when first asked, and nothing changes the tokens after that:
the spaCy stages that set them (tokenizer, layout, tagger, parser, NER, lemmas) all run before
`geowire_actors`, the first stage that asks, and the geowire stages after it add extension attributes and
spans only. A stage that ran before those, or that retokenized or re-parsed the Doc, would need a table of
its own (`Tokens(doc)`). The place stage, the last that reads the table, lets it go (`release_tokens`): kept
with every Doc a caller holds on to, its lists would cost memory and keep the garbage collector busy.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import accumulate, pairwise, repeat
from operator import add
from typing import NamedTuple

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
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

from .sentences import doc_memo, doc_text

__all__ = ["FINITE_TAGS", "PLACE_PREPOSITIONS", "Entity", "Tokens", "doc_tokens", "release_tokens"]

# The attributes read, in one `Doc.to_array` call: each call has a cost of its own, whatever it reads.
_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_IOB, ENT_TYPE, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, HEAD, SENT_START]
_COLUMN = {attr: k for k, attr in enumerate(_ATTRS)}
_MEMO_KEY = "tokens"
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
_BORDERS = frozenset({"border", "frontier", "boundary"})
_BORDER_PLACES = PLACE_PREPOSITIONS | {"along", "on"}
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # the tags of a verb with a tense
_new_tuple = tuple.__new__  # `_new_tuple(Entity, (start, end, label))` is `Entity(start, end, label)`, without a Python call


def doc_tokens(doc: Doc) -> Tokens:
    """The token table of `doc`, built on the first call and kept in its memo (see the module docstring)."""
    memo = doc_memo(doc)
    toks = memo.get(_MEMO_KEY)
    if toks is None:
        toks = memo[_MEMO_KEY] = Tokens(doc)
    return toks  # type: ignore[no-any-return]


def release_tokens(doc: Doc) -> None:
    """Drop the token table of `doc` from its memo (a later `doc_tokens` builds a new one)."""
    doc_memo(doc).pop(_MEMO_KEY, None)


class _Names(dict[int, str]):
    """String hash -> string, asked of the vocabulary's string store once per string: a dict lookup is
    cheaper than the store's. Holds no more strings than the store does."""

    def __init__(self, strings: StringStore) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        name = self[key] = self.strings[key]
        return name


_NAMES: dict[int, _Names] = {}  # id(StringStore) -> its names, as the gazetteers are kept per vocabulary


def _names_of(strings: StringStore) -> _Names:
    names = _NAMES.get(id(strings))
    if names is None or names.strings is not strings:
        names = _NAMES[id(strings)] = _Names(strings)
    return names


class Entity(NamedTuple):
    """A named entity as `doc.ents` has it: words `start:end`, its label (a tuple: cheap to make)."""

    start: int
    end: int
    label: str


class Tokens:
    """The tokens of `doc` by index, as lists: `toks.lower[i]` is `doc[i].lower_` (see the module docstring).
    Each column is read from the Doc's attribute array on first use."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._rows = doc.to_array(_ATTRS)

    def __len__(self) -> int:
        return len(self._rows)

    def _ints(self, attr: int) -> list[int]:
        return list(self._rows[:, _COLUMN[attr]].tolist())

    def _flags(self, attr: int) -> list[bool]:
        return list((self._rows[:, _COLUMN[attr]] == 1).tolist())

    def _strings(self, attr: int) -> list[str]:
        names = _names_of(self.doc.vocab.strings)
        return list(map(names.__getitem__, self._rows[:, _COLUMN[attr]].tolist()))

    # --- strings ---

    @cached_property
    def text(self) -> list[str]:
        """Each word's text (`Token.text`)."""
        return self._strings(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings(LEMMA)

    @cached_property
    def lemma_lower(self) -> list[str]:
        """Each word's lemma lowercased (`Token.lemma_.lower()`), made once for the stages that compare it."""
        return list(map(str.lower, self.lemma))

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

    # --- flags and offsets ---

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self._flags(IS_ALPHA)

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._flags(IS_PUNCT)

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flags(IS_SPACE)

    @cached_property
    def capitalised(self) -> list[bool]:
        """Whether each word starts with a capital letter."""
        return [word[:1].isupper() for word in self.text]

    @cached_property
    def idx(self) -> list[int]:
        """Each word's character offset (`Token.idx`)."""
        return self._ints(IDX)

    @cached_property
    def end_idx(self) -> list[int]:
        """The character offset just after each word (`Token.idx + len(Token)`)."""
        return list(map(add, self.idx, map(len, self.text)))

    # --- the parse ---

    def _parents(self) -> numpy.ndarray:
        """The word each word's stored head offset points to (itself for a root)."""
        offsets = self._rows[:, _COLUMN[HEAD]].astype(numpy.int64)  # the offset to the head, stored unsigned
        return offsets + numpy.arange(len(offsets))

    @cached_property
    def _parent(self) -> list[int]:
        """`_parents` as a list: what `Token.ancestors` and `Token.children` follow."""
        return list(self._parents().tolist())

    @cached_property
    def head(self) -> list[int]:
        """Each word's syntactic head, `Token.head.i`: itself for a sentence's root, and for a word with no
        dependency label (spaCy's "no head")."""
        labelled = self._rows[:, _COLUMN[DEP]] != 0
        return list(numpy.where(labelled, self._parents(), numpy.arange(len(labelled))).tolist())

    @cached_property
    def children(self) -> list[tuple[int, ...]]:
        """Each word's syntactic children, in document order (as `Token.children` gives them). Tuples, cut
        from one sorted by head: a leaf's is the one empty tuple, and the cycle collector stops looking at
        the others after one pass (a list per word would be walked on every collection while the table lives)."""
        parent = self._parents()
        words = numpy.arange(len(parent))
        dependent = parent != words
        heads = parent[dependent]
        kids = tuple(words[dependent][numpy.argsort(heads, kind="stable")].tolist())  # by head, in order
        bounds = [0, *numpy.cumsum(numpy.bincount(heads, minlength=len(parent))).tolist()]
        return [kids[a:b] for a, b in pairwise(bounds)]

    def ancestors(self, i: int) -> list[int]:
        """The indices of `doc[i].ancestors`, nearest first."""
        out: list[int] = []
        parent = self._parent
        while parent[i] != i and len(out) < len(parent):
            i = parent[i]
            out.append(i)
        return out

    def first_conjunct(self, i: int) -> int:
        """The first word of the coordination word `i` is in ("Ukraine, Georgia and Moldova": Ukraine's word), or
        `i` itself."""
        head, dep = self._parent, self.dep
        while dep[i] == "conj" and head[i] != i:
            i = head[i]
        return i

    def preposition_of(self, i: int) -> str | None:
        """The preposition (lower case) whose object word `i` is, through the compounds it heads into ("the
        Kenyan border town" in "near the Kenyan border town"), else None."""
        head, dep = self._parent, self.dep
        while dep[i] == "compound" and head[i] != i:
            i = head[i]
        return self.lower[head[i]] if dep[i] == "pobj" else None

    def place_object(self, i: int) -> bool:
        """Whether word `i` is the object of a place preposition ("in Syria", "near the Kenyan border town of
        Moyale"), or the country a border there is shared with ("at the border with Afghanistan"): where
        something happens."""
        return self.preposition_of(i) in PLACE_PREPOSITIONS or self.border_side(i)

    def border_side(self, i: int) -> bool:
        """Whether word `i` names the far side of a border that is where something happens ("killed near the
        border with Afghanistan"): a place, no party to the act."""
        head = self._parent
        if self.preposition_of(i) != "with":
            return False
        while self.dep[i] == "compound" and head[i] != i:
            i = head[i]
        noun = head[head[i]]
        return self.lemma_lower[noun] in _BORDERS and self.preposition_of(noun) in _BORDER_PLACES

    def span_root(self, start: int, end: int) -> int:
        """The head word of words `start:end` (`doc[start:end].root.i`): a sentence root among them, else the
        first of those nearest the root whose head is outside; a bare punctuation or space word only if no
        other will do."""
        parent = self._parent
        if end - start == 1:
            return start
        for i in range(start, end):
            if parent[i] == i:
                return i
        best, root = len(self), -1
        for i in range(start, end):
            if start <= parent[i] < end:
                continue
            depth = self._depth(i)
            if depth < best:
                best, root = depth, i
        return start if root == -1 else root

    def _depth(self, i: int) -> int:
        """The number of steps from word `i` to its sentence's root, as `Span.root` counts them."""
        n = len(self)
        if (self.is_space[i] or self.is_punct[i]) and not self.children[i]:
            return n - 1
        parent, steps = self._parent, 0
        while parent[i] != i:
            i, steps = parent[i], steps + 1
            if steps >= n:
                raise RuntimeError(f"a cycle in the parse above word {i}")
        return steps

    # --- sentences and entities ---

    @cached_property
    def is_sent_start(self) -> list[bool]:
        """Whether each word opens a sentence (`Token.is_sent_start` is True)."""
        return self._flags(SENT_START)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The first word of each sentence, in order (`[s.start for s in doc.sents]`)."""
        return list(dict.fromkeys(self.sent_start))

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """The (start, end) words of each sentence (`[(s.start, s.end) for s in doc.sents]`)."""
        starts = self.sentence_starts
        return list(zip(starts, [*starts[1:], len(self.sent_start)], strict=True)) if starts else []

    @cached_property
    def sentence_of(self) -> list[int]:
        """Each word's sentence number (an index into `sentence_bounds`): the previous word's, plus one where it
        opens one."""
        starts = self.is_sent_start
        return list(accumulate(starts[1:], initial=0)) if starts else []

    @cached_property
    def sent_start(self) -> list[int]:
        """The index of the first word of each word's sentence (`Token.sent.start`)."""
        flags = self._rows[:, _COLUMN[SENT_START]]
        starts = numpy.where(flags == 1, numpy.arange(len(flags)), 0)  # a sentence's first word: its index
        return list(numpy.maximum.accumulate(starts).tolist())  # others: the last such index before them

    @cached_property
    def ents(self) -> list[Entity]:
        """The named entities (`doc.ents`), read from the words' entity tags as `Doc.ents` reads them, without
        its Spans: an entity opens on a B word with a label and runs over the I words after it."""
        iob = self._rows[:, _COLUMN[ENT_IOB]]  # 3: B, 1: I, 2: O, 0: none
        opens = numpy.flatnonzero((iob == 3) & (self._rows[:, _COLUMN[ENT_TYPE]] != 0)).tolist()
        if not opens:
            return []
        stops = numpy.append(numpy.flatnonzero(iob != 1), len(iob))
        ends = stops[numpy.searchsorted(stops, opens, side="right")].tolist()  # the first non-I word after each
        labels = map(self.ent_type.__getitem__, opens)
        return list(map(_new_tuple, repeat(Entity), zip(opens, ends, labels, strict=True)))  # `Entity._make`

    @cached_property
    def ent_of(self) -> list[Entity | None]:
        """The entity of `ents` each word is in, or None."""
        out: list[Entity | None] = [None] * len(self)
        for ent in self.ents:
            out[ent.start : ent.end] = [ent] * (ent.end - ent.start)
        return out

    def with_pos(self, *tags: str) -> list[int]:
        """The indices of the words with one of these coarse part-of-speech tags, in order (found by array)."""
        if not tags:
            return []
        column = self._rows[:, _COLUMN[POS]]
        wanted = column == IDS[tags[0]]  # one comparison per tag: `numpy.isin` costs more on a document's words
        for tag in tags[1:]:
            wanted |= column == IDS[tag]
        return list(numpy.flatnonzero(wanted).tolist())

    # --- text ---

    @cached_property
    def full_text(self) -> str:
        """`doc.text`."""
        return doc_text(self.doc)

    @cached_property
    def _char_spans(self) -> dict[tuple[int, int], tuple[int, int] | None]:
        """`char_span`'s answers so far: the place stage asks for the same actors' words event after event."""
        return {}

    def char_span(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The words `(start, end)` the characters `start_char:end_char` touch, as
        `doc.char_span(start_char, end_char, alignment_mode="expand")` finds them; None where it finds none."""
        key = (start_char, end_char)
        spans = self._char_spans
        if key not in spans:
            spans[key] = self._char_span(start_char, end_char)
        return spans[key]

    def _char_span(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        start = self._word_at(start_char)
        end = self._word_at(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char == self.end_idx[start]:  # in the whitespace after a word: the span starts after it
            start += 1
        if start > end + 1:
            raise IndexError(f"no span of words for characters {start_char}:{end_char}")
        return start, end + 1

    def _word_at(self, char: int) -> int:
        """The word whose characters, or the whitespace after them, hold character `char`; -1 for none."""
        if char < 0 or char >= len(self.full_text) or not self.idx:
            return -1
        return bisect_right(self.idx, char) - 1

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, without making the Span."""
        if end <= start:
            return ""
        return self.full_text[self.idx[start] : self.end_idx[end - 1]]
