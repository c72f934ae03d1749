"""Headline verbs the parser read as nouns (`geowire_reread`, right after the parser).

News summaries and headlines are written in the present tense with no auxiliary ("Police arrest 21 people",
"Rebel group claims the attack", "A court in Tbilisi sentences ..."), and the small parser often reads their
verb as a noun: the sentence then has no finite verb at its root, and no event can be found on it. Such a
sentence is parsed again with the word that can be its verb written as a perfect ("have arrested", "has
claimed"), which the parser does not take for a noun; where that reading makes the word the one root of the
sentence, with a subject, the sentence takes the new reading's heads, labels and tags (the auxiliary's
aside; the word keeps the present-tense tag of its own form). The text is never changed.

The words tried are the verbs an event pattern or a reporting cue starts from (`reread_verbs`), standing
just after a noun, a pronoun or a number. A sentence whose root is a finite verb, or a verb with an
auxiliary, is never read again.

A past participle the parser gave a subject but no auxiliary and nothing it acts on, in a sentence whose
predicate is elsewhere ("a Dutch reporter detained in Iran was freed on Friday", "five people are killed and
others injured"), is a passive: its subject undergoes the act, and is labelled so (`nsubjpass`). A
participle with an object or a clause ("officials confirmed that ...") or the only predicate of its sentence
("troops engaged in clashes") is a past tense the tagger misread, and is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

import numpy
from spacy.attrs import DEP, HEAD, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from . import knowledge as kb
from .tokens import FINITE_TAGS

__all__ = ["HeadlineReader", "reread_verbs", "verb_forms"]

_BEFORE_VERB = {"NN", "NNS", "NNP", "NNPS", "PRP", "CD", "-RRB-", "RB", ","}
_MAYBE_VERB = {"NN", "NNS", "NNP", "VBP", "VBZ", "VB", "JJ"}
_SUBJECTS = {"nsubj", "nsubjpass"}


@lru_cache(maxsize=1)
def reread_verbs() -> frozenset[str]:
    """The verb lemmas a misread sentence is tried on: every verb a pattern starts from in the active voice (a
    headline's verb is active: "Security concerns in the capital" is no "has concerned"), the reporting verbs
    and the verbs of accidents (a headline's crash is no one's act only where it is read as one)."""
    verbs = {str(p["verb"]).split()[0].lower() for p in kb.load_patterns()
             if "verb" in p and not p.get("passive_only")}
    verbs.update(w.lower() for w in kb.lexicon_words("reporting_verbs"))
    verbs.update(w.lower() for w in kb.lexicon_words("accident_verbs"))  # "a train collides with a bus"
    return frozenset(verbs)


@lru_cache(maxsize=4096)
def verb_forms(word: str) -> tuple[str, str, str] | None:
    """(auxiliary, past participle, tag) of a word that can be a listed verb in the present tense ("claims":
    "has", "claimed", "VBZ"; "arrest": "have", "arrested", "VBP"), else None."""
    from lemminflect import getAllLemmas, getInflection  # noqa: PLC0415  (about a second to load; rarely needed)

    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        if lemma not in reread_verbs():
            continue
        participle = getInflection(lemma, tag="VBN")
        if not participle or participle[0] == word:
            continue
        if word == lemma:
            return "have", participle[0], "VBP"
        if word in (lemma + "s", lemma + "es", lemma[:-1] + "ies"):
            return "has", participle[0], "VBZ"
    return None


class _Parse:
    """One Doc's parse as arrays (`arr`: HEAD, DEP, TAG, SENT_START as `Doc.to_array` gives them; `heads`:
    absolute head indices), changed sentence by sentence and written back once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.arr: Any = doc.to_array([HEAD, DEP, TAG, SENT_START])
        self.heads = self.arr[:, 0].astype(numpy.int64) + numpy.arange(len(doc))
        self.changed = False

    def write(self) -> Doc:
        if self.changed:
            self.arr[:, 0] = (self.heads - numpy.arange(len(self.doc))).astype(numpy.uint64)
            self.doc.from_array([HEAD, DEP, TAG], self.arr[:, :3])
        return self.doc


class _Trial(NamedTuple):
    parse: _Parse
    start: int  # the sentence's words
    end: int
    verb: int  # the word tried as its verb
    forms: tuple[str, str, str]  # its auxiliary, participle and own tag (`verb_forms`)
    slots: Iterator[int]  # the words still to try


class HeadlineReader:
    """Reads again the sentences of a Doc whose verb the parser took for a noun (see the module's docstring).
    The trial readings of a batch of Docs are parsed together (`pipe`), as spaCy parses a batch."""

    def __init__(self, nlp: Language, name: str = "geowire_reread") -> None:
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self._read([doc])[0]

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size):
            yield from self._read(list(batch))

    def _read(self, docs: list[Doc]) -> list[Doc]:
        parses = [_Parse(d) for d in docs]
        todo = [(p, start, end, _verb_slots(p.doc, start, end)) for p in parses for start, end in _misread(p)]
        while todo:  # each round tries the next candidate word of every sentence not yet read
            trials = [t for t in map(_next_trial, todo) if t is not None]
            docs_tried = [_trial_doc(t) for t in trials]
            todo = []
            for t, trial in zip(trials, self._parse_all(docs_tried), strict=True):
                if not _take(t, trial):
                    todo.append((t.parse, t.start, t.end, t.slots))
        return [_participle_subjects(p.write()) for p in parses]

    def _parse_all(self, docs: list[Doc]) -> list[Doc]:
        for pname in ("tok2vec", "tagger", "parser"):
            component: Any = self.nlp.get_pipe(pname)
            docs = list(component.pipe(docs))
        return docs


