"""The place stage's and the event glue's shortcuts answer what the slow way answers: `Gazetteer.spans` (a
span's key and places), the capitalised words of `find_mentions`, `Mention.display_name` kept per place, a
name resolved once per reading, the trigger's place phrases kept per reading, one pass over the actors, the
meeting places shared, and `pipeline._to_event`'s actor copies and event id."""

from __future__ import annotations

import hashlib

from geowire import knowledge as kb
from geowire.geo import component, locate, resolve
from geowire.geo.component import _read_actors, _share_meeting_places
from geowire.geo.gazetteer import SpanNames, get_gazetteer, text_key
from geowire.geo.mentions import Mention, _capitalised
from geowire.geo.words import Words
from geowire.pipeline import _event_id, _without_how

SPANS = ["Paris", "New York City", "Bab el-Mandeb", "U.S.", "Côte d'Ivoire", "the Gaza Strip", "Xyzzyq", "Said"]


def test_span_names_give_the_key_and_places_of_the_name_table() -> None:
    gaz = get_gazetteer()
    for span in SPANS:
        key = text_key(span)
        hit = gaz.spans[span]
        assert hit == ((key, tuple(gaz.names[key])) if gaz.names.get(key) else None), span


def test_span_names_share_one_tuple_per_span() -> None:
    gaz = get_gazetteer()
    assert gaz.spans["Paris"] is gaz.spans["Paris"]


def test_span_names_start_over_when_full() -> None:
    spans = SpanNames(get_gazetteer().names)
    spans.MAX = 2
    assert spans["Paris"] is not None and spans["Xyzzyq"] is None and spans["Kyiv"] is not None
    assert len(spans) == 1


def test_capitalised_words_are_those_starting_with_a_capital() -> None:
    words = ["The", "iPhone", "ÉTAT", "état", "'s", "U.S.", "ℂity", "", "3M", "x", "Ωmega", "McDonald"]
    assert _capitalised(words) == [i for i, w in enumerate(words) if w[:1].isupper()]


def _mention(name: str, place_name: str) -> Mention:
    place = get_gazetteer().lookup(place_name)[0]
    m = Mention(0, len(name), 0, 1, name, (place,), name=name)
    m.place = place
    return m


def test_display_name_is_kept_per_place_and_follows_a_new_one() -> None:
    m = _mention("Kobani", "Kobani")
    assert m.display_name == m._display_name(m.place) and m.display_name is m.display_name
    m.place = get_gazetteer().countries["FRA"]
    assert m.display_name == m._display_name(m.place) == m.place.name and m.shown[0] is m.place


TEXT = ("Officials in Tripoli said on Monday that Tripoli, Lebanon, was calm. Tripoli residents in Paris, Texas, "
        "and Paris protested. Russian forces shelled Kharkiv as Ukraine and Poland met in Warsaw, where they "
        "agreed to talks and praised each other; Kyiv said Russia attacked Kharkiv and Odesa.")


def _places(doc) -> list:
    return [m.to_dict() for m in component.locate_doc(doc, get_gazetteer(), Words.from_data(kb.load_geo_words()))]


def test_a_name_resolved_once_per_reading_resolves_as_each_alone(nlp, monkeypatch) -> None:
    fast = _places(nlp(TEXT))
    monkeypatch.setattr(resolve, "_reading", lambda m, after, name: id(m))
    assert _places(nlp(TEXT)) == fast


def test_place_phrases_kept_per_trigger_locate_as_found_each_time(nlp, monkeypatch) -> None:
    doc = nlp(TEXT)
    assert doc._.geowire_events
    fast = [ev["location"] for ev in doc._.geowire_events]
    monkeypatch.setattr(locate, "_phrase", lambda setting, key, find: find())
    _places(doc)
    assert [ev["location"] for ev in doc._.geowire_events] == fast


def test_read_actors_reads_what_the_actor_loop_did(nlp) -> None:
    doc = nlp(TEXT)
    actors, gaz = doc._.geowire_actors, get_gazetteer()
    got = _read_actors(actors, gaz)
    assert got.countries == [a["country"] for a in actors if a.get("country")]
    assert got.people == [(a["start"], a["end"]) for a in actors if a.get("kind") == "person"]
    assert got.spans == {(a["start"], a["end"]): (a["country"], a["form"]) for a in actors if a.get("country")
                         and a.get("kind") == "state" and a.get("form") in ("city", "capital", "name")}
    assert got.governments == [(a["country"], gaz.capitals[a["country"]], a["start"], a["end"]) for a in actors
                               if gaz.capitals.get(a.get("country") or "") and a.get("sector") in (None, "GOV")]


def _event(cameo: str, src: str, tgt: str, location: dict | None) -> dict:
    return {"cameo": cameo, "source": {"country": src}, "target": {"country": tgt}, "location": location}


def test_an_unplaced_statement_of_two_sides_takes_their_one_meeting_city() -> None:
    words = Words.from_data(kb.load_geo_words())
    hanoi = {"name": "Hanoi", "precision": "city"}
    events = [_event("040", "USA", "VNM", hanoi), _event(sorted(words.meeting_roots)[0] + "0", "VNM", "USA", None),
              _event("190", "USA", "RUS", None)]
    _share_meeting_places(events, words)
    assert events[1]["location"] == hanoi and events[1]["location"] is not hanoi and events[2]["location"] is None


def test_without_how_copies_the_actor_without_how() -> None:
    actor = {"code": "USAGOV", "how": "dict", "text": "Washington"}
    assert _without_how(actor) == {"code": "USAGOV", "text": "Washington"} and "how" in actor
    assert _without_how(None) is None and _without_how({}) is None


def test_event_id_is_the_sha1_of_the_joined_fields() -> None:
    rec = {"sentence_index": 3, "trigger": {"start": 17}, "source": {"code": "USA"}, "target": None, "cameo": "042"}
    key = "|".join(str(x) for x in ("d1", 3, 17, "USA", None, "042"))
    assert _event_id("d1", rec) == hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
