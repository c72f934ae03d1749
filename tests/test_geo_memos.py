"""The place stage's memos answer what the slow way answers: `Gazetteer.opening` (a word -> the most words a
name starting with it has) and `Tokens.char_span` asked twice."""

from __future__ import annotations

from geowire.geo.gazetteer import ClosingWords, OpeningWords, get_gazetteer, text_key
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


WORDS = ["New", "York", "City", "Bab", "el-Mandeb", "U.", "S.", "Côte", "d'Ivoire", "Ivoire", "Sea", "Red",
         "Gaza", "Strip", "Said", "Kyiv", "Independent", "Abu", "Dhabi", "The", "Hague", "Sri", "Lanka", "Ho",
         "Chi", "Minh", "São", "Paulo", "A&M", "Москва", "West", "Bank", "Tel", "Aviv", "Jaffa", "St.", "Louis"]


def test_a_span_ending_on_a_word_that_closes_no_name_names_no_place() -> None:
    gaz = get_gazetteer()
    for first in WORDS:
        for second in WORDS:
            for third in ("", *WORDS[:12]):
                span = " ".join(w for w in (first, second, third) if w)
                if not gaz.closing[third or second]:
                    assert text_key(span) not in gaz.names, span


def test_closing_words_know_the_last_words_of_names() -> None:
    gaz = get_gazetteer()
    assert gaz.closing["York"] and gaz.closing["Strip"] and gaz.closing["S."] and gaz.closing["Москва"]
    assert not gaz.closing["Xyzzyq"]


def test_closing_words_start_over_when_full() -> None:
    words = ClosingWords({"york"})
    words.MAX = 2
    assert [words["York"], words["Said"], words["Bank"]] == [True, False, False]
    assert len(words) == 1
