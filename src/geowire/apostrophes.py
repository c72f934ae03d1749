"""Curly apostrophes, read by the statistical model as the straight ones it learned from.

The small English model was trained mostly on text with straight apostrophes, and reads "Iran’s move" (U+2019)
as a different word from "Iran's move": the possessive then often comes apart ("called Iran’s move
regrettable" parsed with Iran as the object of "called"). News is full of curly apostrophes. The model's
words are embedded from four attributes of their vocabulary entry (norm, prefix, suffix, shape); here those of
any word with a curly apostrophe are computed as for the word with a straight one, in the vocabulary itself:
the text, the tokens and every offset stay as the user gave them, and nothing is done per document.

`straighten_apostrophes` is called once per pipeline, when its `geowire_layout` component is made (`segment.py`),
so a pipeline saved with `nlp.to_disk` and loaded with `spacy.load` reads them the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX
from spacy.vocab import Vocab

__all__ = ["straighten_apostrophes", "straight"]

_CURLY = str.maketrans({"’": "'", "‘": "'"})
_ATTRS = (NORM, PREFIX, SUFFIX, SHAPE)


def straight(text: str) -> str:
    """`text` with its curly apostrophes (and single quotes) written straight."""
    return text.translate(_CURLY) if "’" in text or "‘" in text else text


def _reading_straight(getter: Callable[[str], Any]) -> Callable[[str], Any]:
    def get(text: str) -> Any:
        return getter(straight(text))
    get.geowire_straight = True  # type: ignore[attr-defined]
    return get


def straighten_apostrophes(vocab: Vocab) -> None:
    """Make the vocabulary give a word with a curly apostrophe the model attributes of the same word with a
    straight one: for the entries made from now on (the attribute getters) and for those it holds already.
    Calling it again does nothing."""
    getters: dict[int, Callable[[str], Any]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    for attr in _ATTRS:
        get = getters.get(attr)
        if get is not None and not getattr(get, "geowire_straight", False):
            getters[attr] = _reading_straight(get)
    for lex in [lex for lex in vocab if straight(lex.orth_) != lex.orth_]:
        twin = vocab[straight(lex.orth_)]
        lex.norm_ = straight(lex.norm_)
        lex.prefix_, lex.suffix_, lex.shape_ = twin.prefix_, twin.suffix_, twin.shape_
