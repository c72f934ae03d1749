"""Curly apostrophes are read as straight ones: same vocabulary attributes, same parse, the text untouched."""

from __future__ import annotations

import pytest

from geowire.apostrophes import straight, straighten_apostrophes

SENTENCES = [
    "Egypt called Israel’s move illegal and provocative.",
    "The minister’s aides said they don’t expect Moscow’s reply before Friday.",
    "Chad’s foreign minister called the French mission a failure.",
]


def test_straight_writes_curly_apostrophes_straight() -> None:
    assert straight("Iran’s ‘move’") == "Iran's 'move'"


@pytest.mark.parametrize("word", ["’s", "n’t", "O’Brien", "Kyiv’s"])
def test_a_curly_word_has_the_model_attributes_of_its_straight_twin(nlp, word: str) -> None:
    curly, twin = nlp.vocab[word], nlp.vocab[straight(word)]
    assert (curly.norm_, curly.prefix_, curly.suffix_, curly.shape_) == (twin.norm_, twin.prefix_, twin.suffix_,
                                                                          twin.shape_)


@pytest.mark.parametrize("text", SENTENCES)
def test_a_sentence_parses_as_with_straight_apostrophes(nlp, text: str) -> None:
    curly, plain = nlp(text), nlp(straight(text))
    assert curly.text == text
    assert [(t.dep_, t.head.i, t.tag_) for t in curly] == [(t.dep_, t.head.i, t.tag_) for t in plain]


def test_straightening_twice_changes_nothing(nlp) -> None:
    before = nlp.vocab.lex_attr_getters.copy()
    straighten_apostrophes(nlp.vocab)
    assert nlp.vocab.lex_attr_getters == before
