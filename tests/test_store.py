"""Store: idempotent, transactional writes; duplicates, skips, rejects and feed state; old files migrate."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import geowire
from geowire.model import Article, Reject
from geowire.store.rows import document_row, text_hash


def test_add_is_idempotent_by_id_and_text(store) -> None:
    a = Article("a", "Japan praised India.", "2023-01-01")
    assert store.add([(a, [], None)]) == 1
    assert store.add([(a, [], None), (Article("b", " Japan  praised India. ", None), [], None)]) == 0
    assert store.has(Article("zzz", "Japan praised India.")) and store.counts()["documents"] == 1
    assert [d["id"] for d in store.documents()] == ["a"]


def test_write_is_one_transaction(store) -> None:
    good = Article("good", "Egypt criticized Ethiopia.")
    bad = Reject("x", "why", "not a line number")  # type: ignore[arg-type]
    with pytest.raises(duckdb.Error):  # fails after the document rows were inserted: all rolled back
        store.write([document_row(good)], sigs=[("good", b"\x00", [1])], rejects=[bad])
    assert store.counts() == {"documents": 0, "events": 0, "rejects": 0, "duplicates": 0, "skipped": 0}


def test_statuses_sources_and_rejects(store) -> None:
    orig = Article("o", "Kenya thanked Uganda for the aid delivered on Monday.")
    store.write([document_row(orig, tone=0.0, lang="en"),
                 document_row(Article("d", orig.text), status="duplicate", duplicate_of="o", similarity=1.0),
                 document_row(Article("s", "Hola."), status="skipped", lang="es", reason="language es")],
                sigs=[("o", b"\x00" * 8, [1, 2])])
    rows = {r["id"]: r for r in store.statuses()}
    assert rows["o"]["sources"] == 2 and rows["o"]["lang"] == "en" and rows["d"]["duplicate_of"] == "o"
    assert rows["s"]["reason"] == "language es"
    assert store.known_ids(["o", "d", "s", "new"]) == {"o", "d", "s"}
    assert store.originals_by_hash([text_hash(orig.text)]) == {text_hash(orig.text): "o"}
    assert store.band_candidates([2, 3]) == {2: ["o"]} and store.signatures(["o"]) == {"o": b"\x00" * 8}
    store.add_rejects([Reject("f.txt", "binary"), Reject("f.txt", "binary"), Reject("g.jsonl", "bad", 3)])
    store.add_rejects([Reject("g.jsonl", "bad", 3)])
    assert [(r["origin"], r["line"]) for r in store.rejects()] == [("f.txt", None), ("g.jsonl", 3)]
    c = store.counts()
    assert (c["documents"], c["duplicates"], c["skipped"], c["rejects"]) == (1, 1, 1, 2)


def test_feed_state(store) -> None:
    assert store.feed_state("http://f") == {}
    store.set_feed_state("http://f", '"e1"', "Mon, 01 Jan 2024 00:00:00 GMT", "ok")
    store.set_feed_state("http://f", '"e2"', None, "ok")
    assert store.feed_state("http://f")["etag"] == '"e2"'
    store.mark_entries("http://f", [("a", "http://a", "id-a"), ("a", "http://a", "id-a")])
    assert store.seen_entries("http://f", ["a", "b"]) == {"a"}


def test_old_file_gains_new_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE documents (id VARCHAR PRIMARY KEY, hash VARCHAR NOT NULL, title VARCHAR, "
                "url VARCHAR, date DATE, origin VARCHAR, text VARCHAR NOT NULL, tone DOUBLE, n_events INTEGER, "
                "ingested_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute("INSERT INTO documents (id, hash, text) VALUES ('old', 'h', 'Japan praised India.')")
    con.close()
    with geowire.Store(db) as store:
        assert [r["status"] for r in store.statuses()] == ["coded"]
        assert store.counts()["documents"] == 1
