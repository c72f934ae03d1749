"""The seed article (../shared/seed): every required event found, nothing the expectations forbid."""

from __future__ import annotations

import pytest

import geowire

from .conftest import country, shared_file

REQUIRED = [
    ("IND", "RUS", {"03", "04"}),  # Modi's visit / meeting with Putin
    ("RUS", "IND", {"04", "05"}),  # Putin welcomes Modi
    ("USA", "IND", {"01", "10", "11"}),  # the US expresses concern
    ("RUS", "UKR", {"15", "17", "18", "19", "20"}),  # Russia's invasion of Ukraine
    ("USA", "UKR", {"05", "06", "07"}),  # support and weapons
    ("WST", "IND", {"10", "11", "13", "17"}),  # Western countries pressure India
]
STRETCH = [
    ("USA", "IND", {"10", "13", "17"}),
    ("IND", "USA", {"12"}),
    ("IND", "RUS", {"02"}),
    ("USA", "IND", {"02", "10"}),
    ("USA", "IND", {"01", "09"}),
]
ALLOWED = {"IND", "RUS", "USA", "UKR", "WST", "CHN", "IGO"}
CONFLICT = {f"{r:02d}" for r in range(10, 21)}


@pytest.fixture(scope="module")
def seed_events(shared, nlp):
    text = shared_file(shared, "seed", "article.txt").read_text(encoding="utf-8")
    article = geowire.Article(id="seed", text=text, date="2024-07-09")
    return text, list(geowire.extract(article, nlp))


def found(events, src, tgt, roots) -> bool:
    return any(country(e.source) == src and country(e.target) == tgt and e.cameo_root in roots for e in events)


@pytest.mark.parametrize("src, tgt, roots", REQUIRED)
def test_required_event(seed_events, src, tgt, roots) -> None:
    _, events = seed_events
    assert found(events, src, tgt, roots), [(country(e.source), country(e.target), e.cameo) for e in events]


def test_no_conflict_from_india_to_russia(seed_events) -> None:
    _, events = seed_events
    assert not any(country(e.source) == "IND" and country(e.target) == "RUS" and e.cameo_root in CONFLICT
                   for e in events)


def test_nothing_else_forbidden(seed_events) -> None:
    text, events = seed_events
    assert not any(country(e.source) == "IND" and country(e.target) in ("WST", "USA")
                   and e.cameo_root in ("03", "05", "06") for e in events)
    for e in events:
        for a in (e.source, e.target):
            if a:
                assert country(a) in ALLOWED, a
    credit = text.index("(Photo:")
    credit_end = text.index(")", credit)
    reply = text.index("Leave a Reply")
    for e in events:
        for a in (e.source, e.target):
            if a and a.get("start") is not None:
                assert not (credit <= a["start"] <= credit_end) and a["start"] < reply


def test_stretch_events_score(seed_events) -> None:
    _, events = seed_events
    hits = sum(found(events, *s) for s in STRETCH)
    print(f"seed stretch events found: {hits}/{len(STRETCH)}")
    assert hits >= 4


# Words of the article and the actor each must resolve to (the actor issue's seed acceptance line).
SEED_ACTORS = [
    ("Modi", "IND", "GOV"), ("Putin", "RUS", "GOV"), ("Matthew Miller", "USA", "GOV"),
    ("Foreign Department", "USA", "GOV"), ("Moscow", "RUS", None), ("Western countries", "WST", None),
    ("the West", "WST", None),
]


def test_seed_actors(shared, nlp) -> None:
    text = shared_file(shared, "seed", "article.txt").read_text(encoding="utf-8")
    doc = next(geowire.parse([geowire.Article(id="seed", text=text, date="2024-07-09")], nlp))
    mentions = doc._.geowire_actors
    for words, want, sector in SEED_ACTORS:
        starts = [i for i in range(len(text)) if text.startswith(words, i)]
        assert starts, words
        for s in starts:  # every occurrence is inside a mention of the right actor
            hit = [m for m in mentions if m["start"] <= s and s + len(words) <= m["end"]]
            assert hit and all(country(m) == want for m in hit), (words, s, hit)
            if sector:
                assert all(m["sector"] == sector for m in hit), (words, s, hit)
    credit = text.index("(Photo:")
    assert not [m for m in mentions if credit <= m["start"] <= text.index(")", credit)]
