"""Accuracy gate on the development sets in ../shared/dev: skipped where ../shared does not exist, a failure
where it does and a file is missing (CI has it).

Floors are pinned a little under the measured figures (docs/accuracy.md): raise them as the coder improves,
never lower them to pass. The scoring itself is `geowire.eval` and ../shared/tools/score_articles.py, whose
figures are read as data (`--json`), not parsed from its printed text.
"""

from __future__ import annotations

from geowire.eval import evaluate

from .conftest import shared_file

# The GSR floors were re-pinned when the event model became the verifier of every event (precision issue):
# the model drops pattern events the rules alone printed, which costs GSR dyad recall (0.741 -> 0.639) and
# adds extra events per sentence (0.39 -> 0.87); docs/accuracy.md.
# Document-scope features and convictions coded as coercion: dyad recall 0.636 -> 0.650, actor-only recall
# 0.782 -> 0.807. Candidates on the words of a pair's path and a calibration of their own for events with no
# target: dyad recall 0.650 -> 0.667, actor-only recall 0.807 -> 0.835, extra events per sentence 0.756 -> 1.019;
# one event per word, country pair and root: extra events 1.019 -> 0.911; news credits as no parties and
# proposals as not asserted: extra events 0.911 -> 0.873, dyad recall 0.667 -> 0.664. Actors inside a clause of
# time paired only with each other (`parties.in_aside_clause`): dyad recall 0.664 -> 0.658, the
# two dyads lost matched by a pair across the clause ("demanded elections after a court cleared him": the
# court), extra events 0.867 -> 0.826.
GSR_DYAD_FLOOR = 0.65
# Actor-only recall 0.802 -> 0.799 when pairs of one actor with itself stopped being candidates ("Iraq said it
# would ...", `records.same_referent`): the one gold dyad lost was matched only by such a pair; 0.782 when a
# bare reporting verb stopped naming disapproval, rejection, demands and threats for the model (below).
# 0.832 -> 0.826 when one-sided acts were read one way only on a word (`readings.drop_reversed`,
# `against_pattern`) and a government no longer acts on its own state's name (`parties.own_state`): the gold
# actors lost were found only by readings the wrong way round ("Senegal -> Gambia" for a meeting Mauritania and
# Senegal held about the Gambia) or by a resignation "without returning to Kyrgyzstan".
# 0.826 -> 0.818 when pairs of one country were calibrated by how they stand to their document (`DocScope.standing`,
# "away" unless the country has more than two thirds of the document's country mentions): the actors lost were
# found only by such pairs, now under the bar, while dyad recall rose (0.658 -> 0.664) and the extra events fell
# (0.715 -> 0.604): a deliberate trade, docs/accuracy.md. 0.818 -> 0.813 when a past participle after an actor
# noun became a passive ("a reporter detained in Iran"): measured 0.813, dyad recall 0.661.
GSR_ACTOR_RECALL_FLOOR = 0.81
GSR_ACTOR_RESOLUTION_FLOOR = 0.88
GSR_EXTRA_CEILING = 0.75  # measured 0.570
GSR_ROOT_FLOOR = 0.30  # every root with at least 5 gold dyads
# A bare reporting verb ("said", "wrote") names only a statement (01) for the model (learned.SPEECH_ROOTS): its
# own proposals of disapproval on "said" were right 39% of the time and a third of all output. Precision rose
# (articles 0.538 -> 0.639, wikinews 0.489 -> 0.526) and recall fell (0.545 -> 0.527, 0.363 -> 0.310; required
# 77 -> 73 of 95, the line is 0.75 = 72): a deliberate trade, docs/accuracy.md.
# 77 -> 76 when a country named as a scene stopped being a doer: the item lost ("the Houthis attacked a US
# destroyer") had been matched by "airstrikes against Houthi sites inside Yemen" read as Yemen -> US.
ARTICLES_REQUIRED_FLOOR = 76  # of 95 (72 before the path words' candidates)
# Location on the required events found (geolocation issue): the lines, country 0.85 and place 0.70
# (measured 94/101 = 0.931 and 59/82 = 0.720, docs/accuracy.md).
DEV_COUNTRY_FLOOR = 0.85
DEV_PLACE_FLOOR = 0.70
# precision and recall against the exhaustive `events` lists, at the default bars (the reference scorer)
# An act without a target is kept only for the roots often aimed at no one, or where its sentence names no other
# actor (learned.TARGETLESS_ROOTS), and coordinated co-agents are no pair: precision 0.639 -> 0.671 and
# 0.526 -> 0.557 at the same recall.
# Then document scope, convictions as coercion, predicative nationalities and background dates: articles
# 0.671/0.527 -> 0.657/0.549, wikinews 0.557/0.310 -> 0.598/0.363 (docs/accuracy.md).
# Then candidates on the words of a pair's path, and events with no target calibrated apart: articles
# 0.657/0.549 -> 0.642/0.578, wikinews 0.599/0.364 -> 0.595/0.395 (both files: F1 0.498 -> 0.516). Then one
# event per word, country pair and root (`readings.act_key`): the duplicates of right events had flattered
# precision: articles 0.642 -> 0.633, wikinews 0.595 -> 0.559, recall unchanged. Then background dates,
# consequences and proposals as not asserted, news credits as no parties, a pattern-backed reading assessed on
# the pattern's word: articles 0.633/0.578 -> 0.639/0.578, wikinews 0.559/0.395 -> 0.567/0.398. Then venues,
# envoy titles, clauses of time and relative clauses: articles 0.654/0.578, wikinews 0.577/0.398; affiliations
# and the sentences around an unqualified actor: articles 0.653/0.575, wikinews 0.593/0.413. Then one country
# per person, no family-name guesses, passive subjects as no doers, countries named as scenes as no doers, the
# state's measures on its own people, impeachment: articles 0.657/0.571, wikinews 0.614/0.428. Then one
# direction per one-sided act on a word, parties between two or more, named wars, the press and a government's
# own state as no parties: articles 0.684/0.582, wikinews 0.645/0.437. Then parties by a preposition of
# company, place or topic as no doers, labels by designation, coreference of "it", wars named by their place,
# accidents and safety advice as no acts: articles 0.690/0.582, wikinews 0.657/0.435. Then headlines' verbs read
# again, protests by a place's people, assaults by their means, no doer inside an aimed-at phrase, "no" and "on"
# read as words again, acts in phrases of circumstance: articles 0.693/0.582, wikinews 0.658/0.439.
# Then disapproval as an attitude ("was disappointed by"), the victims of a participle's doer counted ("killing
# dozens of people"), act nouns owned by another country, phrases of backdrop: articles 0.700/0.582, wikinews
# 0.662/0.439. Then a pair of one country calibrated by how it stands to its document (`DocScope.standing`;
# fitted on the training labels, bars re-chosen 0.1 / 0.2): articles 0.717/0.578, wikinews 0.684/0.438 (one
# right articles event fell under the bar: the recall floor moved from 0.58 to 0.57, F1 rose in both files).
# Then accidents, conjoined subjects, topic phrases, occasions, and "home" as more than two thirds of a
# document's country mentions: articles 0.724/0.578, wikinews 0.693/0.435. Then first names of longer names,
# news outlets as no context, partners and places further down a path as no doers, borders, accidents: articles
# 0.731/0.578, wikinews 0.703/0.439. Then clauses with their own subject, passive agents in statements,
# spokespeople "for" a body, curly apostrophes read as straight ones, accidents and dismissals: articles
# 0.730/0.582, wikinews 0.716/0.446. Then participles as passives, coordinated owners, places of unnamed doers,
# place chains, ministers: articles 0.730/0.582, wikinews 0.714/0.446.
ARTICLE_FLOORS = {"articles.jsonl": {"precision": 0.70, "recall": 0.57},
                  "wikinews.jsonl": {"precision": 0.69, "recall": 0.43}}


