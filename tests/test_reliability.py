"""Reliability: a mixed corpus of 2,000+ documents with broken inputs is fully accounted for, and an ingest
killed with SIGKILL resumes to exactly the store of an uninterrupted run."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import geowire
from geowire.ingest.readers import read_inputs

COUNTRIES = ["Russia", "China", "France", "Germany", "Japan", "India", "Brazil", "Egypt", "Kenya", "Canada",
             "Mexico", "Turkey", "Iran", "Israel", "Spain", "Italy", "Nigeria", "Peru", "Chile", "Poland"]
VERBS = ["criticized", "praised", "threatened", "met with", "accused", "sanctioned", "thanked", "warned",
         "hosted", "condemned"]
WORDS = ("officials said the talks on trade border water grain energy security would continue next week after "
         "a long dispute over tariffs and fishing quotas in the region while ministers from both sides met "
         "envoys in the capital to discuss aid loans troops refugees and a new pipeline").split()
STORY = ("Japan imposed new sanctions on North Korea on Thursday after a ballistic missile launch over the Sea of "
         "Japan, the foreign ministry in Tokyo said in a statement. The measures freeze the assets of four trading "
         "companies and ban port calls by ships registered in the North. South Korea and the United States "
         "welcomed the step, while China urged restraint from all sides and called for talks.")
FOREIGN = ["Die Regierung in Berlin hat am Montag neue Sanktionen gegen Russland beschlossen, teilte das "
           "Auswärtige Amt mit. Die Maßnahmen sollen sofort in Kraft treten und gelten für ein Jahr.",
           "Le gouvernement français a annoncé lundi de nouvelles sanctions contre la Russie, a indiqué le "
           "ministère des affaires étrangères dans un communiqué publié à Paris dans la soirée.",
           "El gobierno de España anunció el lunes nuevas sanciones contra Rusia, informó el ministerio de "
           "asuntos exteriores en un comunicado publicado en Madrid por la tarde."]
PAGE = ("<html><head><title>{t}</title></head><body><nav><a href='/'>Home</a></nav><article><h1>{t}</h1>"
        "<p>{b}</p></article><div class='comments'><p>COMMENTSPAM {i}</p></div></body></html>")


def short_doc(rng: random.Random, i: int) -> str:
    a, b = rng.sample(COUNTRIES, 2)
    return f"{a} {rng.choice(VERBS)} {b} on Monday. " + " ".join(rng.choices(WORDS, k=16)).capitalize() + f". Ref {i}."


def _jsonl_lines(rng: random.Random, n_jsonl: int, exp: dict[str, int]) -> list[str]:
    """Documents, exact and near duplicates, foreign texts and broken lines, as JSON lines."""
    lines = []
    for i in range(n_jsonl):
        lines.append(json.dumps({"id": f"j{i}", "text": short_doc(rng, i), "date": "2024-03-05"}))
    for k in range(30):  # exact duplicates (whitespace differs) of earlier lines
        lines.append(json.dumps({"id": f"x{k}", "text": "  " + json.loads(lines[k * 7])["text"] + " \n"}))
    for k in range(20):  # near duplicates of one wire story
        lines.append(json.dumps({"id": f"n{k}", "text": STORY + f" (Outlet {k} staff)" if k else STORY}))
    for k in range(21):
        lines.append(json.dumps({"id": f"f{k}", "text": FOREIGN[k % 3] + f" Nummer {k}."}))
    for k in range(10):
        lines.append("{broken json" if k % 2 else json.dumps({"id": f"e{k}", "text": ""}))
    exp["units"] += len(lines)
    exp["duplicates"] += 30 + 19 + 18  # 18: the foreign texts are near duplicates of 3 originals
    exp["skipped"] += 3
    exp["rejected"] += 10
    return lines


def _other_files(more: Path, rng: random.Random, exp: dict[str, int]) -> None:
    """Text, HTML (some without a body), Latin-1, corrupt gzip, binary, empty, zip and WARC files."""
    more.mkdir(exist_ok=True)
    for i in range(150):
        (more / f"t{i:04d}.txt").write_text(short_doc(rng, 10_000 + i), encoding="utf-8")
    for i in range(60):
        (more / f"h{i:04d}.html").write_text(PAGE.format(t=f"Story {i}", b=short_doc(rng, 20_000 + i), i=i),
                                             encoding="utf-8")
    for i in range(10):
        (more / f"nobody{i}.html").write_text("<html><head><title>t</title></head><body></body></html>",
                                              encoding="utf-8")
        (more / f"latin{i}.txt").write_bytes(
            (short_doc(rng, 30_000 + i) + " Fran\xe7a e M\xe9xico.").encode("latin-1") + b"\xff\xfe\x80")
    for i in range(5):
        (more / f"corrupt{i}.jsonl.gz").write_bytes(gzip.compress(b'{"id": "zz", "text": "x"}\n' * 50)[:40])
        (more / f"blob{i}.bin").write_bytes(bytes(rng.getrandbits(8) for _ in range(4096)) + b"\x00")
        (more / f"empty{i}.txt").write_bytes(b"")
    with zipfile.ZipFile(more / "bundle.zip", "w") as zf:
        for i in range(20):
            zf.writestr(f"z/z{i:03d}.txt", short_doc(rng, 40_000 + i))
    with (more / "crawl.warc.gz").open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(20):
            html = PAGE.format(t=f"Warc {i}", b=short_doc(rng, 50_000 + i), i=i).encode()
            hdrs = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(f"http://example.org/w{i}", "response",
                                                          payload=io.BytesIO(html), http_headers=hdrs))
    exp["units"] += 150 + 60 + 10 + 10 + 15 + 20 + 20
    exp["rejected"] += 10 + 15  # pages without a body; corrupt gzip, binary and empty files


def make_corpus(root: Path, n_jsonl: int = 1700, big: bool = True) -> dict[str, int]:
    """Write the mixed corpus; returns the expected counts (units = documents and broken inputs)."""
    rng = random.Random(7)
    root.mkdir(parents=True, exist_ok=True)
    exp = {"units": 0, "duplicates": 0, "skipped": 0, "rejected": 0}
    lines = _jsonl_lines(rng, n_jsonl, exp)
    chunk = 200
    for c in range(0, len(lines), chunk):
        (root / f"part{c // chunk:02d}.jsonl").write_text("\n".join(lines[c:c + chunk]) + "\n", encoding="utf-8")
    _other_files(root / "more", rng, exp)
    if big:
        with (root / "more" / "huge.txt").open("wb") as fh:
            block = b"All work and no play makes a dull news article. " * 20_000
            while fh.tell() < 50_000_000:
                fh.write(block)
        exp["units"] += 1
        exp["rejected"] += 1
    return exp


@pytest.mark.slow
def test_mixed_corpus_is_fully_accounted_for(tmp_path: Path, nlp) -> None:
    exp = make_corpus(tmp_path / "corpus")
    assert exp["units"] >= 2000
    with geowire.Store(tmp_path / "r.duckdb") as store:
        t = time.monotonic()
        stats = geowire.ingest(read_inputs([str(tmp_path / "corpus")]), store, nlp)
        elapsed = time.monotonic() - t
        counts = store.counts()
        reasons = [r["reason"] for r in store.rejects()]
    print(f"\nreliability: {stats} in {elapsed:.1f}s")
    assert stats["read"] == exp["units"]
    assert stats["read"] == (stats["stored"] + stats["already"] + stats["duplicates"] + stats["skipped"]
                             + stats["rejected"])
    assert stats["already"] == 0
    assert stats["duplicates"] == exp["duplicates"] and stats["skipped"] == exp["skipped"]
    assert stats["rejected"] == exp["rejected"] == counts["rejects"]
    assert counts["documents"] + counts["duplicates"] + counts["skipped"] + counts["rejects"] == exp["units"]
    assert any("size cap" in r for r in reasons) and any("no main text" in r for r in reasons)
    assert any("binary" in r for r in reasons) and any("truncated gzip" in r for r in reasons)


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with geowire.Store(db, read_only=True) as s:
        q = {
            "documents": "SELECT id, hash, status, duplicate_of, similarity, lang, reason, n_events, tone, date "
                         "FROM documents ORDER BY id",
            "events": "SELECT * FROM events ORDER BY id",
            "rejects": "SELECT origin, line, reason FROM rejects ORDER BY ALL",
            "bands": "SELECT key, doc_id FROM minhash_bands ORDER BY ALL",
        }
        return {k: s.con.execute(v).fetchall() for k, v in q.items()}


def _ingest_cmd(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "geowire", "ingest", str(corpus), "--db", str(db), "--batch-size", "16", *extra]


@pytest.mark.slow
def test_sigkill_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, n_jsonl=210, big=False)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    full = tmp_path / "full.duckdb"  # the uninterrupted run, on the other core meanwhile
    uninterrupted = subprocess.Popen(_ingest_cmd(corpus, full), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=env)

    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(_ingest_cmd(corpus, killed, "--progress"), stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, env=env)
    assert proc.stderr is not None
    seen = [0]

    def watch() -> None:
        assert proc.stderr is not None
        buf = b""
        while chunk := proc.stderr.read1(4096):  # type: ignore[attr-defined]
            buf = (buf + chunk)[-4096:]
            m = re.findall(rb"(\d+) docs \[", buf)
            if m:
                seen[0] = int(m[-1])

    reader = threading.Thread(target=watch, daemon=True)
    reader.start()
    deadline = time.monotonic() + 240
    while seen[0] < 150 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert uninterrupted.wait(timeout=300) == 1  # exit code 1: the corpus has rejects
    total = len(_snapshot(full)["documents"])
    partial = len(_snapshot(killed)["documents"])
    assert 0 < partial < total

    done = subprocess.run(_ingest_cmd(corpus, killed, "--workers", "2"), capture_output=True, text=True,
                          timeout=300, env=env)
    assert "Traceback" not in done.stderr
    assert f"{partial} already stored" in done.stderr
    assert _snapshot(killed) == _snapshot(full)

