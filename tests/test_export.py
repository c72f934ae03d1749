"""Exports: the GDELT 2.0 event table column by column, PLOVER JSONL, and the Parquet round trip."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from geowire import GeowireError, Store
from geowire.cli import main
from geowire.export import (
    GDELT_COLUMNS,
    export_parquet,
    import_export,
    plover_records,
    read_gdelt,
    read_plover,
    write_gdelt,
    write_plover,
)
from geowire.relations import synth

from .test_relations import add_doc, add_event

# The GDELT 2.0 Event Codebook's event table, in order (61 columns).
CODEBOOK = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles
AvgTone
Actor1Geo_Type Actor1Geo_Fullname Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_Fullname Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_Fullname ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()

FILLED = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
          "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code", "Actor2Code", "Actor2Name",
          "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
          "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
          "NumArticles", "AvgTone", "DATEADDED", "SOURCEURL"}


@pytest.fixture()
def small(store: Store) -> Store:
    add_doc(store, "a1", "https://www.reuters.com/world/x")
    add_doc(store, "a2", "https://apnews.com/article/y")
    add_event(store, "USA", "RUS", "2024-02-10", 3, -2.0, cameo="1125", doc="a1", sentence_index=0, mentions=2,
              tone=-4.0, src_code="USAGOV")
    add_event(store, "USA", "RUS", "2024-02-11", 3, -2.0, cameo="1125", doc="a2", tone=-2.0, src_code="USAGOV")
    add_event(store, "IGO", "UKR", "2024-03-01", 2, 7.4, cameo="0711", doc="a2", src_code="IGOUNO", tone=None)
    return store


def test_gdelt_columns_follow_the_codebook() -> None:
    assert len(CODEBOOK) == 61
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS == CODEBOOK


def test_gdelt_export_column_by_column(small: Store) -> None:
    buf = io.StringIO()
    assert write_gdelt(small, buf) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and all(line.count("\t") == 60 for line in lines)    # no header, tab-separated
    first, second = (dict(zip(CODEBOOK, line.split("\t"), strict=True)) for line in lines)
    added = small.con.execute("SELECT strftime(min(ingested_at), '%Y%m%d%H%M%S') FROM documents").fetchone()
    assert added is not None
    expected = {
        "GLOBALEVENTID": "1", "SQLDATE": "20240210", "MonthYear": "202402", "Year": "2024",
        "FractionDate": "2024.1123",  # day 41 of 2024: 2024 + 41/365
        "Actor1Code": "USAGOV", "Actor1Name": "USAGOV", "Actor1CountryCode": "USA", "Actor1KnownGroupCode": "",
        "Actor1Type1Code": "", "Actor2Code": "RUS", "Actor2Name": "RUS", "Actor2CountryCode": "RUS",
        "Actor2KnownGroupCode": "", "Actor2Type1Code": "", "IsRootEvent": "1", "EventCode": "1125",
        "EventBaseCode": "112", "EventRootCode": "11", "QuadClass": "3", "GoldsteinScale": "-2",
        "NumMentions": "3", "NumSources": "2", "NumArticles": "2", "AvgTone": "-3", "DATEADDED": added[0],
        "SOURCEURL": "https://www.reuters.com/world/x",
    }
    for col in CODEBOOK:
        assert first[col] == expected.get(col, ""), col
    assert (second["GLOBALEVENTID"], second["Actor1Code"], second["Actor1CountryCode"],
            second["Actor1KnownGroupCode"], second["Actor2Code"], second["IsRootEvent"], second["EventBaseCode"],
            second["QuadClass"], second["GoldsteinScale"], second["AvgTone"], second["SOURCEURL"]) == (
        "2", "IGOUNO", "", "UNO", "UKR", "0", "071", "2", "7.4", "", "https://apnews.com/article/y")
    assert {c for c in CODEBOOK if first[c]} <= FILLED
    from geowire.export.gdelt import _known_group
    assert [_known_group(c) for c in ("IGOUNO", "IGOUNOSEC", "IGOEUREEC", "IGOBUSOPC", "USAGOV", "IGO")] == [
        "UNO", "UNO", "EEC", "OPC", "", ""]


def test_gdelt_round_trip_with_header(small: Store) -> None:
    buf = io.StringIO()
    write_gdelt(small, buf, header=True)
    text = buf.getvalue()
    assert text.splitlines()[0].split("\t") == CODEBOOK
    rows = read_gdelt(io.StringIO(text))
    clusters = small.con.execute("SELECT count(*) FROM events WHERE NOT negated").fetchone()
    assert clusters is not None and len(rows) == 2
    assert [r["EventCode"] for r in rows] == ["1125", "0711"]
    assert [r["NumMentions"] for r in rows] == ["3", "1"]
    with pytest.raises(GeowireError):
        read_gdelt(io.StringIO("1\t2\n"))


def test_plover_records(small: Store, tmp_path: Path) -> None:
    recs = list(plover_records(small))
    assert len(recs) == 3
    r = recs[0]
    assert r["event_type"] == "CONSULT" and r["mode"] == "visit" and r["date"] == "2024-02-10"
    assert r["actor"] == [{"actor": "USAGOV", "name": "USAGOV", "country": "USA", "sector": None, "text": "USAGOV",
                           "start": 0, "end": 3}]
    assert r["recipient"][0]["actor"] == "RUS" and r["recipient"][0]["start"] == 10
    assert r["source_text"] == "USAGOV met RUS." and r["doc_id"] == "a1" and r["cameo"]["code"] == "1125"
    out = tmp_path / "p.jsonl"
    with out.open("w") as fh:
        assert write_plover(small, fh) == 3
    assert read_plover(out) == json.loads(json.dumps(recs))


def test_parquet_round_trip_loses_nothing(tmp_path: Path) -> None:
    with Store(":memory:") as src:
        synth(src, 3000, seed=5)
        add_event(src, "USA", "CHN", "2024-01-01", 1, 3.0, eid="hand1")   # NULLs and hand-made values too
        src.con.execute("UPDATE events SET attributed_to = '{\"name\": \"an official\"}' WHERE id = 'hand1'")
        counts = export_parquet(src, tmp_path / "pq")
        assert counts == {"documents": 750, "events": 3001}
        with Store(":memory:") as dst:
            assert import_export(dst, tmp_path / "pq") == {"documents": 750, "events": 3001}
            for t in ("documents", "events"):
                a = src.con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                b = dst.con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                assert a == b, t
            assert import_export(dst, tmp_path / "pq") == {"documents": 0, "events": 0}   # idempotent
    with pytest.raises(GeowireError):
        import_export(Store(":memory:"), tmp_path)


def test_cli_export(small: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.duckdb"
    with Store(db) as s:
        synth(s, 2000, seed=1)
    for fmt, out in (("gdelt", tmp_path / "g.tsv"), ("plover", tmp_path / "p.jsonl"), ("parquet", tmp_path / "pq")):
        assert main(["export", "--format", fmt, "--db", str(db), "--out", str(out)]) == 0
        assert out.exists()
    _, err = capsys.readouterr()
    assert "wrote" in err
    rows = read_gdelt(tmp_path / "g.tsv")
    assert rows and all(len(r) == 61 for r in rows)
    assert main(["export", "--format", "gdelt", "--db", str(db), "--out", "-", "--header"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].startswith("GLOBALEVENTID\tSQLDATE\t")
    assert main(["export", "--format", "plover", "--db", str(db), "--out", "-"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all("event_type" in r for r in records) and "to stdout" in err
    assert main(["export", "--format", "parquet", "--db", str(db), "--out", "-"]) == 1
    assert main(["export", "--format", "gdelt", "--db", str(db), "--out", str(tmp_path / "no" / "g.tsv")]) == 1
