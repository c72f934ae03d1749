"""The place stage's memos answer what the slow way answers: `Gazetteer.opening` (a word -> the most words a
name starting with it has) and `Tokens.char_span` asked twice."""

from __future__ import annotations

from geowire.geo.gazetteer import OpeningWords, get_gazetteer, text_key
from geowire.tokens import Tokens


def test_opening_words_match_first_words_of_the_key() -> None:
    gaz = get_gazetteer()
    for word in ("Bab", "Paris", "Côte", "El", "Kyiv", "Xyzzyq", "The"):
        assert gaz.opening[word] == gaz.first_words.get(text_key(word), 0), word


def test_opening_words_start_over_when_full() -> None:
    words = OpeningWords({"paris": 1})
    words.MAX = 2
    assert (words["Paris"], words["Rome"], words["PARIS"]) == (1, 0, 1)
    assert len(words) == 1


def test_char_span_asked_twice_gives_the_same_words(nlp) -> None:
    toks = Tokens(nlp("Russian forces shelled Kharkiv on Monday."))
    first = toks.char_span(15, 29)
    assert first == (2, 4) and toks.char_span(15, 29) == first
    assert toks.char_span(500, 510) is None and toks.char_span(500, 510) is None
