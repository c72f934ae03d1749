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
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

from . import knowledge as kb

__all__ = ["HeadlineReader", "reread_verbs", "verb_forms"]

_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_BEFORE_VERB = {"NN", "NNS", "NNP", "NNPS", "PRP", "CD", "-RRB-", "RB", ","}
_MAYBE_VERB = {"NN", "NNS", "NNP", "VBP", "VBZ", "VB", "JJ"}
_SUBJECTS = {"nsubj", "nsubjpass"}


@lru_cache(maxsize=1)
def reread_verbs() -> frozenset[str]:
    """The verb lemmas a misread sentence is tried on: every verb a pattern starts from, and the reporting verbs."""
    verbs = {str(p["verb"]).split()[0].lower() for p in kb.load_patterns() if "verb" in p}
    verbs.update(str(w).lower() for w in kb.load_lexicon().get("reporting_verbs", ()))
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


class HeadlineReader:
    """Reads again the sentences of a Doc whose verb the parser took for a noun (see the module's docstring)."""

    def __init__(self, nlp: Language, name: str = "geowire_reread") -> None:
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        arr: Any = doc.to_array([HEAD, DEP, TAG, SENT_START])
        heads = arr[:, 0].astype(numpy.int64) + numpy.arange(len(doc))  # absolute
        changed = False
        for start, end in _misread(doc, arr, heads):
            changed |= self._reread(doc, arr, heads, start, end)
        if changed:
            arr[:, 0] = (heads - numpy.arange(len(doc))).astype(numpy.uint64)
            doc.from_array([HEAD, DEP, TAG], arr[:, :3])
        return doc

    def _reread(self, doc: Doc, arr: numpy.ndarray, heads: numpy.ndarray, start: int, end: int) -> bool:
        """Try each word that could be the sentence's verb, as "has <participle>" or "have <participle>";
        the first reading that makes it the sentence's one root with a subject replaces the sentence's parse
        in `arr` and `heads`."""
        words = [t.text for t in doc[start:end]]
        spaces = [bool(t.whitespace_) for t in doc[start:end]]
        for i in _verb_slots(doc, start, end):
            forms = verb_forms(doc[i].lower_)
            if forms is None:
                continue
            aux, participle, tag = forms
            k = i - start
            trial = Doc(doc.vocab, words=[*words[:k], aux, participle, *words[k + 1:]],
                        spaces=[*spaces[:k], True, *spaces[k:]])
            for pname in ("tok2vec", "tagger", "parser"):
                trial = self.nlp.get_pipe(pname)(trial)
            verb = trial[k + 1]
            if sum(t.head.i == t.i for t in trial) != 1 or verb.head.i != verb.i or trial[k].head.i != verb.i \
                    or not any(c.dep_ in _SUBJECTS for c in verb.children):
                continue
            back = [*range(k), k, k, *range(k + 1, end - start)]  # trial word -> sentence word ("has" -> verb)
            for t in trial:
                if t.i == k:
                    continue
                j = start + back[t.i]
                heads[j] = start + back[t.head.i]
                arr[j, 1], arr[j, 2] = t.dep, t.tag
            arr[i, 2] = doc.vocab.strings[tag]
            return True
        return False


def _misread(doc: Doc, arr: Any, heads: numpy.ndarray) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of three words or more none of whose roots is a finite verb or has an
    auxiliary."""
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
    return [doc.vocab.strings[t] for t in _FINITE]


def _verb_slots(doc: Doc, start: int, end: int) -> Iterator[int]:
    """Words of the sentence, in order, that could be its verb: lower-case, after a noun, pronoun, number,
    adverb or comma."""
    for i in range(start + 1, end):
        tok, prev = doc[i], doc[i - 1]
        if tok.is_lower and tok.is_alpha and tok.tag_ in _MAYBE_VERB and prev.tag_ in _BEFORE_VERB:
            yield i


def _cased(original: str, word: str) -> str:
    return word.capitalize() if original[:1].isupper() else word


@Language.factory("geowire_reread", assigns=["token.head", "token.dep", "token.tag"], requires=["token.dep"])
def make_headline_reader(nlp: Language, name: str) -> HeadlineReader:
    return HeadlineReader(nlp, name)
