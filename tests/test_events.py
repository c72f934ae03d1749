"""Event coding: every written case of cases/events*.yml as its own test, the aggregate floors, and pinned
behaviours."""

from __future__ import annotations

import pytest

import geowire

from .cases import all_cases, code_event_cases, judge_event_case, known_failures

# Pinned floors on the event cases (raise them as the coder improves; never lower them to pass). Re-pinned
# once, when the event model became the verifier and proposer (precision issue): the rules alone measured
# 0.939 and 0.986 here; with the model 0.864 and 0.949, while F1 on the 81 dev articles rose from 0.31 to
# 0.45 (docs/accuracy.md says what the model still gets wrong on these cases). Raised to the measured 0.896
# and 0.966 (a pattern-backed reading assessed on the pattern's own word) as 0.89 and 0.96.
EXPECT_FLOOR = 0.89
MUST_NOT_FLOOR = 0.96

CASES = all_cases("events")
KNOWN = known_failures("events")


@pytest.fixture(scope="session")
def coded_cases(nlp) -> dict[str, list[geowire.Event]]:
    return code_event_cases(CASES, nlp)


def events_of(nlp, text: str, date: str | None = None, **kw) -> list[geowire.Event]:
    return list(geowire.extract(geowire.Article(id="t", text=text, date=date), nlp, include_negated=True,
                                include_hypothetical=True, **kw))


def test_the_cases_and_the_known_failures_are_consistent() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 300 and len(set(ids)) == len(ids)
    assert KNOWN <= set(ids), KNOWN - set(ids)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True)]
                                               if c["id"] in KNOWN else []) for c in CASES])
def test_event_case(case: dict, coded_cases: dict[str, list[geowire.Event]]) -> None:
    problems = judge_event_case(case, coded_cases[case["id"]])[4]
    assert not problems, "\n".join(problems)


def test_event_cases_accuracy_gate(coded_cases: dict[str, list[geowire.Event]]) -> None:
    exp_ok = exp_n = bad_ok = bad_n = 0
    problems: list[str] = []
    for case in CASES:
        e_ok, e_n, b_ok, b_n, probs = judge_event_case(case, coded_cases[case["id"]])
        exp_ok, exp_n, bad_ok, bad_n = exp_ok + e_ok, exp_n + e_n, bad_ok + b_ok, bad_n + b_n
        problems += probs
    recall, clean = exp_ok / exp_n, bad_ok / max(bad_n, 1)
    print(f"event cases: expected {exp_ok}/{exp_n} = {recall:.3f}; must-not respected {bad_ok}/{bad_n} = {clean:.3f}")
    print("\n".join(problems[:80]))
    assert recall >= EXPECT_FLOOR and clean >= MUST_NOT_FLOOR


def test_active_and_passive(nlp) -> None:
    for text in ("Vietnam welcomed the Japanese prime minister.", "The Japanese prime minister was welcomed by Vietnam."):
        evs = [e for e in events_of(nlp, text, "2023-01-01") if e.source["country"] == "VNM"]
        assert evs and evs[0].target["country"] == "JPN"


def test_coordinated_actors_give_one_dyad_each(nlp) -> None:
    evs = events_of(nlp, "Poland, Lithuania and Latvia condemned Belarus.")
    assert {e.source["country"] for e in evs if e.target and e.target["country"] == "BLR"} == {"POL", "LTU", "LVA"}


def test_negation_is_flagged_not_asserted(nlp) -> None:
    evs = events_of(nlp, "The Indonesian government has neither condemned nor praised Myanmar's junta.")
    assert evs and all(e.negated for e in evs if e.source["country"] == "IDN")
    assert not list(geowire.extract("Chile did not sign the agreement with Peru.", nlp))


def test_refusal_is_a_rejection(nlp) -> None:
    evs = events_of(nlp, "Hungary refused to sign the joint statement with Ukraine.")
    asserted = [e for e in evs if e.asserted]
    assert any(e.cameo_root == "12" and e.source["country"] == "HUN" for e in asserted)
    assert not any(e.cameo_root == "05" for e in asserted)


