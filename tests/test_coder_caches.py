"""The pattern coder's per-document caches: each must give what the slow way gives (one case per
test)."""

from __future__ import annotations

from geowire.events.records import doc_groups, doc_mentions, envoy_host, predicative_nationality
from geowire.model import ActorMention
from geowire.tokens import doc_tokens

TEXTS = [
    "Russia and China signed a deal. The two countries also agreed to hold talks, officials said.",
    "The suspect was Pakistani. The US ambassador to Germany met the French envoy to the UN in Berlin.",
]


def test_doc_groups_are_the_group_candidates_made_once(nlp):
    doc = nlp(TEXTS[0])
    slow = [ActorMention.from_dict(d) for d in doc._.geowire_actor_candidates or [] if d.get("group")]
    first, again = doc_groups(doc), doc_groups(doc)
    assert [m.to_dict() for m in first] == [m.to_dict() for m in slow]
    assert first is not again and all(a is b for a, b in zip(first, again, strict=True))


def test_doc_groups_follow_new_candidates(nlp):
    doc = nlp(TEXTS[0])
    first = doc_groups(doc)
    doc._.geowire_actor_candidates = list(doc._.geowire_actor_candidates or [])
    assert all(a is not b for a, b in zip(first, doc_groups(doc), strict=True))


def test_doc_mentions_drop_predicative_nationalities_and_envoy_hosts(nlp):
    for text in TEXTS:
        doc = nlp(text)
        toks = doc_tokens(doc)
        kept = [d for d in doc._.geowire_actors or []
                if not predicative_nationality(toks, d) and not envoy_host(toks, d)]
        assert [m.to_dict() for m in doc_mentions(doc)] == [ActorMention.from_dict(d).to_dict() for d in kept]


QUESTIONS = "Were Saudi Arabia to normalize ties, would Iran object? Israel sent experts to Bosnia.  Why?  "


def test_questions_are_the_sentences_ending_in_a_question_mark(nlp):
    from geowire.events.roles import RoleFinder

    doc = nlp(QUESTIONS)
    finder = RoleFinder(doc, doc_mentions(doc), set(), doc_groups(doc))
    assert finder.questions == [sent.text.rstrip().endswith("?") for sent in doc.sents]


def test_modifier_actors_at_is_a_new_list_of_what_the_search_finds(nlp):
    from geowire.events.roles import RoleFinder

    doc = nlp("The US-China talks and the Russian troops met the India-Russia summit.")
    finder = RoleFinder(doc, doc_mentions(doc), set(), doc_groups(doc))
    for i in range(len(doc)):
        first = finder.modifier_actors_at(i)
        first.append(None)  # a caller may change its list
        assert finder.modifier_actors_at(i) == finder._find_modifier_actors(i) == first[:-1]


def test_questions_read_spaces_as_the_tokens_flag_does(nlp):
    doc = nlp("Will they come?\n\nThey will. Really ?  ")
    toks = doc_tokens(doc)
    assert [t.isspace() for t in toks.text] == toks.is_space
