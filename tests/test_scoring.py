"""The event model's file and arithmetic (`geowire.events.scoring`): calibration by interpolation as numpy
does it, and the features that raised or lowered a score, for one reading or a document's readings at once."""

from __future__ import annotations

import random

import numpy as np
import pytest

from geowire.events.scoring import EventModel, calibration_group, interpolate, load_event_model


@pytest.fixture(scope="module")
def model() -> EventModel:
    loaded = load_event_model()
    assert loaded is not None
    return loaded


def _reference(model: EventModel, ids: np.ndarray, cls: int, most: int) -> tuple[list, list]:
    """The features' effects the slow way: each feature once, largest effect first, ties by index."""
    none = model.classes.index("NONE")
    effects = sorted((-abs(float(model.weights[k, cls] - model.weights[k, none])), k) for k in set(ids.tolist()))
    signed = [(model.vocab[k], float(model.weights[k, cls] - model.weights[k, none])) for _, k in effects]
    return [x for x in signed if x[1] > 0][:most], [x for x in signed if x[1] < 0][:most]


def test_interpolation_gives_numpys_floats() -> None:
    rng = random.Random(7)
    xs, ys = [0.0, 0.1, 0.25, 0.5, 1.0], [0.05, 0.08, 0.3, 0.3, 0.9]
    points = [rng.uniform(-0.2, 1.2) for _ in range(2000)] + xs + [float("nan")]
    got = [interpolate(x, xs, ys) for x in points]
    want = np.interp(points, xs, ys).tolist()
    assert got[:-1] == want[:-1]
    assert got[-1] != got[-1]  # NaN stays NaN


def test_the_calibrated_score_is_the_cards_table(model: EventModel) -> None:
    cal = model.card["calibration"]["pattern"]
    for x, y in zip(cal["x"], cal["y"], strict=True):
        assert model.calibrated(x, True) == pytest.approx(y)


def test_an_event_with_no_target_is_read_on_its_own_table(model: EventModel) -> None:
    cal = model.card["calibration"]["targetless"]
    for x, y in zip(cal["x"], cal["y"], strict=True):
        assert model.calibrated(x, True, targetless=True) == pytest.approx(y)
        assert model.calibrated(x, False, targetless=True) == pytest.approx(y)


def test_events_with_no_target_are_less_often_right_than_the_others_at_one_score(model: EventModel) -> None:
    # what the training labels say (out of fold): an article mostly names whom an act was aimed at
    for x in (0.3, 0.5, 0.7):
        assert model.calibrated(x, False, targetless=True) < model.calibrated(x, False)


def test_a_card_without_a_targetless_table_reads_such_events_as_the_others(model: EventModel) -> None:
    tables = {k: v for k, v in model.card["calibration"].items() if k != "targetless"}
    old = EventModel(index=model.index, classes=model.classes, weights=model.weights, bias=model.bias,
                     card=model.card | {"calibration": tables})
    for x in (0.2, 0.6):
        assert old.calibrated(x, True, targetless=True) == model.calibrated(x, True)
        assert old.calibrated(x, False, targetless=True) == model.calibrated(x, False)


def test_the_calibration_groups() -> None:
    assert [calibration_group(b, t) for b, t in ((True, False), (False, False), (True, True), (False, True))] == [
        "pattern", "model", "targetless", "targetless"]


@pytest.mark.parametrize(("backed", "targetless", "standing", "group"), [
    (True, False, "away", "away"), (False, False, "away", "away"),  # one country, not the document's own
    (False, False, "home", "model_home"), (True, False, "home", "pattern"),  # the document's own country
    (False, True, "away", "targetless"), (False, False, "apart", "model")])
def test_a_pair_of_one_country_is_grouped_by_how_it_stands_to_the_document(backed: bool, targetless: bool,
                                                                           standing: str, group: str) -> None:
    assert calibration_group(backed, targetless, standing) == group


def test_a_pair_of_one_country_away_from_the_document_is_less_often_right_than_one_at_home(model: EventModel
                                                                                          ) -> None:
    # what the training labels say (out of fold): in a report between countries, a pair of one country is
    # mostly misread; in a report of that country's affairs it is domestic politics
    for x in (0.05, 0.2, 0.4):
        assert model.calibrated(x, False, standing="away") < model.calibrated(x, False, standing="apart")
        assert model.calibrated(x, False, standing="away") < model.calibrated(x, False, standing="home")
        assert model.calibrated(x, True, standing="away") < model.calibrated(x, True, standing="apart")


def test_a_card_without_the_standing_tables_reads_those_pairs_as_the_others(model: EventModel) -> None:
    tables = {k: v for k, v in model.card["calibration"].items() if k not in ("away", "model_home")}
    old = EventModel(index=model.index, classes=model.classes, weights=model.weights, bias=model.bias,
                     card=model.card | {"calibration": tables})
    for x in (0.2, 0.6):
        for standing in ("away", "home"):
            assert old.calibrated(x, True, standing=standing) == model.calibrated(x, True)
            assert old.calibrated(x, False, standing=standing) == model.calibrated(x, False)


def test_one_readings_effects_match_the_slow_way(model: EventModel) -> None:
    rng = random.Random(3)
    for _ in range(30):
        ids = np.array(rng.sample(range(len(model.vocab)), 30) + [5, 5], dtype=np.int64)
        cls = rng.randrange(len(model.classes))
        assert model.contributions(ids, cls, most=6) == _reference(model, ids, cls, 6)


def test_a_documents_readings_at_once_match_one_by_one(model: EventModel) -> None:
    rng = random.Random(5)
    rows = [np.array(rng.sample(range(len(model.vocab)), rng.randrange(0, 40)), dtype=np.int64) for _ in range(25)]
    classes = [rng.randrange(len(model.classes)) for _ in rows]
    together = model.contributions_of(rows, classes, 6)
    assert together == [model.contributions(r, c, most=6) for r, c in zip(rows, classes, strict=True)]
    assert together == [_reference(model, r, c, 6) for r, c in zip(rows, classes, strict=True)]
    assert model.contributions_of([], [], 6) == []


def test_a_reading_with_no_known_feature_has_no_effects(model: EventModel) -> None:
    assert model.contributions(np.zeros(0, dtype=np.int64), 1, most=6) == ([], [])
