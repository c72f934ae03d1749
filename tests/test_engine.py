"""Engines and the Parquet store: local and Dask give the same rows, and every query runs on a Parquet dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geowire
from geowire.cli import main
from geowire.engine import run
from geowire.errors import GeowireError
from geowire.knowledge import data_path
from geowire.store import ParquetStore, Store, open_store
from geowire.store.parquet import partition_key

from .conftest import write_jsonl

SAMPLE = str(data_path("sample", "articles.jsonl"))
UNDATED = {"id": "undated-1", "text": "Japan imposed sanctions on North Korea. France condemned Iran."}
FRENCH = {"id": "fr-1", "date": "2022-03-01", "text": (
    "Le gouvernement français a convoqué lundi l'ambassadeur de Russie à Paris pour protester contre les "
    "frappes contre des civils en Ukraine, selon un communiqué du ministère des Affaires étrangères.")}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    d = tmp_path_factory.mktemp("in")
    extra = d / "extra.jsonl"
    first = json.loads(Path(SAMPLE).read_text(encoding="utf-8").splitlines()[0])
    copy = {**first, "id": "copy-of-first", "text": "  " + first["text"]}  # same normalized text
    extra.write_text("".join(json.dumps(r) + "\n" for r in (UNDATED, FRENCH, copy)) + "{not json\n",
                     encoding="utf-8")
    return [SAMPLE, str(extra)]


@pytest.fixture(scope="module")
def local_out(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    stats = run(inputs, out, engine="local", batch_size=7)
    assert (stats["stored"], stats["duplicates"], stats["skipped"], stats["rejected"]) == (25, 1, 1, 1)
    assert stats["read"] == 28 and stats["events"] > 100
    return out


@pytest.fixture(scope="module")
def duck(inputs: list[str]) -> Store:
    store = Store(":memory:")
    log = geowire.read_inputs(inputs)
    geowire.ingest((a for a in log if isinstance(a, geowire.Article)), store)
    return store


def _rows(store: Store, sql: str) -> list[tuple]:
    return store.con.execute(sql).fetchall()


def _files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out).parent) for p in out.rglob("*.parquet"))


@pytest.mark.slow
def test_local_and_dask_engines_write_identical_rows(inputs: list[str], local_out: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "dask"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        stats = run(inputs, out, engine="dask", scheduler=cluster.scheduler_address, batch_size=7)
    assert stats["workers"] == 2 and stats["batches"] == 4 and stats["processes"] == 2
    assert (stats["stored"], stats["duplicates"], stats["skipped"], stats["rejected"]) == (25, 1, 1, 1)
    with open_store(local_out) as a, open_store(out) as b:
        assert isinstance(a, ParquetStore) and isinstance(b, ParquetStore)
        events = _rows(a, "SELECT * FROM events ORDER BY id")
        assert events and events == _rows(b, "SELECT * FROM events ORDER BY id")
        docs = "SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id"
        assert _rows(a, docs) == _rows(b, docs)
        rejects = "SELECT origin, line, reason FROM rejects ORDER BY origin, line"
        assert _rows(a, rejects) == _rows(b, rejects)
    assert _files(local_out) == _files(out)


def test_parquet_views_have_the_schema_and_answer_like_duckdb(local_out: Path, duck: Store) -> None:
    with open_store(local_out) as pq:
        for table in ("documents", "events", "rejects"):
            assert [r[:2] for r in _rows(pq, f"DESCRIBE {table}")] == [r[:2] for r in _rows(duck, f"DESCRIBE {table}")]
        assert _rows(pq, "SELECT * FROM events ORDER BY id") == _rows(duck, "SELECT * FROM events ORDER BY id")
        docs = "SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id"
        assert _rows(pq, docs) == _rows(duck, docs)
        assert pq.dyads() == duck.dyads()
        by_id = sorted(pq.events(include_negated=True), key=lambda e: e["id"])
        assert by_id == sorted(duck.events(include_negated=True), key=lambda e: e["id"])
        assert sorted(pq.events(actor="IRN", since="2016-01-01"), key=lambda e: e["id"]) == \
            sorted(duck.events(actor="IRN", since="2016-01-01"), key=lambda e: e["id"])
        assert pq.documents() == duck.documents()
        assert pq.counts() == {**duck.counts(), "rejects": 1}
        assert pq.has(geowire.Article(id="undated-1", text="x"))
        statuses = dict(_rows(pq, "SELECT id, status FROM documents WHERE status <> 'coded'"))
        assert statuses == {"copy-of-first": "duplicate", "fr-1": "skipped"}
        with pytest.raises(GeowireError, match="Parquet directory"):
            pq.add([])


def test_hive_layout_by_date(local_out: Path) -> None:
    assert (local_out / "_geowire.json").is_file()
    undated = list((local_out / "documents" / "date=unknown").glob("part-*.parquet"))
    assert len(undated) == 1
    with open_store(local_out) as pq:
        row = pq.con.execute("SELECT date FROM documents WHERE id = 'undated-1'").fetchone()
        assert row == (None,)
        # each event file lies under its event date, else its document's date
        for path, ev_date, doc_date in pq.con.execute(
                f"SELECT e.filename, e.date, CAST(d.date AS VARCHAR) FROM read_parquet("
                f"'{local_out}/events/**/*.parquet', filename = true, hive_partitioning = false) e "
                "JOIN documents d ON d.id = e.doc_id").fetchall():
            assert Path(path).parent.name == f"date={partition_key(ev_date, doc_date)}"
    assert list((local_out / "rejects").glob("date=*/part-*.parquet"))
    assert partition_key("2019", "2020-01-02") == "2020-01-02"
    assert partition_key(None, None) == "unknown"


def test_cli_run_queries_and_reruns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "d1", "date": "2021-04-18", "text": "Russia on Sunday expelled 20 Czech diplomats."},
        {"id": "d2", "date": "2023-01-05", "text": "Japan imposed sanctions on North Korea."},
        {"id": "d1-copy", "date": "2021-04-18", "text": "Russia on Sunday expelled 20 Czech  diplomats."},
    ])
    out = tmp_path / "pq"
    assert main(["run", str(f), "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert said.out == "" and "2 stored, 0 already stored, 1 duplicates, 0 skipped, 0 rejected" in said.err
    assert main(["events", "--db", str(out), "--format", "jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(e["source"]["country"], (e["target"] or {}).get("country")) for e in events} >= {("RUS", "CZE"), ("JPN", "PRK")}
    assert main(["dyads", "--db", str(out)]) == 0
    assert "RUS" in capsys.readouterr().out
    assert main(["run", str(f), "--out", str(out), "--format", "json"]) == 0
    said = capsys.readouterr()
    assert json.loads(said.out)["already"] == 3 and "0 stored, 3 already stored" in said.err


def test_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GeowireError, match="no geowire Parquet output"):
        open_store(empty)
    assert main(["events", "--db", str(empty)]) == 1
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    assert main(["run", "--sample", "--out", str(tmp_path / "other")]) == 1
    assert "non-empty directory" in capsys.readouterr().err
    assert main(["run", "--sample", "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"]) == 1
    assert "needs the dask engine" in capsys.readouterr().err
    with pytest.raises(GeowireError, match="cannot reach the Dask scheduler"):
        from geowire.engine.dask import connect
        connect("tcp://127.0.0.1:1", timeout="1s")


def test_a_document_the_pipeline_fails_on_is_a_reject(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    import geowire.engine.coding as coding

    real = coding.events_from_doc

    def flaky(doc):  # the pipeline fails on one document only
        if doc._.geowire_doc_id == "bad":
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(coding, "events_from_doc", flaky)
    arts = [geowire.Article("a", "Japan imposed sanctions on North Korea."),
            geowire.Article("bad", "Egypt criticized Ethiopia over the dam."),
            geowire.Article("c", "Kenya thanked Uganda for the aid.")]
    seen: list[geowire.Reject] = []
    with Store(":memory:") as store:
        stats = geowire.ingest(arts, store, nlp, on_reject=seen.append)
        assert (stats["read"], stats["stored"], stats["rejected"]) == (3, 2, 1)
        assert [d["id"] for d in store.documents()] == ["a", "c"]
        [row] = store.rejects()
    assert "pipeline failed on document bad: RuntimeError: boom" in row["reason"] and seen[0].reason == row["reason"]


def test_a_lost_coding_task_makes_rejects_and_the_run_goes_on() -> None:
    from geowire.engine.core import execute
    from geowire.engine.sinks import StoreSink

    class Lost:
        name, workers, window = "lost", 1, 0

        def start(self) -> float:
            return 0.0

        def submit(self, batch):
            class Handle:
                def result(self):
                    raise OSError("worker died")
            return Handle()

        def close(self) -> None:
            pass

    with Store(":memory:") as store:
        stats = execute([geowire.Article("a", "Chile praised Peru."), geowire.Reject("x.txt", "binary")],
                        StoreSink(store), Lost(), batch_size=8)
        assert (stats.read, stats.stored, stats.rejected) == (2, 0, 2)
        assert {r["reason"] for r in store.rejects()} == {"binary", "coding task failed: OSError: worker died"}


def test_run_finds_near_duplicates_across_runs(tmp_path: Path) -> None:
    story = ("Japan imposed new sanctions on North Korea on Thursday after a ballistic missile launch over the "
             "Sea of Japan, the foreign ministry in Tokyo said in a statement on Thursday evening.")
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "orig", "text": story, "date": "2023-01-05"}])
    second = write_jsonl(tmp_path / "b.jsonl", [{"id": "near", "text": story + " Reporting by Kyodo.",
                                                 "date": "2023-01-05"}])
    out = tmp_path / "pq"
    assert run([str(first)], out)["stored"] == 1
    stats = run([str(second)], out)  # the index of the first run is read back from the Parquet files
    assert (stats["stored"], stats["duplicates"]) == (0, 1)
    with open_store(out) as pq:
        row = pq.con.execute("SELECT duplicate_of, similarity FROM documents WHERE id = 'near'").fetchone()
    assert row is not None and row[0] == "orig" and row[1] >= 0.8
