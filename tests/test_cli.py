"""The command line: output contract, bad input handling, and the store commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geowire.cli import main

from .conftest import write_jsonl

CONTRACT = {"id", "doc_id", "sentence_index", "sentence", "source", "target", "trigger", "cameo", "cameo_root",
            "quad_class", "goldstein", "plover", "negated", "modality", "attributed_to", "date", "confidence"}
ACTOR_KEYS = {"text", "start", "end", "name", "code", "country", "sector"}

TEXT = ("Tanks cross the border\n\nGerman Chancellor Olaf Scholz met French President Emmanuel Macron in Paris "
        "on Tuesday. Japan imposed sanctions on North Korea. Brazil did not condemn Venezuela.")


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_jsonl_follows_the_event_contract(tmp_path: Path, capsys) -> None:
    f = write_jsonl(tmp_path / "in.jsonl", [{"id": "d1", "text": TEXT, "date": "2023-05-05"}])
    code, out, err = run_cli(capsys, "extract", str(f))
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    for ev in events:
        assert CONTRACT <= set(ev)
        assert set(ev["source"]) == ACTOR_KEYS
        src = ev["source"]
        assert TEXT[src["start"]:src["end"]] == src["text"]
        assert TEXT[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
        assert ev["cameo"].startswith(ev["cameo_root"]) and 1 <= ev["quad_class"] <= 4
        assert -10 <= ev["goldstein"] <= 10 and 0 <= ev["confidence"] <= 1
        assert ev["negated"] is False
    dyads = {(e["source"]["country"], (e["target"] or {}).get("country"), e["cameo_root"]) for e in events}
    assert ("DEU", "FRA", "04") in dyads
    assert any(s == "JPN" and t == "PRK" and r in ("16", "17") for s, t, r in dyads)
    assert not any(s == "BRA" for s, _, _ in dyads)
    meeting = next(e for e in events if e["cameo_root"] == "04")
    assert meeting["date"] == "2023-05-02"  # "on Tuesday" before Friday 2023-05-05


def test_include_negated_prints_negated_events(tmp_path: Path, capsys) -> None:
    f = write_jsonl(tmp_path / "in.jsonl", [{"id": "d1", "text": TEXT}])
    code, out, _ = run_cli(capsys, "extract", str(f), "--include-negated")
    assert code == 0
    negated = [json.loads(x) for x in out.splitlines() if json.loads(x)["negated"]]
    assert any(e["source"]["country"] == "BRA" and (e["target"] or {}).get("country") == "VEN" for e in negated)


def test_table_format(tmp_path: Path, capsys) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    code, out, _ = run_cli(capsys, "extract", str(f), "--format", "table", "--date", "2023-05-05")
    assert code == 0
    assert out.splitlines()[0].split()[:4] == ["doc", "sent", "source", "cameo"]
    assert "DEUGOV" in out


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: (d / "empty_dir").mkdir() or d / "empty_dir", "directory has no files"),
    (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02binary\xff") and d / "bin.txt", "binary"),
    (lambda d: (d / "empty.txt").write_text("") or d / "empty.txt", "empty"),
    (lambda d: (d / "e.jsonl").write_text("\n") and d / "e.jsonl", "empty"),
])
def test_bad_input_is_one_line_and_nonzero(tmp_path: Path, capsys, make, message) -> None:
    path = make(tmp_path)
    code, out, err = run_cli(capsys, "extract", str(path))
    assert code != 0
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in err


def test_invalid_jsonl_line_is_reported_and_the_rest_processed(tmp_path: Path, capsys) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Japan imposed sanctions on North Korea."}) + "\n"
                 + "{not json\n" + json.dumps({"id": "b", "text": "Egypt criticized Ethiopia."}) + "\n",
                 encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", str(f))
    assert code == 1
    assert "mixed.jsonl:2" in err and "invalid JSON" in err
    docs = {json.loads(x)["doc_id"] for x in out.splitlines()}
    assert docs == {"a", "b"}


def test_bad_date_option_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", "x.txt", "--date", "yesterday"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_ingest_twice_stores_once_and_queries(tmp_path: Path, capsys) -> None:
    f = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "d1", "text": TEXT, "date": "2023-05-05"},
        {"id": "d2", "text": "Russia expelled ten Estonian diplomats on Monday.", "date": "2022-02-02"},
    ])
    db = str(tmp_path / "g.duckdb")
    assert run_cli(capsys, "ingest", str(f), "--db", db)[0] == 0
    code, out, err = run_cli(capsys, "ingest", str(f), "--db", db)
    assert code == 0 and out == "" and "0 stored, 2 already stored" in err and "holds 2 documents" in err
    code, out, _ = run_cli(capsys, "events", "--db", db, "--actor", "RUS", "--format", "jsonl")
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows and all("RUS" in (r["source"]["country"], (r["target"] or {}).get("country")) for r in rows)
    code, out, _ = run_cli(capsys, "events", "--db", db, "--since", "2023-01-01", "--format", "jsonl")
    assert all(json.loads(x)["date"] >= "2023-01-01" for x in out.splitlines())
    code, out, _ = run_cli(capsys, "dyads", "--db", db)
    assert code == 0 and "RUS" in out and "EST" in out


def test_query_on_missing_database_is_an_error(tmp_path: Path, capsys) -> None:
    code, _, err = run_cli(capsys, "events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "no database" in err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "geowire", "extract", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "no such file" in proc.stderr


# -- conventions shared by every command ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from geowire import Store
    from geowire.relations import synth

    db = str(tmp_path_factory.mktemp("cli") / "s.duckdb")
    with Store(db) as s:
        synth(s, 300, seed=2)
    return db


def test_version_and_usage_errors_are_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip().startswith("geowire 0.")
    for argv in (["events", "--db", "x.duckdb", "--limit", "-1"], ["dyads", "--db", "x.duckdb", "--limit", "0"],
                 ["spikes", "--db", "x.duckdb", "--limit", "many"], ["dyads", "--db", "x", "--format", "xml"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        err = capsys.readouterr().err
        assert exc.value.code == 2 and err.count("\n") == 1 and err.startswith("geowire: error: "), (argv, err)


@pytest.mark.parametrize("command", [["events"], ["dyads"], ["rejects"], ["spikes", "--by", "month"],
                                     ["network"], ["dyad", "USA", "CHN"], ["balance", "IND", "--between", "USA", "CHN"]])
def test_every_query_command_speaks_table_json_and_jsonl(small_db: str, capsys, command: list[str]) -> None:
    outs = {}
    for fmt in ("table", "json", "jsonl"):
        code, out, err = run_cli(capsys, *command, "--db", small_db, "--format", fmt)
        assert code == 0 and err == "", (command, fmt, err)
        outs[fmt] = out
    rows = json.loads(outs["json"])
    lines = [json.loads(line) for line in outs["jsonl"].splitlines()]
    if isinstance(rows, dict):  # network: {nodes, edges}; jsonl tags each line with its kind
        assert len(lines) == len(rows["nodes"]) + len(rows["edges"])
    else:
        assert lines == rows
    assert outs["table"].strip()


def test_db_from_the_environment_and_limit(small_db: str, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOWIRE_DB", small_db)
    code, out, _ = run_cli(capsys, "events", "--limit", "3", "--format", "jsonl", "--include-negated")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, _ = run_cli(capsys, "dyads", "--limit", "2", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2


def test_database_errors_are_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "not.duckdb"
    bad.write_bytes(b"this is not a database file" * 100)
    code, out, err = run_cli(capsys, "dyads", "--db", str(bad))
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err


def test_quiet_and_verbose(tmp_path: Path, capsys) -> None:
    f = write_jsonl(tmp_path / "in.jsonl", [{"id": "d1", "text": "Japan imposed sanctions on North Korea."}])
    db = str(tmp_path / "q.duckdb")
    code, out, err = run_cli(capsys, "ingest", str(f), "--db", db, "--quiet")
    assert code == 0 and out == "" and err == ""
    code, out, err = run_cli(capsys, "ingest", str(f), "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["already"] == 1 and "1 already stored" in err
