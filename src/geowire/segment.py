"""Layout: sentence boundaries (headlines, captions and paragraphs are never merged into one sentence) and the
dateline a report opens with.

`geowire_layout` runs before the parser (which respects boundaries set here). A blank line always ends a
sentence; a single line break ends one unless it is a hard wrap inside running text (the line does not end a
sentence and the next one starts in lower case). A dateline ("BEIJING, Sept. 8 (Xinhua) --", "KYIV (Reuters)
-", "Luanda, Angola —") is read from the start of one of the first lines: `DATELINE` is its shape, which the
geolocation stage confirms against the gazetteer (`geo/dateline.py`); `wire_dateline` finds the unmistakable
ones (a capitalised city or an agency in parentheses) without it, for the actor stage: where a report was
filed from is no actor. Both read the same opening lines (`opening_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .apostrophes import straighten_apostrophes

__all__ = ["layout_sentencizer", "make_layout", "DATELINE", "DATELINE_LINES", "match_dateline", "opening_lines",
           "wire_dateline"]

DATELINE_LINES = 12  # the lines a dateline may open (headlines above it are skipped)
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'’\- ]{1,40}?)"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.'’\- ]{1,40}?))?"
    r"(?:\s*,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?:--|—|–|-|:)\s")
# what every dateline holds: its closing dash or colon and a space (a cheap test, where `DATELINE` backtracks
# long over a line of body text before it fails)
_CLOSE = re.compile(r"(?:-|—|–|:)\s")

_FINAL = set('.!?:;"\'”’)]')


@Language.factory("geowire_layout", assigns=["token.is_sent_start"])
def make_layout(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The `geowire_layout` component; making it also has the pipeline's vocabulary read curly apostrophes as
    straight ones (`apostrophes.straighten_apostrophes`)."""
    straighten_apostrophes(nlp.vocab)
    return layout_sentencizer


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


def opening_lines(text: str) -> Iterator[tuple[int, str]]:
    """(character offset, line) of the lines a dateline may open: the first DATELINE_LINES lines that are not
    blank, up to and including the first paragraph of body text (a line over 200 characters)."""
    offset = 0
    for line in text.split("\n")[:DATELINE_LINES]:
        if line.strip():
            yield offset, line
            if len(line) > 200:  # a paragraph of body text: no dateline further down
                return
        offset += len(line) + 1


def match_dateline(line: str) -> re.Match[str] | None:
    """`DATELINE.match(line)`, skipping at once the lines with no dash or colon before a space."""
    return DATELINE.match(line) if _CLOSE.search(line) else None


def wire_dateline(text: str) -> tuple[int, int] | None:
    """The character span of an unmistakable dateline (its city in capitals, or an agency named in parentheses
    after it), from the city to its region or agency; None where the text opens with none."""
    for offset, line in opening_lines(text):
        m = match_dateline(line)
        if m is not None and (m.group("city").strip().isupper() or m.group("agency")):
            ends = [m.start("city") + len(m.group("city").rstrip())]
            ends += [m.end(g) for g in ("region", "agency") if m.group(g)]
            return offset + m.start("city"), offset + max(ends)
    return None
