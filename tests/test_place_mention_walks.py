"""The place stage's per-mention and per-document shortcuts: each must give what the slow way gives
(one case per test)."""

from __future__ import annotations

from geowire.geo import locate
from geowire.geo.component import _not_people
from geowire.geo.gazetteer import get_gazetteer
from geowire.geo.mentions import Mention
from geowire.geo.resolve import _one_country
from geowire.tokens import doc_tokens


def _mention(start: int, end: int) -> Mention:
    return Mention(start, end, 0, 1, "x" * (end - start), ())


def test_not_people_keeps_the_mentions_inside_no_person() -> None:
    people = [(30, 40), (0, 12), (5, 8), (50, 51)]
    mentions = [_mention(s, e) for s, e in [(0, 4), (6, 8), (9, 13), (31, 35), (40, 44), (45, 50), (50, 51)]]
    slow = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in people)]
    assert _not_people(mentions, people) == slow and _not_people(mentions, []) is mentions


def test_one_country_is_the_single_country_of_the_candidates() -> None:
    gaz = get_gazetteer()
    for name in ("Paris", "Tripoli", "Kharkiv", "Georgia", "Kurdistan", "Springfield", "Europe"):
        cands = tuple(gaz.lookup(name))
        countries = {p.country for p in cands if p.country}
        assert _one_country(cands) == (next(iter(countries)) if len(countries) == 1 else None)


def _slow_on_occasion(m: Mention, toks, trig: int, words) -> bool:
    dep, head, lower = toks.dep, toks.head, toks.lower
    t = locate._root(m, toks)
    occasion = False
    while t != head[t] and dep[t] not in locate._CLAUSES:
        t = head[t]
        if t == trig:
            return occasion
        occasion = occasion or (lower[t] in words.occasions and dep[t] == "pobj")
    return False


def test_on_occasion_kept_per_mention_is_the_walk_up(nlp) -> None:
    from geowire import knowledge as kb
    from geowire.geo.component import locate_doc
    from geowire.geo.words import Words

    doc = nlp("In a speech at the UN in New York, Biden said that at a news conference in Kyiv the army struck "
              "Kharkiv.")
    words = Words.from_data(kb.load_geo_words())
    toks = doc_tokens(doc)
    mentions = locate_doc(doc, get_gazetteer(), words)
    assert mentions
    for m in mentions:
        for trig in range(len(doc)):
            assert locate._on_occasion(m, toks, trig, words) == _slow_on_occasion(m, toks, trig, words)
