"""The learned event model's outputs: calibrated confidence, the default bar, flagged events in the store,
`--min-confidence` everywhere, and `geowire explain`."""

from __future__ import annotations

import json

import pytest

import geowire
from geowire.cli import main
from geowire.events.candidates import candidates_for_doc
from geowire.events.records import doc_mentions
from geowire.knowledge import (
    default_min_confidence,
    default_pattern_min_confidence,
    load_model_card,
    meets_bar,
)

from .conftest import write_jsonl

TEXT = ("Police in Lagos arrested twelve protesters on Friday. Two journalists were detained in Abuja. "
        "The Nigerian president met his Ghanaian counterpart in Accra and criticised the opposition.")


def test_the_model_card_holds_a_monotone_calibration_and_a_bar() -> None:
    card = load_model_card()
    for group in ("pattern", "model"):  # calibrated apart: pattern-backed events and the model's alone
        ys = card["calibration"][group]["y"]
        assert len(card["calibration"][group]["x"]) == len(ys) > 10
        assert all(b >= a for a, b in zip(ys, ys[1:], strict=False))
    assert 0.05 <= default_min_confidence() == card["threshold"] <= 0.95
    assert 0.05 <= default_pattern_min_confidence() <= default_min_confidence()
    assert card["trained_on"]["texts"] > 1000 and "out_of_fold" in card


def test_candidates_pair_linked_actors_and_name_an_unnamed_doer(nlp) -> None:
    doc = next(geowire.parse([geowire.Article(id="c", text=TEXT, date="2023-03-03")], nlp))
    cands = candidates_for_doc(doc, doc_mentions(doc, resolved_only=True), doc._.geowire_rule_events)
    pairs = {(c.source.text, c.target.text if c.target else None, doc[c.trigger].lemma_) for c in cands}
    assert ("Police", "protesters", "arrest") in pairs
    doers = [c for c in cands if c.kind == "unnamed doer"]
    assert any(c.target and c.target.text == "journalists" and c.source.country == "NGA" for c in doers)
    assert all(c.features and c.features[0] == "bias" for c in cands)


@pytest.mark.parametrize("text", [
    "Algeria said it would expel the French ambassador.",
    "President Vladimir Putin said he would travel to Beijing next week.",
    "Iran defended its nuclear programme on Monday.",
])
def test_no_candidate_has_one_actor_on_both_sides(nlp, text: str) -> None:
    doc = next(geowire.parse([geowire.Article(id="s", text=text, date="2023-03-03")], nlp))
    cands = candidates_for_doc(doc, doc_mentions(doc, resolved_only=True), doc._.geowire_rule_events)
    assert cands  # the sentence does have candidates
    assert not [c for c in cands if c.target is not None and c.target.name == c.source.name
                and c.target.code == c.source.code]


def _pairs(nlp, text: str) -> set[tuple[str, str]]:
    doc = next(geowire.parse([geowire.Article(id="s", text=text, date="2023-03-03")], nlp))
    cands = candidates_for_doc(doc, doc_mentions(doc, resolved_only=True), doc._.geowire_rule_events)
    return {(c.source.country, c.target.country) for c in cands if c.target is not None}


def test_coordinated_actors_with_a_third_party_are_co_agents(nlp) -> None:
    pairs = _pairs(nlp, "Ukraine, Georgia and Moldova signed partnership agreements with the European Union.")
    assert ("UKR", "IGO") in pairs and ("GEO", "IGO") in pairs
    assert not pairs & {("UKR", "GEO"), ("GEO", "UKR"), ("UKR", "MDA"), ("GEO", "MDA")}


def test_coordinated_actors_alone_are_partners(nlp) -> None:
    assert ("RUS", "CHN") in _pairs(nlp, "Russia and China signed a trade deal on Tuesday.")


def test_two_named_actors_of_one_code_stay_a_pair(nlp) -> None:
    text = "Prime Minister Narendra Modi criticised Home Minister Amit Shah on Sunday."
    doc = next(geowire.parse([geowire.Article(id="s", text=text, date="2023-03-03")], nlp))
    cands = candidates_for_doc(doc, doc_mentions(doc, resolved_only=True), doc._.geowire_rule_events)
    assert any(c.target is not None and c.source.code == c.target.code == "INDGOV" for c in cands)


def _features_of(nlp, text: str, source: str, target: str) -> list[str]:
    doc = next(geowire.parse([geowire.Article(id="s", text=text, date="2023-03-03")], nlp))
    cands = candidates_for_doc(doc, doc_mentions(doc, resolved_only=True), doc._.geowire_rule_events)
    return next(c.features for c in cands if c.target is not None and c.source.text == source
                and c.target.text == target)


