"""The pattern coder reads each word's children from a per-document table (`RoleFinder.children`): it must give
exactly what `Token.children` gives, and pattern matching through it must find the same patterns."""

from __future__ import annotations

from geowire.events.records import doc_groups, doc_mentions
from geowire.events.roles import RoleFinder
from geowire.events.triggers import PatternIndex

TEXTS = [
    "The United States and China agreed on Monday to hold talks in Geneva, officials said.",
    "Russia did not withdraw its troops, and neither Britain nor France has imposed sanctions on Iran.",
    "Protesters switched off the cameras before the army was deployed to the border with Syria.",
]


def _finder(nlp, text: str) -> RoleFinder:
    doc = nlp(text)
    return RoleFinder(doc, doc_mentions(doc), set(), doc_groups(doc))


def test_children_table_is_token_children(nlp):
    for text in TEXTS:
        finder = _finder(nlp, text)
        for tok in finder.doc:
            assert [c.i for c in finder.children(tok)] == [c.i for c in tok.children]


def test_match_through_the_table_finds_the_same_patterns(nlp):
    index = PatternIndex()
    for text in TEXTS:
        finder = _finder(nlp, text)
        for tok in finder.doc:
            assert index.match(tok, finder.children) == index.match(tok)
