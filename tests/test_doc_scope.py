"""How a document's countries are counted and how a pair stands to them (`geowire.events.scope`)."""

from __future__ import annotations

from geowire.events.scope import doc_scope
from geowire.model import ActorMention


def _mentions(*countries: str) -> list[ActorMention]:
    return [ActorMention(country=c, code=c) for c in countries]


def test_a_pair_of_the_country_most_mentions_name_is_at_home() -> None:  # three of four
    scope = doc_scope(_mentions("HUN", "HUN", "HUN", "AUT"))
    assert scope.standing("HUN", "HUN") == "home"


def test_a_country_named_by_two_thirds_or_less_is_not_at_home() -> None:
    scope = doc_scope(_mentions("HUN", "HUN", "HUN", "AUT", "AUT"))
    assert scope.home("HUN")  # the features' "most mentions"
    assert scope.standing("HUN", "HUN") == "away"  # the calibration's stricter line: more than two thirds
    assert doc_scope(_mentions("HUN", "HUN", "AUT")).standing("HUN", "HUN") == "away"


def test_a_pair_of_one_other_country_is_away() -> None:
    scope = doc_scope(_mentions("HUN", "HUN", "HUN", "AUT"))
    assert scope.standing("AUT", "AUT") == "away"


def test_no_country_holds_most_mentions_in_a_report_between_countries() -> None:
    scope = doc_scope(_mentions("IND", "IND", "CAN", "CAN"))
    assert scope.standing("IND", "IND") == "away"


def test_two_countries_or_no_target_are_apart() -> None:
    scope = doc_scope(_mentions("HUN", "HUN", "HUN", "AUT"))
    assert scope.standing("HUN", "AUT") == "apart"
    assert scope.standing("HUN", None) == "apart"
    assert scope.standing(None, None) == "apart"


def test_organisations_and_groups_are_not_counted_as_countries() -> None:
    scope = doc_scope(_mentions("IGO", "IGO", "IGO", "KEN"))
    assert scope.counts == {"KEN": 1}
    assert scope.standing("KEN", "KEN") == "home"
    assert scope.standing("IGO", "IGO") == "away"