def test_a_domestic_pair_in_a_report_of_one_country_says_so(nlp) -> None:
    text = ("Police in Nairobi arrested twelve protesters on Friday. The Kenyan government defended the "
            "arrests, and Kenyan opposition leaders condemned them.")
    feats = _features_of(nlp, text, "Police", "protesters")
    assert "breadth=one" in feats
    assert "same|breadth=True|one" in feats and "same|home=True|True" in feats


def test_a_domestic_pair_in_a_report_between_countries_says_so(nlp) -> None:
    text = ("Chinese police detained two Japanese citizens in Shanghai. Japan protested to China, and the "
            "United States and South Korea called for their release.")
    feats = _features_of(nlp, text, "Chinese police", "Japanese citizens")
    assert "breadth=many" in feats and "same|breadth=False|many" in feats
    assert not [f for f in feats if f.startswith("same|home=True")]


def test_confidence_is_a_probability_and_the_bar_filters(nlp) -> None:
    art = geowire.Article(id="b", text=TEXT, date="2023-03-03")
    everything = list(geowire.extract(art, nlp, min_confidence=0.0))
    default = list(geowire.extract(art, nlp))
    none = list(geowire.extract(art, nlp, min_confidence=1.0))
    assert everything and all(0.0 <= e.confidence <= 1.0 for e in everything)
    assert len(default) <= len(everything) and not none
    assert all(e.confidence >= (default_pattern_min_confidence() if e.pattern_backed else default_min_confidence())
               for e in default)


def test_a_given_bar_is_one_bar_for_every_event_and_the_default_has_one_per_kind() -> None:
    pattern_bar, model_bar = default_pattern_min_confidence(), default_min_confidence()
    between = (pattern_bar + model_bar) / 2
    assert meets_bar(model_bar, backed=False) and not meets_bar(model_bar - 0.01, backed=False)
    assert meets_bar(pattern_bar, backed=True) and not meets_bar(pattern_bar - 0.01, backed=True)
    assert meets_bar(between, backed=True) is True
    assert meets_bar(between, backed=False) is (pattern_bar == model_bar)
    assert not meets_bar(0.5, backed=True, min_confidence=0.6) and meets_bar(0.6, backed=False, min_confidence=0.6)


def test_every_printed_event_explains_itself(nlp) -> None:
    evs = list(geowire.extract(geowire.Article(id="x", text=TEXT, date="2023-03-03"), nlp, min_confidence=0.0))
    assert evs
    for e in evs:
        x = e.explain
        assert x and x["candidate"] and "raised_by" in x and "cues" in x and x["source_resolution"]


