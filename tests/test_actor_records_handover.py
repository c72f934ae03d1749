"""The actor stage hands its records to the event stages through the Doc's memo (`model.ACTOR_RECORDS`):
`records.doc_mentions` gives the same records as when it makes them from the actor dicts, and makes them from
the dicts when the memo is absent or stale."""

from __future__ import annotations

from typing import Any

from geowire.events.records import doc_mentions
from geowire.model import ACTOR_RECORDS
from geowire.sentences import doc_memo

_TEXT = ("Russian President Vladimir Putin met Kenya's foreign minister in Nairobi on Monday. He said the two "
         "countries would sign a trade deal. The suspect was Pakistani, police said.")


def _fresh(nlp: Any) -> Any:
    return nlp(_TEXT)


def _dicts_of(records: list[Any]) -> list[dict[str, Any]]:
    return [m.to_dict() for m in records]


def test_the_actor_stage_hands_over_its_records(nlp: Any) -> None:
    doc = _fresh(nlp)
    actors, records = doc_memo(doc)[ACTOR_RECORDS]
    assert actors is doc._.geowire_actors
    assert [m.to_dict() for m in records] == actors


def test_handed_over_records_equal_those_made_from_the_dicts(nlp: Any) -> None:
    doc = _fresh(nlp)
    memo = doc_memo(doc)
    memo.pop("event parties", None)
    handed = doc_mentions(doc)
    assert all(any(m is r for r in memo[ACTOR_RECORDS][1]) for m in handed)  # the stage's own records
    memo.pop("event parties")
    del memo[ACTOR_RECORDS]
    parsed = doc_mentions(doc)
    assert handed and _dicts_of(handed) == _dicts_of(parsed)
    assert doc_mentions(doc, resolved_only=True) == [m for m in parsed if m.country]


def test_replaced_actor_list_is_read_from_the_dicts(nlp: Any) -> None:
    doc = _fresh(nlp)
    _, records = doc_memo(doc)[ACTOR_RECORDS]
    doc._.geowire_actors = [dict(d) for d in doc._.geowire_actors]
    mentions = doc_mentions(doc)
    assert mentions and not any(m is r for m in mentions for r in records)
    assert _dicts_of(mentions) == [d for d in doc._.geowire_actors if d["tok_start"] in {m.tok_start for m in mentions}]


def test_a_doc_read_from_bytes_is_read_from_the_dicts(nlp: Any) -> None:
    doc = _fresh(nlp)
    copy = type(doc)(doc.vocab).from_bytes(doc.to_bytes())
    assert ACTOR_RECORDS not in doc_memo(copy)
    assert _dicts_of(doc_mentions(copy)) == _dicts_of(doc_mentions(doc))
