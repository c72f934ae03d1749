"""`ActorMention.to_dict` makes each layout's dict with a function made once per layout (`model._dict_maker`):
the same dict, in the same key order, as zipping the keys with the values."""

from __future__ import annotations

import pytest

from geowire.model import MEMBER_KEYS, PRONOUN_KEYS, ActorMention, _dict_maker


def _slow(m: ActorMention) -> dict[str, object]:
    out = {k: getattr(m, k) for k in m.keys}
    if m.group is not None and "group" in out:
        out["group"] = [_slow(g) for g in m.group]
    return out


def test_a_mention_with_added_fields_gives_the_slow_dict() -> None:
    m = ActorMention(tok_start=2, tok_end=4, head=3, name="Kenya", country="KEN", roles=["minister"])
    m.antecedent = "Kenya"
    m.origin = True
    assert list(m.to_dict().items()) == list(_slow(m).items())


def test_a_pronoun_with_a_group_gives_the_slow_dict() -> None:
    a = ActorMention(tok_start=0, tok_end=1, name="Iran", country="IRN").view(MEMBER_KEYS)
    m = ActorMention(tok_start=5, tok_end=6, pronoun="they", keys=list(PRONOUN_KEYS))
    m.group = [a]
    assert list(m.to_dict().items()) == list(_slow(m).items())
    assert m.to_dict()["group"] == [a.to_dict()]


def test_one_function_per_layout() -> None:
    assert _dict_maker(("name", "code")) is _dict_maker(("name", "code"))


def test_a_name_that_is_no_field_is_refused() -> None:
    with pytest.raises(AttributeError):
        _dict_maker(("name", "__class__"))