def _trial_doc(t: _Trial) -> Doc:
    """The trial Doc: the sentence with its candidate verb written as a perfect ("has sentenced")."""
    doc = t.parse.doc
    aux, participle, _ = t.forms
    k = t.verb - t.start
    words = [tok.text for tok in doc[t.start:t.end]]
    spaces = [bool(tok.whitespace_) for tok in doc[t.start:t.end]]
    return Doc(doc.vocab, words=[*words[:k], aux, participle, *words[k + 1:]], spaces=[*spaces[:k], True, *spaces[k:]])


def _next_trial(item: tuple[_Parse, int, int, Iterator[int]]) -> _Trial | None:
    """The sentence's next word that can be its verb (one of `reread_verbs` in the present tense), or None."""
    parse, start, end, slots = item
    for i in slots:
        forms = verb_forms(parse.doc[i].lower_)
        if forms is not None:
            return _Trial(parse, start, end, i, forms, slots)
    return None


def _take(t: _Trial, trial: Doc) -> bool:
    """Take the trial reading where it makes the word the sentence's one root, with its auxiliary and a subject:
    the sentence's heads, labels and tags become the trial's (the auxiliary's aside)."""
    k = t.verb - t.start
    verb = trial[k + 1]
    if sum(tok.head.i == tok.i for tok in trial) != 1 or verb.head.i != verb.i or trial[k].head.i != verb.i \
            or not any(c.dep_ in _SUBJECTS for c in verb.children):
        return False
    p = t.parse
    back = [*range(k), k, k, *range(k + 1, t.end - t.start)]  # trial word -> sentence word ("has" -> verb)
    for tok in trial:
        if tok.i != k:
            j = t.start + back[tok.i]
            p.heads[j] = t.start + back[tok.head.i]
            p.arr[j, 1], p.arr[j, 2] = tok.dep, tok.tag
    p.arr[t.verb, 2] = p.doc.vocab.strings[t.forms[2]]
    p.changed = True
    return True


def _misread(p: _Parse) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of three words or more none of whose roots is a finite verb or has an
    auxiliary."""
    doc, arr, heads = p.doc, p.arr, p.heads
    n = len(doc)
    starts = numpy.flatnonzero(arr[:, 3] == 1)
    if not len(starts) or starts[0] != 0:
        starts = numpy.concatenate(([0], starts))
    roots = numpy.flatnonzero(heads == numpy.arange(n))
    finite = roots[numpy.isin(arr[roots, 2], _finite_tags(doc))]
    settled = set(numpy.searchsorted(starts, finite, side="right") - 1)
    ends = [*starts[1:], n]
    for k, start in enumerate(starts):
        end = int(ends[k])
        if k in settled or end - start < 3:
            continue
        own = roots[(roots >= start) & (roots < end)]
        if not any(c.dep_ in ("aux", "auxpass") for r in own for c in doc[int(r)].children):
            yield int(start), end


def _finite_tags(doc: Doc) -> list[int]:
    return [doc.vocab.strings[t] for t in FINITE_TAGS]


def _verb_slots(doc: Doc, start: int, end: int) -> Iterator[int]:
    """Words of the sentence, in order, that could be its verb: lower-case, after a noun, pronoun, number,
    adverb or comma."""
    for i in range(start + 1, end):
        tok, prev = doc[i], doc[i - 1]
        if tok.is_lower and tok.is_alpha and tok.tag_ in _MAYBE_VERB and prev.tag_ in _BEFORE_VERB:
            yield i


_ACTIVE_ONLY = {"dobj", "ccomp", "xcomp", "attr", "dative", "aux", "auxpass", "prt", "oprd"}
_CAUSATIVES = {"have", "has", "had", "having", "get", "gets", "got", "gotten", "getting"}  # no lemmas yet


def _participle_subjects(doc: Doc) -> Doc:
    """The subject of a past participle with no auxiliary and nothing it acts on, standing before it, is the
    one that undergoes the act (see the module's docstring): its label becomes `nsubjpass`."""
    arr: Any = doc.to_array([TAG, DEP])
    changed = []
    for i in numpy.flatnonzero(arr[:, 0] == doc.vocab.strings["VBN"]).tolist():
        kids = list(doc[i].children)
        if any(c.dep_ in _ACTIVE_ONLY for c in kids) or doc[i].head.lower_ in _CAUSATIVES:
            continue  # "had their sentences commuted": the subject is the owner's, no reading of the act's
        if _predicate_elsewhere(doc, i, kids):
            changed += [c.i for c in kids if c.dep_ == "nsubj" and c.i < i]
    if changed:
        arr[changed, 1] = doc.vocab.strings["nsubjpass"]
        doc.from_array([DEP], arr[:, 1:])
    return doc


def _predicate_elsewhere(doc: Doc, i: int, kids: list[Any]) -> bool:
    """Whether participle `i` is not its sentence's verb: it is coordinated with a passive ("are killed and
    others injured"), or a clause under it has the auxiliary the sentence's predicate has ("detained in
    Iran ... was freed"). A past tense the tagger took for a participle ("troops engaged in clashes") has
    neither."""
    tok = doc[i]
    if tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.head.children):
        return True
    return any(c.dep_ in _CLAUSES and any(g.dep_ in ("aux", "auxpass") for g in c.children) for c in kids)


_CLAUSES = frozenset({"advcl", "conj", "ccomp", "parataxis"})


def _cased(original: str, word: str) -> str:
    return word.capitalize() if original[:1].isupper() else word


@Language.factory("geowire_reread", assigns=["token.head", "token.dep", "token.tag"], requires=["token.dep"])
def make_headline_reader(nlp: Language, name: str) -> HeadlineReader:
    return HeadlineReader(nlp, name)