def test_hope_and_condition_are_hypothetical(nlp) -> None:
    for text in ("Germany hopes that Serbia will recognize Kosovo.", "If Iran attacks Israel, the region will suffer."):
        evs = events_of(nlp, text)
        assert all(e.modality == "hypothetical" for e in evs if e.cameo_root in ("05", "18", "19")), text


def test_future_modality(nlp) -> None:
    evs = events_of(nlp, "The Brazilian president will visit Angola next month.", "2023-08-01")
    assert any(e.cameo in ("036", "042") and e.modality == "future" for e in evs)


def test_reported_speech_is_attributed(nlp) -> None:
    evs = events_of(nlp, "A Kremlin spokesman said that Ukrainian forces shelled Belgorod.")
    ev = next(e for e in evs if e.source["country"] == "UKR")
    assert ev.attributed_to and ev.attributed_to["country"] == "RUS"


def test_no_default_code(nlp) -> None:
    assert not events_of(nlp, "Trade between Brazil and Argentina grew five percent last year.")


def test_restatements_merge_with_mention_count(nlp) -> None:
    text = "Canada criticized China on Monday. Later, Canada again criticized China."
    evs = [e for e in events_of(nlp, text) if e.source["country"] == "CAN" and e.target["country"] == "CHN"]
    assert len(evs) == 1 and evs[0].mentions == 2


def test_background_event_keeps_its_own_year(nlp) -> None:
    evs = events_of(nlp, "Russia annexed Crimea in 2014.", "2024-03-01")
    assert any(e.date == "2014" for e in evs)


def test_the_two_countries_stands_for_both(nlp) -> None:
    text = "Chad and Sudan exchanged accusations for weeks. On Friday the two countries signed a security pact."
    evs = [e for e in events_of(nlp, text) if e.cameo_root in ("03", "05", "06")]
    assert {(e.source["country"], e.target["country"]) for e in evs} >= {("TCD", "SDN"), ("SDN", "TCD")}


@pytest.mark.xfail(strict=True, reason="known failure (docs/accuracy.md): the event model scores the pattern "
                   "coder's conditional threat under its floor and keeps only the statement")
def test_a_condition_names_who_is_threatened(nlp) -> None:
    evs = events_of(nlp, "Turkey said it would block Finland's bid unless Helsinki extradited the suspects.")
    assert any(e.cameo_root == "13" and e.source["country"] == "TUR" and e.target["country"] == "FIN"
               for e in evs if e.asserted)


def test_event_anaphora_targets_the_earlier_source(nlp) -> None:
    text = "China has been pressuring Lithuania over Taiwan. Lithuania has resisted this pressure."
    evs = events_of(nlp, text)
    assert any(e.source["country"] == "LTU" and e.target and e.target["country"] == "CHN" for e in evs)


def test_tone_follows_the_coded_events(nlp) -> None:
    from geowire.events.tone import article_tone

    hostile = list(geowire.extract("Poland expressed concern amid Moscow's invasion of Ukraine.", nlp))
    friendly = list(geowire.extract("Kenya and Tanzania signed a trade agreement.", nlp))
    assert hostile and all(e.tone < 0 for e in hostile)
    assert friendly and all(e.tone > 0 for e in friendly)
    assert article_tone(hostile) < 0 < article_tone(friendly)


def test_an_unnamed_doer_of_violence_is_no_government(nlp) -> None:
    """The unnamed state doer of an act of violence is an unidentified armed actor of the state (UAF); that of an
    arrest stays its government."""
    killed = [e for e in events_of(nlp, "Three people were killed in a knife attack at a market in Lyon, France.",
                                   "2025-05-01") if e.cameo_root in ("18", "19")]
    assert killed and {e.source["code"] for e in killed} == {"FRAUAF"}
    arrested = [e for e in events_of(nlp, "Two suspects were arrested in Lyon, France, on Monday.", "2025-05-01")
                if e.cameo_root == "17"]
    assert arrested and {e.source["code"] for e in arrested} == {"FRAGOV"}
