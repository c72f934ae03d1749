"""The model's rule lemmatizer at the cost of a table lookup: `geowire_lemmatizer`, spaCy's English
lemmatizer that remembers the lemma of each word form.

spaCy's rule lemmatizer asks its rules once per token, through a `Token` object, its morphology and a cache
keyed by the word, its part of speech and its morphology; in the small English model that costs a few per cent
of the whole parse. The lemma it gives is a function of those three values alone (the rules, the exceptions
and the base-form test read nothing else), so this lemmatizer reads them for the whole document as one array,
asks spaCy's own `lemmatize` once per distinct triple, and writes the lemmas back as one array. Tokens that
already have a lemma (the attribute ruler's exceptions) keep it unless `overwrite` is set, as in spaCy. The
lemmas are exactly those of the original (a test compares them).
"""

from __future__ import annotations

from typing import Any, cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MemoLemmatizer", "use_memo_lemmatizer"]

_KEY_ATTRS = [ORTH, POS, MORPH, LEMMA]


class MemoLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, answered from a table keyed by (word, part of speech, morphology)."""

    _memo: dict[tuple[int, int, int], int]

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)  # type: ignore[no-any-return]
        if not self._validated:
            self._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        memo = self.__dict__.setdefault("_memo", {})
        rows = doc.to_array(_KEY_ATTRS)  # uint64: hashes as the string store gives them
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))  # uint64, as read
        return doc

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        self._memo = {}  # new tables: new lemmas
        super().initialize(*args, **kwargs)


@Language.factory("geowire_lemmatizer",
                  default_config={"model": None, "mode": "rule", "overwrite": False,
                                  "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
                  assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, model: Any, name: str, mode: str, overwrite: bool,
                    scorer: Any) -> MemoLemmatizer:
    """spaCy's English rule lemmatizer with a per-word memo (`MemoLemmatizer`)."""
    return MemoLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def use_memo_lemmatizer(nlp: Language) -> None:
    """Swap the pipeline's English rule `lemmatizer` for a `MemoLemmatizer` with the same tables (same name,
    same place); a pipeline without one, with another kind, or with one already swapped is left as it is."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    old = nlp.get_pipe("lemmatizer")
    if isinstance(old, MemoLemmatizer) or type(old) is not EnglishLemmatizer or old.mode != "rule":
        return
    swapped = nlp.replace_pipe("lemmatizer", "geowire_lemmatizer", config={"overwrite": old.overwrite})
    assert isinstance(swapped, MemoLemmatizer)
    swapped.lookups = old.lookups
    swapped._validated = False
