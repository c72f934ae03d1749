"""`geowire.model.ActorMention`: what coreference adds after a mention is built joins its plain dict's layout
(`keys`); what the constructor is given does not, and copies keep the layout."""

from __future__ import annotations

import copy
import pickle

from geowire.model import MENTION_KEYS, PRONOUN_KEYS, ActorMention


def test_fields_given_to_the_constructor_keep_the_layout_given() -> None:
    m = ActorMention(tok_start=3, pronoun="he", antecedent="X", person=True, keys=list(PRONOUN_KEYS))
    assert m.keys == list(PRONOUN_KEYS)
    assert (m.pronoun, m.antecedent, m.person) == ("he", "X", True)


def test_a_field_set_later_joins_the_layout_once_in_order() -> None:
    m = ActorMention(tok_start=3)
    m.antecedent = "Vladimir Putin"
    m.antecedent_head = None
    m.antecedent = "Putin"
    assert m.keys == [*MENTION_KEYS, "antecedent", "antecedent_head"]
    assert m.to_dict()["antecedent"] == "Putin"


def test_defaults_are_fresh_lists() -> None:
    a, b = ActorMention(), ActorMention()
    a.roles.append("president")
    a.keys.append("origin")
    assert (b.roles, b.keys) == ([], list(MENTION_KEYS))


def test_copies_and_plain_dicts_round_trip() -> None:
    m = ActorMention(tok_start=1, tok_end=2, name="Kenya", country="KEN")
    m.origin = True
    for other in (ActorMention.from_dict(m.to_dict()), pickle.loads(pickle.dumps(m)), copy.deepcopy(m)):
        assert other == m and other.keys == m.keys


def test_to_dict_matches_reading_each_key_in_order() -> None:
    m = ActorMention(tok_start=1, tok_end=2, name="Kenya", country="KEN", keys=list(PRONOUN_KEYS))
    m.antecedent = "Kenya"
    assert list(m.to_dict().items()) == [(k, getattr(m, k)) for k in m.keys]


def test_to_dict_of_one_key_and_of_none() -> None:
    assert ActorMention(name="X", keys=["name"]).to_dict() == {"name": "X"}
    assert ActorMention(keys=[]).to_dict() == {}


def test_view_keeps_only_the_keys_given() -> None:
    m = ActorMention(tok_start=1, name="Kenya", country="KEN")
    v = m.view(("name", "country"))
    assert (v.keys, v.to_dict(), v.tok_start) == (["name", "country"], {"name": "Kenya", "country": "KEN"}, -1)
