"""Which sentence each token is in. `Token.sent` walks the document's sentences from its start on every call
(a pass over the document per question), so the stages ask these instead: the first token of each token's
sentence and each token's sentence number, computed in one pass per document, and one token's sentence found
from the token outwards."""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

__all__ = ["sentence_starts", "sentence_numbers", "token_sentence"]


def sentence_starts(doc: Doc) -> list[int]:
    """The index of the first token of each token's sentence."""
    out: list[int] = []
    start = 0
    for i, flag in enumerate(doc.to_array([SENT_START]).tolist()):
        if flag == 1:
            start = i
        out.append(start)
    return out


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of each token's sentence (0 for the first sentence, as `enumerate(doc.sents)` counts)."""
    out: list[int] = []
    number = -1
    for flag in doc.to_array([SENT_START]).tolist():
        if flag == 1 or number < 0:
            number += 1
        out.append(number)
    return out


def token_sentence(tok: Token) -> Span:
    """The sentence of one token, found from the token outwards."""
    doc = tok.doc
    start = tok.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]
