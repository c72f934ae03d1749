"""`Gazetteer.matched`: the entries of a phrase the matchers found, remembered per phrase, are what `lookup`
gives less the names a phrase in lower case cannot be."""

from __future__ import annotations

import pytest

from geowire.actors.gazetteer import KINDS_NEEDING_CAPITAL, Gazetteer


@pytest.fixture(scope="module")
def gaz(nlp) -> Gazetteer:
    resolver = nlp.get_pipe("geowire_actors")
    resolver.ensure_knowledge()
    return resolver.gaz  # type: ignore[no-any-return]


def test_a_capitalised_phrase_keeps_all_its_entries(gaz) -> None:
    assert gaz.matched("Kenya") == gaz.lookup("Kenya") != []


def test_a_lower_case_phrase_loses_the_names(gaz) -> None:
    entries = gaz.matched("president")
    assert entries == [e for e in gaz.lookup("president") if e.kind not in KINDS_NEEDING_CAPITAL] != []


def test_an_unknown_phrase_is_none(gaz) -> None:
    assert gaz.matched("Kenya  Airways board") is None


def test_the_answer_is_remembered(gaz) -> None:
    first = gaz.matched("government")
    assert first and gaz.matched("government") is first
