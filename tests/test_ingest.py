"""Ingest readers (HTML, feeds, WARC, JSONL/CSV fields, gz/zip), dates, language skip and deduplication."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import geowire
from geowire.cli import main
from geowire.ingest import ReadOptions, read_inputs
from geowire.ingest.dates import date_in_text
from geowire.model import Article, Reject

PAGE = """<!DOCTYPE html><html><head><title>Russia expels Czech diplomats | World News</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2021-04-18T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="advert">BUY CHEAP WATCHES TODAY, limited offer, click here</div>
<article><h1>Russia expels Czech diplomats</h1>
<p>Russia on Sunday expelled 20 Czech diplomats after Prague accused Moscow of involvement in a 2014 blast.</p>
<p>The Czech foreign ministry condemned the decision and said it would respond in kind within days.</p>
<p>Analysts said the dispute marked the worst crisis between the two countries since the end of the Cold War.</p>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>ZORBLAX says: this comment is reader spam and must never reach the text.</p></div>
</section>
<footer>Copyright 2021 World News. All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://example.org/</link>
<item><title>Japan sanctions</title><link>http://example.org/a</link><guid>a</guid>
<pubDate>Thu, 05 Jan 2023 10:00:00 GMT</pubDate>
<description>Japan imposed new sanctions on North Korea on Thursday after a missile launch.</description></item>
<item><title>Egypt and Ethiopia</title><link>http://example.org/b</link><guid>b</guid>
<description>&lt;p&gt;Egypt criticized Ethiopia over the dam on the Nile.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Visit</title><link href="http://example.org/c"/><id>urn:c</id><updated>2022-02-02T00:00:00Z</updated>
<content type="html">&lt;p&gt;India and Bangladesh signed a trade agreement in Dhaka.&lt;/p&gt;</content></entry></feed>"""


def write_warc(path: Path, pages: dict[str, str]) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))
        headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record("http://example.org/gone", "response",
                                                      payload=io.BytesIO(b"<html>gone</html>"), http_headers=headers))
    return path


def items(*paths: Path, **opts) -> list[Article | Reject]:
    return list(read_inputs([str(p) for p in paths], options=ReadOptions(**opts)))


def test_html_main_text_without_navigation_ads_and_comments(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [art] = items(tmp_path / "page.html")
    assert isinstance(art, Article)
    assert "expelled 20 Czech diplomats" in art.text and "worst crisis" in art.text
    assert "ZORBLAX" not in art.text and "comment" not in art.text.lower()
    assert "CHEAP WATCHES" not in art.text and "Sport" not in art.text and "Copyright" not in art.text
    assert art.date == "2021-04-18" and art.title and "Russia expels" in art.title
    assert getattr(art, "author", None) == "Jane Doe"


def test_html_without_body_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head></html>", encoding="utf-8")
    [r] = items(tmp_path / "empty.html")
    assert isinstance(r, Reject) and "no main text" in r.reason


def test_rss_and_atom_files(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "t.atom").write_text(ATOM, encoding="utf-8")
    arts = items(tmp_path)
    assert all(isinstance(a, Article) for a in arts) and len(arts) == 3
    by_url = {a.url: a for a in arts if isinstance(a, Article)}
    assert by_url["http://example.org/a"].date == "2023-01-05"
    assert by_url["http://example.org/b"].text.startswith("Egypt criticized Ethiopia") and "<p>" not in by_url["http://example.org/b"].text
    assert by_url["http://example.org/c"].date == "2022-02-02"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_written_by_the_test(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, {"http://example.org/p1": PAGE,
                                        "http://example.org/p2": PAGE.replace("Russia", "Poland")})
    got = items(path)
    arts = [a for a in got if isinstance(a, Article)]
    assert [a.url for a in arts] == ["http://example.org/p1", "http://example.org/p2"]
    assert "ZORBLAX" not in arts[0].text and arts[0].date == "2021-04-18"
    assert any(isinstance(r, Reject) and "404" in r.reason for r in got)


def test_jsonl_and_csv_with_configured_fields(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"key": "k1", "body": "Japan imposed sanctions on North Korea.",
                                                  "published": "2023-01-05", "headline": "H", "link": "http://x/1"})
                                      + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text('key,body,published,headline,link\nk2,"Egypt criticized Ethiopia,\nagain.",'
                                    '2022-02-02,H2,http://x/2\nk3,,2022-02-02,,\n', encoding="utf-8")
    got = items(tmp_path, text_field="body", id_field="key", date_field="published", title_field="headline",
                url_field="link")
    arts = {a.id: a for a in got if isinstance(a, Article)}
    assert arts["k1"].date == "2023-01-05" and arts["k1"].title == "H" and arts["k1"].url == "http://x/1"
    assert arts["k2"].text == "Egypt criticized Ethiopia,\nagain." and arts["k2"].date == "2022-02-02"
    [rej] = [r for r in got if isinstance(r, Reject)]
    assert "body" in rej.reason and rej.line == 4


def test_gzip_zip_and_corrupt_archives(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "Japan praised India."}\n'))
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    with zipfile.ZipFile(tmp_path / "z.zip", "w") as zf:
        zf.writestr("one.txt", "Brazil criticized Venezuela over the election.")
        zf.writestr("dir/two.jsonl", '{"id": "z2", "text": "Kenya thanked Uganda."}\n')
    (tmp_path / "bad.txt.gz").write_bytes(gzip.compress(b"Some text here.")[:15] + b"garbage")
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04not really a zip")
    got = items(tmp_path)
    ids = {a.id for a in got if isinstance(a, Article)}
    assert {"g1", "z2", "one"} <= ids and len(ids) == 4
    reasons = {Path(r.origin).name: r.reason for r in got if isinstance(r, Reject)}
    assert set(reasons) == {"bad.txt.gz", "bad.zip"}


def test_size_cap_and_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"word " * 300_000)
    (tmp_path / "latin.txt").write_bytes("Fran\xe7a criticized Portugal.".encode("latin-1"))
    got = items(tmp_path, max_bytes=1_000_000)
    rej = [r for r in got if isinstance(r, Reject)]
    assert len(rej) == 1 and "size cap" in rej[0].reason
    [art] = [a for a in got if isinstance(a, Article)]
    assert art.text.startswith("França")


def test_date_from_text() -> None:
    assert date_in_text("WASHINGTON, March 5, 2023 (Reuters) - The U.S. said...") == "2023-03-05"
    assert date_in_text("Published 7 June 2021. India said...") == "2021-06-07"
    assert date_in_text("2020-02-30 is not a date") is None


def test_dedup_language_and_counts(nlp, store) -> None:
    story = ("Japan imposed new sanctions on North Korea on Thursday after a ballistic missile launch over the "
             "Sea of Japan, the foreign ministry in Tokyo said in a statement. The measures freeze the assets of "
             "four trading companies and ban port calls by ships registered in the North. South Korea and the "
             "United States welcomed the step, while China urged restraint from all sides and called for talks.")
    german = ("Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen, teilte das "
              "Auswärtige Amt in Berlin mit. Die Maßnahmen sollen sofort in Kraft treten.")
    arts: list[Article | Reject] = [
        Article("orig", story, "2023-01-05"),
        Article("exact", "  " + story.replace(" ", "  ") + "\n", "2023-01-05"),
        Article("near", story.replace("the foreign ministry", "the ministry") + " Reporting by Kyodo.", "2023-01-05"),
        Article("de", german, "2023-01-05"),
        Article("other", "Egypt criticized Ethiopia over the dam on the Nile, officials in Cairo said on Monday.",
                "2023-01-06"),
        Reject("broken.txt", "binary file, not text"),
    ]
    stats = geowire.ingest(arts, store, nlp, batch_size=2)
    assert stats["read"] == 6 and stats["stored"] == 2 and stats["duplicates"] == 2
    assert stats["skipped"] == 1 and stats["rejected"] == 1
    rows = {r["id"]: r for r in store.statuses()}
    assert rows["exact"]["duplicate_of"] == "orig" and rows["exact"]["similarity"] == 1.0
    assert rows["near"]["duplicate_of"] == "orig" and rows["near"]["similarity"] >= 0.8
    assert rows["orig"]["sources"] == 3
    assert rows["de"]["status"] == "skipped" and "language de" in rows["de"]["reason"]
    assert {e["doc_id"] for e in store.events(include_negated=True)} <= {"orig", "other"}
    again = geowire.ingest(arts, store, nlp)
    assert again["already"] == 5 and again["stored"] == 0
    assert store.counts()["rejects"] == 1


def test_cli_ingest_fields_and_rejects(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv").write_text("key,body\nc1,Japan imposed sanctions on North Korea.\n", encoding="utf-8")
    (tmp_path / "in" / "bin.dat").write_bytes(b"\x00\x01binary")
    db = str(tmp_path / "g.duckdb")
    code = main(["ingest", str(tmp_path / "in"), "--db", db, "--text-field", "body", "--id-field", "key"])
    err = capsys.readouterr().err
    assert code == 1 and "1 stored" in err and "1 rejected" in err
    assert main(["rejects", "--db", db, "--format", "jsonl"]) == 0
    [row] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert row["origin"].endswith("bin.dat") and "binary" in row["reason"]


def test_json_lines_are_sniffed_by_content(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"s{i}", "text": f"Kenya thanked Uganda {i}.", "date": "2022-02-02"}) + "\n"
                   for i in range(3))
    (tmp_path / "export").write_text(rows, encoding="utf-8")  # no suffix
    (tmp_path / "notes.txt").write_text(rows, encoding="utf-8")
    (tmp_path / "dump.gz").write_bytes(gzip.compress(rows.encode()))  # inner name "dump"
    (tmp_path / "plain.txt").write_text("{curly} Egypt criticized Ethiopia.", encoding="utf-8")
    got = items(tmp_path)
    arts = [a for a in got if isinstance(a, Article)]
    assert not [r for r in got if isinstance(r, Reject)]
    assert sorted(a.id for a in arts) == ["plain"] + sorted(["s0", "s1", "s2"] * 3)
    assert all(a.date == "2022-02-02" for a in arts if a.id != "plain")


def test_stdin_is_sniffed_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "x1", "text": "Chile praised Peru."}\n'))
    [art] = list(read_inputs(["-"]))
    assert isinstance(art, Article) and art.id == "x1" and art.origin == "<stdin>:1"
    monkeypatch.setattr("sys.stdin", io.StringIO("Chile praised Peru."))
    [art] = list(read_inputs(["-"]))
    assert isinstance(art, Article) and art.id == "stdin" and art.text == "Chile praised Peru."


def test_truncated_gzip_is_rejected_with_its_reason(tmp_path: Path) -> None:
    text = ("Japan imposed sanctions on North Korea. " * 4000).encode()
    data = gzip.compress(text)
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    rows = "".join(json.dumps({"id": f"r{i}", "text": "Egypt criticized Ethiopia. " * 40}) + "\n" for i in range(300))
    packed = gzip.compress(rows.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    got = items(tmp_path)
    rejects = {Path(r.origin).name: r.reason for r in got if isinstance(r, Reject)}
    assert set(rejects) == {"cut.txt.gz", "cut.jsonl.gz"}
    assert "truncated gzip" in rejects["cut.txt.gz"] and "nothing was read" in rejects["cut.txt.gz"]
    kept = [a for a in got if isinstance(a, Article)]
    assert 0 < len(kept) < 300 and all(a.text == "Egypt criticized Ethiopia. " * 40 for a in kept)
    assert f"the {len(kept)} records before the cut" in rejects["cut.jsonl.gz"]


def test_truncated_warc_gz_keeps_the_records_before_the_cut_and_says_so(tmp_path: Path) -> None:
    pages = {f"http://example.org/p{i}": PAGE.replace("20 Czech", f"{i} Czech") for i in range(40)}
    whole = write_warc(tmp_path / "whole.warc.gz", pages)
    data = whole.read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 2 + 7])  # inside a record's gzip member
    got = items(tmp_path / "cut.warc.gz")
    arts = [a for a in got if isinstance(a, Article)]
    [rej] = [r for r in got if isinstance(r, Reject) and "truncated" in r.reason]
    assert 0 < len(arts) < 40 and f"the {len(arts)} records before the cut were read" in rej.reason
    full = items(whole)  # the whole file: every page, no truncation reject
    assert len([a for a in full if isinstance(a, Article)]) == 40
    assert not [r for r in full if isinstance(r, Reject) and "truncated" in r.reason]


def test_gzip_on_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = b'{"id": "z1", "text": "Chile praised Peru."}\n{"id": "z2", "text": "Kenya thanked Uganda."}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(rows))))
    assert [a.id for a in read_inputs(["-"])] == ["z1", "z2"]
    packed = gzip.compress(rows * 400)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(packed[: len(packed) // 2])))
    [rej] = [r for r in read_inputs(["-"]) if isinstance(r, Reject)]
    assert rej.origin == "<stdin>" and "truncated gzip" in rej.reason
