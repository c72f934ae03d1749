"""The pattern coder's roles as the role finder reads them: the members a group phrase names ("leaders including
A and B") and praise, which is never between its co-subjects."""

from __future__ import annotations

import geowire


def _rule_pairs(nlp, text: str) -> set[tuple[str | None, str | None, str]]:
    doc = next(geowire.parse([geowire.Article(id="r", text=text, date="2024-05-05")], nlp))
    return {((e.get("source") or {}).get("country"), (e.get("target") or {}).get("country"), e["cameo"][:2])
            for e in doc._.geowire_rule_events}


def test_the_members_a_group_names_with_including_are_its_agents(nlp) -> None:
    pairs = _rule_pairs(nlp, "Israel's raid was condemned by several governments, including Jordan and Egypt.")
    assert {("JOR", "ISR", "11"), ("EGY", "ISR", "11")} <= pairs


def test_praise_is_not_between_its_co_subjects(nlp) -> None:
    pairs = _rule_pairs(nlp, "Tributes were paid by leaders including the Jordanian king and the Egyptian president.")
    assert not {p for p in pairs if {p[0], p[1]} == {"JOR", "EGY"}}
