"""The memo lemmatizer (`geowire.lemmas`) gives exactly the lemmas of spaCy's own rule lemmatizer: on ordinary
prose, on words whose lemma depends on their part of speech or morphology, and where the attribute ruler set
the lemma first."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA

import geowire
from geowire.lemmas import MemoLemmatizer, use_memo_lemmatizer
from geowire.pipeline import MODEL

TEXTS = [
    "The foreign ministers met on Tuesday and said the talks would resume next week in Geneva.",
    "She leaves tomorrow; the leaves fell. He was found; they found a fund. Better days, better deals.",
    "Troops were shelling the towns while the rebels' leaders fled, having been warned by the UN.",
    "I'm sure they'll say it isn't so, but we've seen what's been done: ain't nobody fooled.",
    "Pressed again, the spokesmen repeated the statement, repeating that the sanctions were lifted.",
    "  Officials   said   nothing  more. \n\n",
    "",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    plain = spacy.load(MODEL, exclude=["ner"])
    memo = spacy.load(MODEL, exclude=["ner"])
    use_memo_lemmatizer(memo)
    return plain, memo


def test_the_swapped_lemmatizer_keeps_its_name_place_and_tables(pipelines) -> None:
    plain, memo = pipelines
    assert memo.pipe_names == plain.pipe_names
    swapped = memo.get_pipe("lemmatizer")
    assert isinstance(swapped, MemoLemmatizer)
    assert swapped.mode == "rule"
    assert swapped.lookups.tables == plain.get_pipe("lemmatizer").lookups.tables


@pytest.mark.parametrize("text", TEXTS)
def test_lemmas_equal_spacys_lemmatizer(pipelines, text: str) -> None:
    plain, memo = pipelines
    a, b = plain(text), memo(text)
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_the_same_word_gets_the_lemma_of_its_part_of_speech(pipelines) -> None:
    _, memo = pipelines
    doc = memo("The leaves fell as she leaves.")
    assert [t.lemma_ for t in doc if t.lower_ == "leaves"] == ["leaf", "leave"]


def test_a_lemma_set_before_is_kept_unless_overwrite(pipelines) -> None:
    _, memo = pipelines
    lemmatizer = memo.get_pipe("lemmatizer")
    doc = memo.make_doc("Ministers met.")
    for name, proc in memo.pipeline:
        if name == "lemmatizer":
            break
        doc = proc(doc)
    doc[0].lemma_ = "envoy"
    lemmatizer(doc)
    assert [t.lemma_ for t in doc] == ["envoy", "meet", "."]
    doc.from_array([LEMMA], doc.to_array([LEMMA]) * 0)
    lemmatizer.overwrite = True
    try:
        doc[0].lemma_ = "envoy"
        lemmatizer(doc)
    finally:
        lemmatizer.overwrite = False
    assert doc[0].lemma_ == "minister"


def test_swapping_twice_or_without_a_lemmatizer_changes_nothing(pipelines) -> None:
    _, memo = pipelines
    before = memo.get_pipe("lemmatizer")
    use_memo_lemmatizer(memo)
    assert memo.get_pipe("lemmatizer") is before
    blank = spacy.blank("en")
    use_memo_lemmatizer(blank)
    assert blank.pipe_names == []


def test_geowire_load_uses_it() -> None:
    assert isinstance(geowire.load().get_pipe("lemmatizer"), MemoLemmatizer)