def test_store_keeps_events_under_the_bar_flagged(tmp_path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "d1", "text": TEXT, "date": "2023-03-03"}])
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(src), "--db", db, "--min-confidence", "0.99", "-q"]) == 0
    capsys.readouterr()
    assert main(["events", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing reaches 0.99
    assert main(["events", "--db", db, "--format", "json", "--min-confidence", "0"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["confident"] is False for r in rows)
    assert main(["explain", rows[0]["id"], "--db", db]) == 0
    out = capsys.readouterr().out
    assert "candidate:" in out and "raised by:" in out and rows[0]["id"] in out


def test_explain_an_unknown_event_is_one_line(tmp_path, capsys) -> None:
    db = str(tmp_path / "e.duckdb")
    geowire.Store(db).close()
    assert main(["explain", "nope", "--db", db]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope" in err[0]


def test_min_confidence_is_checked(capsys) -> None:
    try:
        main(["events", "--db", "x.duckdb", "--min-confidence", "1.5"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "invalid confidence" in capsys.readouterr().err


def test_the_model_proposes_only_what_its_trigger_word_can_name() -> None:
    from geowire.events.learned import act_words
    from geowire.knowledge import load_lexicon, load_patterns

    words = act_words(load_patterns(), load_lexicon())
    assert "11" in words.roots_named(("express",), {"concern"})  # disapproval needs its object
    assert "11" not in words.roots_named(("express",), {"support"})
    assert words.roots_named(("say", "said"), set()) == {"01"}  # a bare reporting verb: a statement
    assert words.roots_named(("write", "wrote"), set()) == {"01"}
    assert "11" in words.roots_named(("accuse", "accused"), set())  # disapproval has words of its own
    assert not words.roots_named(("sandwich",), set()) and not words.roots_named(("bowl",), {"india"})


def test_a_bare_said_is_no_disapproval_of_the_model(nlp) -> None:
    text = "Brazilian President Luiz Inacio Lula da Silva said the United States should rethink its policy toward Cuba."
    events = list(geowire.extract(text, nlp, min_confidence=0.0))
    assert events  # the statement and the appeal stay
    assert not [e for e in events if e.cameo.startswith("11") and e.trigger["text"] == "said"
                and not e.pattern_backed]


@pytest.mark.parametrize("text", [
    "Indian police detained the crew of the vessel despite Bangladesh's requests.",
    "The sanctions were criticized by members of the African Union during a summit with Chinese officials.",
])
def test_an_act_whose_target_was_not_found_is_not_printed_without_one(nlp, text: str) -> None:
    events = list(geowire.extract(text, nlp, min_confidence=0.0))
    assert not [e for e in events if e.target is None and e.asserted and not e.cameo.startswith(("14", "17"))]


def test_an_act_may_have_no_target_where_the_sentence_names_no_one_else(nlp) -> None:
    events = list(geowire.extract("Houthi rebels attacked a cargo ship in the Red Sea on Tuesday.", nlp))
    assert any(e.cameo.startswith(("18", "19")) and e.source["country"] == "YEM" and e.target is None
               for e in events)


def test_a_protest_needs_no_target(nlp) -> None:
    events = list(geowire.extract("Thousands of people protested in Belgrade on Saturday.", nlp))
    assert any(e.cameo.startswith("14") and e.source["country"] == "SRB" for e in events)


def test_sports_results_and_reverse_readings_print_nothing_false(nlp) -> None:
    sport = list(geowire.extract("Spain edged Italy on penalties to reach the final of the tournament.", nlp))
    assert not sport
    shelled = list(geowire.extract("Russia shelled Ukrainian towns along the front line overnight.", nlp))
    assert shelled and all(e.source["country"] == "RUS" for e in shelled)


def test_which_readings_are_calibrated_as_events_with_no_target() -> None:
    from types import SimpleNamespace

    from geowire.events.learned import _read_targetless

    yemen = SimpleNamespace(country="YEM")
    lone, paired = SimpleNamespace(target=None, source=yemen), SimpleNamespace(target=object(), source=yemen)
    alone, crowded = SimpleNamespace(countries={"YEM"}), SimpleNamespace(countries={"YEM", "USA"})
    # a pattern's act with no target in a text that names no other country reads as the pattern's other events
    assert not _read_targetless(lone, ("19", 0.4, True), alone)
    assert _read_targetless(lone, ("19", 0.4, True), crowded)
    assert _read_targetless(lone, ("19", 0.4, False), alone)
    assert not _read_targetless(paired, ("19", 0.4, False), crowded)


def test_one_act_is_one_event_whatever_the_actor_codes_of_one_country() -> None:
    from geowire.events.readings import act_key

    def event(source: dict, target: dict | None, cameo: str, start: int = 40) -> dict:
        return {"sentence_index": 2, "trigger": {"start": start}, "source": source, "target": target, "cameo": cameo}

    ministry, agency = {"code": "CHNGOV", "country": "CHN"}, {"code": "CHNMED", "country": "CHN"}
    japan = {"code": "JPN", "country": "JPN"}
    assert act_key(event(ministry, japan, "111")) == act_key(event(agency, japan, "112"))
    assert act_key(event(ministry, japan, "111")) != act_key(event(ministry, japan, "111", start=90))
    assert act_key(event(ministry, japan, "111")) != act_key(event(japan, ministry, "111"))
    assert act_key(event(ministry, japan, "111")) != act_key(event(ministry, japan, "130"))
    assert act_key(event(ministry, None, "111")) != act_key(event(ministry, japan, "111"))


def test_a_medium_reporting_makes_no_statement_of_its_own() -> None:
    from types import SimpleNamespace

    from geowire.events.parties import news_reading

    agency, ministry = SimpleNamespace(sector="MED", kind="institution"), SimpleNamespace(sector="GOV", kind="role")
    assert news_reading(agency, None, "01", False)  # the model's statement by a news agency: no event
    assert not news_reading(agency, None, "01", True)  # a pattern's reading stands as the pattern coded it
    assert not news_reading(agency, ministry, "11", False)  # a medium's own criticism is an act
    assert not news_reading(ministry, None, "01", False)


def test_speaking_to_the_press_is_no_act_towards_it() -> None:
    from types import SimpleNamespace

    from geowire.events.parties import news_reading

    minister = SimpleNamespace(sector="GOV", kind="role")
    reporters, journalist = SimpleNamespace(sector="MED", kind="role"), SimpleNamespace(sector="MED", kind="person")
    assert news_reading(minister, reporters, "01", True)  # "addressed reporters"
    assert news_reading(minister, reporters, "04", False)  # "in an interview with Al Jazeera"
    assert not news_reading(minister, reporters, "17", False)  # "raided the newspaper" is an act on the press
    assert not news_reading(minister, journalist, "01", False)  # a named journalist is a person
