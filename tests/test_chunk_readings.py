"""The actor stage's shortcuts: the chunk readings `actors.resolve` keeps per chunk signature give
the same mentions as reading each chunk afresh."""

from __future__ import annotations

from typing import Any

import pytest

from geowire.actors import resolve
from geowire.actors.component import resolve_actors
from geowire.tokens import Entity, doc_tokens

_TEXT = ("Russian President Vladimir Putin met Kenya's foreign minister in Nairobi on Monday. Putin said the "
         "Russian president and the Kenyan foreign minister would sign a deal. Oskar Fischer and Fischer "
         "spoke to the United Nations Secretary-General.")


def _mentions(nlp: Any, date: str | None) -> list[dict[str, Any]]:
    doc = nlp.make_doc(_TEXT)
    for _, proc in nlp.pipeline:
        if proc.__class__.__name__ == "ActorResolver":
            break
        doc = proc(doc)
    doc._.geowire_date = date
    actor = nlp.get_pipe("geowire_actors")
    actor.ensure_knowledge()
    mentions = resolve_actors(doc, actor.gaz, actor.reporting, actor.offices, actor.people)
    assert doc_tokens(doc) is not None
    return [m.to_dict() for m in mentions]


@pytest.mark.parametrize("date", ["2021-06-01", "1995-03-01", None])
def test_kept_chunk_readings_give_the_mentions_read_afresh(nlp: Any, date: str | None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    kept = _mentions(nlp, date)
    again = _mentions(nlp, date)  # now from the kept readings
    monkeypatch.setattr(resolve, "_RESOLVED", {})
    monkeypatch.setattr(resolve, "_RESOLVED_MAX", 0)  # every chunk read afresh
    afresh = _mentions(nlp, date)
    assert kept == again == afresh
    assert any(m["name"] for m in afresh)


def test_a_mentions_roles_are_its_own(nlp: Any) -> None:
    first = _mentions(nlp, "2021-06-01")
    doc_roles = [m["roles"] for m in first if m["roles"]]
    assert doc_roles
    doc_roles[0].append("changed")
    assert "changed" not in sum((m["roles"] for m in _mentions(nlp, "2021-06-01")), [])


def test_the_date_is_part_of_the_signature(nlp: Any) -> None:
    by_date = {m["name"] for m in _mentions(nlp, "2021-06-01")} ^ {m["name"] for m in _mentions(nlp, "1995-03-01")}
    assert by_date  # different office holders on different dates


def test_table_entities_are_entity_records(nlp: Any) -> None:
    toks = doc_tokens(nlp("Putin met Kenya's foreign minister in Nairobi and New York."))
    assert toks.ents and all(type(e) is Entity for e in toks.ents)
    assert [tuple(e) for e in toks.ents] == [(e.start, e.end, e.label_) for e in toks.doc.ents]
    assert [e.label for e in toks.ents] == [e.label_ for e in toks.doc.ents]


def test_table_word_ends_are_token_ends(nlp: Any) -> None:
    toks = doc_tokens(nlp("Putin met Kenya's foreign minister,  in Nairobi."))
    assert toks.end_idx == [t.idx + len(t) for t in toks.doc]


def test_lowered_lemmas_are_token_lemmas_lowered(nlp: Any) -> None:
    toks = doc_tokens(nlp("The Kenyan Government MET with U.N. officials and I said it."))
    assert toks.lemma_lower == [t.lemma_.lower() for t in toks.doc]
