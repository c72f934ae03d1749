"""What the stages ask of a Doc many times, answered cheaply, and where they keep what they compute once per
document (`doc_memo`). `Doc.text` joins a new Token object per word on every call and `Token.sent` walks the
document's sentences from its start, so the stages ask these instead: the text (joined once per document), the
number of each token's sentence (one pass per document); the first token of each token's sentence is in the
document's token table (`tokens.Tokens.sent_start`)."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.tokens import Doc

__all__ = ["doc_memo", "doc_text", "sentence_numbers"]

_MEMOS: WeakKeyDictionary[Doc, dict[str, Any]] = WeakKeyDictionary()


def doc_memo(doc: Doc) -> dict[str, Any]:
    """A dict that lives as long as the document, for what the stages derive from it once (its text, its date
    words, ...). It is not the Doc's `user_data`, which is saved and sent with the document."""
    memo = _MEMOS.get(doc)
    if memo is None:
        memo = _MEMOS[doc] = {}
    return memo


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined on the first call and kept with the document (its words never change)."""
    memo = doc_memo(doc)
    text = memo.get("text")
    if text is None:  # `Doc.text` without a Token object per word: each word, then a space where it has one
        strings = doc.vocab.strings
        text = memo["text"] = "".join(
            strings[orth] + " " if space else strings[orth] for orth, space in doc.to_array([ORTH, SPACY]).tolist())
    return str(text)


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of each token's sentence (0 for the first sentence, as `enumerate(doc.sents)` counts)."""
    out: list[int] = []
    number = -1
    for flag in doc.to_array([SENT_START]).tolist():
        if flag == 1 or number < 0:
            number += 1
        out.append(number)
    return out
