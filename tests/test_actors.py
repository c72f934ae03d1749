"""Actor resolution: every written case of cases/actors*.yml as its own test, the aggregate floors, and pinned
behaviours."""

from __future__ import annotations

import pytest

import geowire

from .cases import actor_mentions, all_cases, judge_actor_case, known_failures

# Pinned floors: measured accuracy on the actor cases may not drop below these (raise them as it improves).
CASE_FLOOR = 0.84
ITEM_FLOOR = 0.89

CASES = all_cases("actors")
KNOWN = known_failures("actors")


@pytest.fixture(scope="session")
def case_mentions(nlp) -> dict[str, list[dict]]:
    return actor_mentions(CASES, nlp)


def mentions_of(nlp, text: str, date: str | None = None) -> list[dict]:
    doc = next(geowire.parse([geowire.Article(id="t", text=text, date=date)], nlp))
    return doc._.geowire_actors


def test_the_cases_and_the_known_failures_are_consistent() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 150 and len(set(ids)) == len(ids)
    assert KNOWN <= set(ids), KNOWN - set(ids)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True)]
                                               if c["id"] in KNOWN else []) for c in CASES])
def test_actor_case(case: dict, case_mentions: dict[str, list[dict]]) -> None:
    problems = judge_actor_case(case, case_mentions[case["id"]])[2]
    assert not problems, "\n".join(problems)


def test_actor_cases_accuracy_gate(case_mentions: dict[str, list[dict]]) -> None:
    case_ok = item_ok = item_total = 0
    problems: list[str] = []
    for case in CASES:
        ok, total, probs = judge_actor_case(case, case_mentions[case["id"]])
        item_ok += ok
        item_total += total
        case_ok += ok == total
        problems += probs
    case_acc, item_acc = case_ok / len(CASES), item_ok / item_total
    print(f"actor cases: {case_ok}/{len(CASES)} = {case_acc:.3f}; items {item_ok}/{item_total} = {item_acc:.3f}")
    print("\n".join(problems[:60]))
    assert case_acc >= CASE_FLOOR and item_acc >= ITEM_FLOOR


def test_titles_names_and_dates(nlp) -> None:
    ms = mentions_of(nlp, "Russian President Vladimir Putin met Indian Prime Minister Narendra Modi.", "2024-07-09")
    got = {(m["text"], m["code"], m["name"]) for m in ms}
    assert ("Russian President Vladimir Putin", "RUSGOV", "Vladimir Putin") in got
    assert ("Indian Prime Minister Narendra Modi", "INDGOV", "Narendra Modi") in got


def test_the_us_president_depends_on_the_date(nlp) -> None:
    a = mentions_of(nlp, "The US president spoke.", "2019-05-01")
    b = mentions_of(nlp, "The US president spoke.", "2022-05-01")
    assert a[0]["country"] == b[0]["country"] == "USA"
    assert a[0]["name"] == "Donald Trump" and b[0]["name"] == "Joe Biden"


def test_pm_modi_is_a_person_not_a_country(nlp) -> None:
    ms = mentions_of(nlp, "PM Modi arrived in Moscow on Monday.", "2024-07-08")
    modi = next(m for m in ms if "Modi" in m["text"])
    assert modi["code"] == "INDGOV" and modi["text"] == "PM Modi"


def test_coreference_surname_title_and_pronoun(nlp) -> None:
    text = ("Kenyan Foreign Minister Amina Wekesa arrived in Addis Ababa. Wekesa met officials there. "
            "She said the talks went well.")
    ms = mentions_of(nlp, text, "2023-01-01")
    by_text = {m["text"]: m for m in ms}
    assert by_text["Kenyan Foreign Minister Amina Wekesa"]["code"] == "KENGOV"
    assert by_text["Wekesa"]["code"] == "KENGOV" and by_text["Wekesa"]["how"] == "coreference"
    assert by_text["She"]["code"] == "KENGOV"


def test_appositive_gives_country_and_sector(nlp) -> None:
    ms = mentions_of(nlp, "Jonas Arkwright, a State Department spokesman, said the talks would resume.")
    m = next(m for m in ms if m["text"] == "Jonas Arkwright")
    assert m["code"] == "USAGOV" and m["how"] == "context"


def test_offsets_point_into_the_text(nlp) -> None:
    text = "Headline about Ukraine\n\nThe Indian government criticized Western countries."
    for m in mentions_of(nlp, text):
        assert text[m["start"]:m["end"]] == m["text"]
    assert {m["text"] for m in mentions_of(nlp, text)} >= {"The Indian government", "Western countries"}


def test_newspaper_and_credit_are_not_actors(nlp) -> None:
    text = "The Washington Post reported the strike. (Photo: Reuters)"
    assert not [m for m in mentions_of(nlp, text) if m["country"] == "USA"]


@pytest.mark.parametrize("text, dateline", [
    ("BEIJING, Sept. 8 (Xinhua) -- The Chinese Foreign Ministry lodged a protest against Japan.", {"BEIJING", "Xinhua"}),
    ("NAIROBI (Reuters) - Kenya's president met Ethiopia's prime minister on Monday.", {"NAIROBI"}),
])
def test_a_wire_dateline_is_where_the_report_was_filed_not_an_actor(nlp, text: str, dateline: set[str]) -> None:
    doc = nlp(text)
    texts = {a["text"] for a in doc._.geowire_actors}
    assert texts and not texts & dateline, texts


def test_a_capital_opening_a_headline_is_still_an_actor(nlp) -> None:
    doc = nlp("Moscow rejects Kyiv's proposal\n\nRussia on Monday rejected a Ukrainian proposal for talks.")
    assert "Moscow" in {a["text"] for a in doc._.geowire_actors}


def test_actor_spans_carry_the_codes_as_labels(nlp) -> None:
    text = "Russian President Vladimir Putin met the foreign minister of India in Moscow on Monday."
    doc = next(geowire.parse([geowire.Article(id="t", text=text, date="2020-05-01")], nlp))
    resolved = [m for m in doc._.geowire_actors if m["start"] is not None]
    assert [(s.start, s.end, s.label_) for s in doc.spans["actors"]] == [
        (m["tok_start"], m["tok_end"], m["code"] or "") for m in resolved]
    assert doc.spans["actors"] and all(s.label_ for s in doc.spans["actors"])