def test_gsr_floors(shared, nlp) -> None:
    r = evaluate(shared_file(shared, "dev", "plover_gsr.jsonl"))
    print({k: r[k] for k in ("dyad_recall", "actor_recall", "actor_resolution", "extra_events_per_sentence")})
    assert r["dyad_recall"] >= GSR_DYAD_FLOOR
    assert r["actor_recall"] >= GSR_ACTOR_RECALL_FLOOR
    assert r["actor_resolution"] >= GSR_ACTOR_RESOLUTION_FLOOR
    assert r["extra_events_per_sentence"] <= GSR_EXTRA_CEILING
    weak = {root: v["recall"] for root, v in r["per_root"].items() if v["gold"] >= 5 and v["recall"] < GSR_ROOT_FLOOR}
    assert not weak, weak


def test_articles_floor(dev_scores) -> None:
    res = dev_scores["articles.jsonl"]
    print({k: res.get(k) for k in ("required", "required_n", "stretch", "forbidden", "stray", "precision", "recall")})
    assert res["articles"] == res["rows"] and res["required_n"] >= 95
    assert res["required"] >= ARTICLES_REQUIRED_FLOOR and res["forbidden"] == 0


def test_article_precision_and_recall_floors(dev_scores) -> None:
    for name, floors in ARTICLE_FLOORS.items():
        r = dev_scores[name]
        print(name, {k: r.get(k) for k in ("precision", "recall", "required", "required_n", "forbidden")})
        assert r["articles"] == r["rows"] and r["forbidden"] == 0
        assert r["precision"] >= floors["precision"] and r["recall"] >= floors["recall"]


def test_dev_articles_location_gate(dev_scores) -> None:
    keys = ("loc_country_ok", "loc_country_n", "loc_place_ok", "loc_place_n")
    totals = [sum(int(res[key]) for res in dev_scores.values()) for key in keys]
    print(f"dev location: country {totals[0]}/{totals[1]}, place {totals[2]}/{totals[3]}")
    assert totals[0] / totals[1] >= DEV_COUNTRY_FLOOR and totals[2] / totals[3] >= DEV_PLACE_FLOOR
