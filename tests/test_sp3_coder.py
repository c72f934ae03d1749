"""The pattern coder's per-document tables (round 3): each must give what the word-by-word way gives (one case
per test)."""

from __future__ import annotations

from geowire.events.records import doc_groups, doc_mentions
from geowire.events.roles import RoleFinder
from geowire.events.triggers import TRIGGER_POS, PatternIndex, word_keys
from geowire.tokens import doc_tokens

TEXTS = [
    "The United States, Britain and France agreed on Monday to hold talks in Geneva, officials said.",
    "Russia did not withdraw its troops, and neither Britain nor France has imposed sanctions on Iran.",
    "Protesters switched off the cameras. The army was deployed to the border with Syria to stop the fighting!",
    "Were Saudi Arabia to normalize ties, would Iran object? Israel sent experts to Bosnia to investigate.",
]


def _docs(nlp):
    return [nlp(text) for text in TEXTS]


def test_only_trigger_parts_of_speech_have_candidates(nlp):
    index = PatternIndex()
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        assert all(toks.pos[i] in TRIGGER_POS for i in range(len(doc)) if index.candidates_at(toks, i))


def test_candidates_of_words_is_may_match_words(nlp):
    index = PatternIndex()
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        words = [i for i in toks.with_pos(*TRIGGER_POS) if i != 3]
        expected = index.may_match_words(toks, word_keys(toks), 0, len(doc), {3})
        assert index.candidates_of_words(toks, words) == expected


def test_words_by_sentence_are_the_sentences_triggers_and_reporting_verbs(nlp):
    from geowire import knowledge as kb
    from geowire.events.component import EventCoder

    index = PatternIndex()
    coder = EventCoder(index, kb.load_lexicon())
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        finder = RoleFinder(doc, doc_mentions(doc), set(), doc_groups(doc))
        starts = {start for start, _ in finder.sentence_bounds[::2]}  # every other sentence
        triggers, reporting = coder._words_by_sentence(finder, starts)
        for si, (start, end) in enumerate(finder.sentence_bounds):
            expected = index.may_match_words(toks, word_keys(toks, start, end), start, end, finder.by_token)
            said = [i for i in range(start, end) if toks.lemma[i] in coder.lex["_reporting"]]
            assert triggers.get(si, {}) == (expected if start in starts else {})
            assert reporting.get(si, []) == (said if start in starts else [])
