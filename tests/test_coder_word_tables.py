"""The pattern coder's per-document tables: each must give what the word-by-word way gives (one case
per test)."""

from __future__ import annotations

from geowire.events.records import doc_groups, doc_mentions
from geowire.events.roles import RoleFinder
from geowire.events.triggers import TRIGGER_POS, PatternIndex, word_keys
from geowire.tokens import doc_tokens

from .test_event_table import TEXTS, _docs  # the same sentences as the table's own checks


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


BOMB_TEXTS = [
    "A roadside bomb killed three soldiers near Basra on Monday.",
    "Two policemen were killed by an improvised explosive device outside Kirkuk.",
    "A suicide car bomb explosion killed five people in Baghdad.",
]


def _bomb_by_tokens(verb):
    """The bomb-like noun of a verb as the Token walk found it before the token table."""
    from geowire.events.devices import _BOMBS

    for c in verb.children:
        cands = [c] if c.dep_ == "nsubj" else [g for g in c.children if g.dep_ == "pobj"] if (
            c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("in", "by"))) else []
        for n in cands:
            if n.lemma_.lower() in _BOMBS or any(g.dep_ == "compound" and g.lemma_.lower() in _BOMBS for g in n.children):
                return n.i
    return None


def test_bomb_at_is_the_token_walk(nlp):
    from geowire.events.devices import bomb_at

    for doc in map(nlp, BOMB_TEXTS):
        toks = doc_tokens(doc)
        assert [bomb_at(toks, t.i) for t in doc] == [_bomb_by_tokens(t) for t in doc]


def test_bombing_code_at_reads_the_bombs_subtree(nlp):
    from geowire.events.devices import bomb_at, bombing_code_at

    codes = []
    for doc in map(nlp, BOMB_TEXTS):
        toks = doc_tokens(doc)
        bombs = [b for b in (bomb_at(toks, t.i) for t in doc) if b is not None]
        words = [{t.lower_ for t in doc[b].subtree} for b in bombs]
        codes.append([bombing_code_at(toks, b) for b in bombs])
        assert all(("suicide" in w) == (c == "1831") for w, c in zip(words, codes[-1], strict=True))
    assert any(codes)


def test_trigger_dict_is_trigger_of(nlp):
    from geowire.events.records import trigger_of
    from geowire.events.triggers import trigger_at

    for doc in _docs(nlp):
        toks = doc_tokens(doc)
        assert [trigger_at(toks, t.i) for t in doc] == [trigger_of(t) for t in doc]


def test_event_date_at_reads_years_days_and_full_dates(nlp):
    from geowire.events.dates import dated_words, event_date_at

    doc = nlp("Russia invaded Ukraine in 2022 and on Monday signed a deal, officials said on April 19, 2018.")
    toks = doc_tokens(doc)
    got = [event_date_at(toks, t.i, t.head.i, "2023-05-04", dated_words(toks)) for t in doc]
    assert "2022" in got and "2018-04-19" in got and "2023-05-01" in got  # "on Monday" before the 4th


def test_event_dicts_are_to_dict_with_unshared_actor_dicts(nlp):
    from geowire.events.component import _event_dicts
    from geowire.events.records import CodedEvent

    doc = nlp(TEXTS[0])
    ms = doc_mentions(doc)
    trig = {"text": "agreed", "start": 0, "end": 6}
    events = [CodedEvent(0, TEXTS[0], 0, ms[0], t, trig, "036", False, "actual", a, None, 0.7, "agree", "pattern")
              for t, a in ((ms[1], None), (None, ms[0]), (ms[2], ms[1]))]
    got = _event_dicts(events)
    assert got == [e.to_dict() for e in events]
    assert got[0]["source"] is not got[1]["source"] and got[1]["attributed_to"] is not got[0]["source"]


def test_finder_has_is_list_membership(nlp):
    from geowire.model import ActorMention

    doc = nlp(TEXTS[0])
    finder = RoleFinder(doc, doc_mentions(doc), set(), doc_groups(doc))
    ms = list(finder.by_token.values())
    twin = ActorMention.from_dict(ms[0].to_dict())  # another record of the same mention
    for found in ([], ms[:1], ms[1:], [twin], ms):
        for m in [*ms, twin]:
            assert finder._has(found, m) == (m in found)


def test_role_finder_for_gives_the_last_finder_for_the_same_mentions(nlp):
    from geowire.events.roles import role_finder_for

    doc = nlp(TEXTS[0])
    first = role_finder_for(doc, doc_mentions(doc), {"make"}, doc_groups(doc))
    assert role_finder_for(doc, doc_mentions(doc), {"make"}, doc_groups(doc)) is first


def test_role_finder_for_makes_a_new_finder_for_other_mentions(nlp):
    from geowire.events.roles import role_finder_for

    doc = nlp(TEXTS[0])
    mentions = doc_mentions(doc)
    first = role_finder_for(doc, mentions, set(), doc_groups(doc))
    assert role_finder_for(doc, mentions[1:], set(), doc_groups(doc)) is not first
    again = role_finder_for(doc, mentions, set(), doc_groups(doc))
    assert again is not first and again.by_token == first.by_token


def test_role_finder_for_makes_a_new_finder_for_another_doc_or_light_verbs(nlp):
    from geowire.events.roles import role_finder_for

    doc, other = nlp(TEXTS[0]), nlp(TEXTS[0])
    first = role_finder_for(doc, doc_mentions(doc), set(), doc_groups(doc))
    assert role_finder_for(doc, doc_mentions(doc), {"make"}, doc_groups(doc)) is not first
    assert role_finder_for(other, doc_mentions(other), {"make"}, doc_groups(other)).doc is other
