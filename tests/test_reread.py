"""Headline verbs the parser read as nouns (`geowire.reread`): a present-tense headline is parsed again with its
verb as a perfect, and takes that reading only where the verb becomes the sentence's root with a subject;
ordinary sentences keep spaCy's parse, and the text and words never change."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, TAG

from geowire.pipeline import MODEL
from geowire.reread import HeadlineReader, reread_verbs, verb_forms


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    plain = spacy.load(MODEL, exclude=["ner"])
    reread = spacy.load(MODEL, exclude=["ner"])
    reread.add_pipe("geowire_reread", after="parser")
    return plain, reread


def test_the_reader_runs_right_after_the_parser(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("geowire_reread") == names.index("parser") + 1
    assert isinstance(nlp.get_pipe("geowire_reread"), HeadlineReader)


def test_a_headline_verb_read_as_a_noun_becomes_the_root(pipelines) -> None:
    plain, reread = pipelines
    text = "A court in Tbilisi sentences opposition politician Nika Beridze to five years in prison."
    before, after = plain(text), reread(text)
    assert before[4].dep_ != "ROOT"  # the small parser reads "sentences" as a noun
    assert after.text == text and len(after) == len(before)
    verb = after[4]
    assert (verb.dep_, verb.tag_, verb.lemma_) == ("ROOT", "VBZ", "sentence")
    assert {c.dep_: c.text for c in verb.children}.get("nsubj") == "court"
    assert after[8].head.i == 4 and after[8].dep_ == "dobj"


def test_a_plural_subject_gives_the_base_form_its_own_tag(pipelines) -> None:
    _, reread = pipelines
    doc = reread("Greek farmers protest outside the parliament in Athens.")
    verbs = [t for t in doc if t.dep_ == "ROOT"]
    assert [(t.text, t.pos_, t.tag_) for t in verbs] == [("protest", "VERB", "VBP")]


@pytest.mark.parametrize("text", [
    "The foreign ministers met on Tuesday and said the talks would resume next week in Geneva.",
    "Rebels have seized the town, officials said.",
    "Photo: Reuters",
    "Government plans to cut spending drew protests.",
])
def test_sentences_with_a_verb_or_none_to_find_keep_spacys_parse(pipelines, text) -> None:
    plain, reread = pipelines
    cols = [HEAD, DEP, TAG]
    assert (plain(text).to_array(cols) == reread(text).to_array(cols)).all()


def test_a_reading_without_a_subject_is_not_taken(pipelines) -> None:
    plain, reread = pipelines
    text = "Security concerns in the capital."  # no word of it is a verb of the lexicon with a subject
    cols = [HEAD, DEP, TAG]
    assert (plain(text).to_array(cols) == reread(text).to_array(cols)).all()


def test_the_verbs_tried_are_the_patterns_and_reporting_verbs() -> None:
    assert {"sentence", "arrest", "claim", "say", "protest"} <= reread_verbs()
    assert "graduate" not in reread_verbs()


@pytest.mark.parametrize(("word", "forms"), [
    ("claims", ("has", "claimed", "VBZ")),
    ("arrest", ("have", "arrested", "VBP")),
    ("strikes", ("has", "struck", "VBZ")),
    ("students", None),     # no verb
    ("graduates", None),    # a verb, but none an event starts from
    ("arrested", None),     # not a present tense
])
def test_a_word_is_tried_as_a_perfect_of_its_own_form(word, forms) -> None:
    assert verb_forms(word) == forms


def test_a_batch_is_read_as_each_doc_alone(pipelines) -> None:
    _, reread = pipelines
    texts = ["Kenyan police arrest twelve protesters in Nairobi.", "The ministers met on Tuesday.",
             "A court in Tbilisi sentences opposition politician Nika Beridze to five years in prison.",
             "Rebel group claims the attack on the convoy."]
    cols = [HEAD, DEP, TAG]
    alone = [reread(t).to_array(cols) for t in texts]
    together = [d.to_array(cols) for d in reread.pipe(texts, batch_size=4)]
    assert all((a == b).all() for a, b in zip(alone, together, strict=True))


def _subject_labels(doc: spacy.tokens.Doc, word: str) -> list[str]:
    verb = next(t for t in doc if t.text == word)
    return [c.dep_ for c in verb.children if c.dep_.startswith("nsubj")]


def test_a_participle_whose_sentence_has_its_verb_elsewhere_is_a_passive(pipelines) -> None:
    plain, reread = pipelines
    text = "Forty Chilean fishermen detained in Peru for a week are sent home."
    assert _subject_labels(plain(text), "detained") == ["nsubj"]  # the small parser's reading
    assert _subject_labels(reread(text), "detained") == ["nsubjpass"]


def test_a_participle_coordinated_with_a_passive_is_one(pipelines) -> None:
    plain, reread = pipelines
    text = "Four soldiers are killed and twelve others wounded in an ambush near Gao."
    assert _subject_labels(plain(text), "wounded") == ["nsubj"]
    assert _subject_labels(reread(text), "wounded") == ["nsubjpass"]


@pytest.mark.parametrize(("text", "word"), [
    ("Thousands of farmers protested against the new tariffs in Lima.", "protested"),  # the one predicate
    ("The two rival clans had their herds seized near the border.", "seized"),         # causative "have"
])
def test_a_participle_that_is_the_predicate_keeps_its_subject(pipelines, text, word) -> None:
    _, reread = pipelines
    assert "nsubjpass" not in _subject_labels(reread(text), word)
