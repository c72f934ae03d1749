"""The pattern coder walks the parse by word index over the document's token table (`tokens.doc_tokens`): each
index helper must give what the spaCy Token or Span it stands for gives (one helper per test)."""

from __future__ import annotations

from geowire.events.fallbacks import is_purpose, is_purpose_at
from geowire.events.records import doc_groups, doc_mentions
from geowire.events.roles import RoleFinder
from geowire.events.triggers import MATCH_KEY, conjuncts, subtree, word_keys
from geowire.sentences import sentence_numbers
from geowire.tokens import doc_tokens

TEXTS = [
    "The United States, Britain and France agreed on Monday to hold talks in Geneva, officials said.",
    "Russia did not withdraw its troops, and neither Britain nor France has imposed sanctions on Iran.",
    "Protesters switched off the cameras. The army was deployed to the border with Syria to stop the fighting!",
    "Were Saudi Arabia to normalize ties, would Iran object? Israel sent experts to Bosnia to investigate.",
]


def _docs(nlp):
    return [nlp(text) for text in TEXTS]


def _finder(doc) -> RoleFinder:
    return RoleFinder(doc, doc_mentions(doc), set(), doc_groups(doc))


def test_conjuncts_are_token_conjuncts(nlp):
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        for tok in doc:
            assert conjuncts(toks, tok.i) == [c.i for c in tok.conjuncts]


def test_subtree_is_token_subtree(nlp):
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        for tok in doc:
            assert subtree(toks, tok.i) == [t.i for t in tok.subtree]


def test_word_keys_are_the_match_key_attributes(nlp):
    for doc in _docs(nlp):
        strings = doc.vocab.strings
        expected = [tuple(strings[x] for x in row) for row in doc.to_array(MATCH_KEY).tolist()]
        assert word_keys(doc_tokens(doc)) == expected


def test_sentence_bounds_are_the_sentences(nlp):
    for doc in _docs(nlp):
        assert _finder(doc).sentence_bounds == [(s.start, s.end) for s in doc.sents]


def test_sentence_of_is_sentence_numbers(nlp):
    for doc in _docs(nlp):
        assert _finder(doc).sentence_of == sentence_numbers(doc)


def test_is_purpose_at_is_is_purpose(nlp):
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        assert [is_purpose_at(toks, t.i) for t in doc] == [is_purpose(t) for t in doc]


def test_dated_words_hold_a_date_in_their_subtree(nlp):
    from geowire.events.dates import _dated_words

    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        expected = {t.i for t in doc if any(w.ent_type_ == "DATE" for w in t.subtree)}
        assert _dated_words(toks, {}) == expected


def test_object_prefilter_keeps_the_first_pattern_met(nlp):
    from geowire.events.triggers import PatternIndex, _Context, _meets

    index = PatternIndex()
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        for tok in doc:
            cands = index.candidates_at(toks, tok.i)
            ctx = _Context(toks, tok.i)
            assert index.match_at(toks, tok.i) == next((p for p in cands if _meets(p, ctx)), None)


def test_sentence_bounds_of_an_empty_document(nlp):
    assert _finder(nlp.make_doc("")).sentence_bounds == []


def test_may_match_words_gives_each_words_candidates(nlp):
    from geowire.events.triggers import PatternIndex

    index = PatternIndex()
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        found = index.may_match_words(toks, word_keys(toks, 2, len(doc)), 2, len(doc), {3})
        expected = {i: index.candidates_at(toks, i) for i in range(2, len(doc)) if i != 3 and index.candidates_at(toks, i)}
        assert found == expected


def test_word_keys_of_a_slice_are_those_words_keys(nlp):
    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        assert word_keys(toks, 3, 7) == word_keys(toks)[3:7]


def test_doc_mentions_filters_on_the_table_as_on_tokens(nlp):
    from geowire.events.records import envoy_host, predicative_nationality

    doc = nlp("The suspect was Pakistani. The US ambassador to Germany met Russia's envoy to the UN.")
    toks = doc_tokens(doc)
    for d in doc._.geowire_actors:
        tok = doc[d["head"]] if 0 <= d.get("head", -1) < len(doc) else None
        nationality = (d.get("form") == "adjective" and tok is not None and tok.dep_ in ("acomp", "attr")
                       and tok.head.lemma_.lower() in ("be", "become", "remain", "seem", "appear"))
        host = (tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("to", "at")
                and tok.head.head.lemma_.lower() in ("ambassador", "envoy", "representative", "emissary", "delegate",
                                                     "delegation", "consul", "attache", "attaché", "mission", "embassy")
                and tok.head.head.i != tok.head.i)
        assert predicative_nationality(toks, d) == nationality
        assert envoy_host(toks, d) == host
