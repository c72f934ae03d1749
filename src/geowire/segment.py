"""Sentence boundaries from layout: headlines, captions and paragraphs are never merged into one sentence.

Runs before the parser (which respects boundaries set here). A blank line always ends a sentence; a single
line break ends one unless it is a hard wrap inside running text (the line does not end a sentence and the
next one starts in lower case).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["layout_sentencizer"]

_FINAL = set('.!?:;"\'”’)]')


@Language.component("geowire_layout", assigns=["token.is_sent_start"])
def layout_sentencizer(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start where the layout says so."""
    n = len(doc)
    for i, tok in enumerate(doc):
        if i + 1 >= n:
            break
        ws = tok.text if tok.is_space else tok.whitespace_
        if "\n" not in ws:
            continue
        nxt = doc[i + 1]
        if nxt.is_space:
            continue
        blank = ws.count("\n") >= 2 or (tok.is_space and i > 0 and "\n" in doc[i - 1].whitespace_)
        prev = doc[i - 1] if tok.is_space and i > 0 else tok
        hard_wrap = (not blank and prev.text[-1:] not in _FINAL and nxt.text[:1].islower())
        if not hard_wrap:
            nxt.is_sent_start = True
            if tok.is_space:
                tok.is_sent_start = False
    return doc
