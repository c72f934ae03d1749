"""Relations over small hand-built stores: dyad series, network, balance, spikes, clustering, plots, synth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geowire import GeowireError, Store
from geowire.cli import main
from geowire.knowledge import load_codebook
from geowire.relations import (
    aggregates_fresh,
    balance,
    cluster_events,
    cluster_mentions,
    dyad_series,
    network,
    refresh_aggregates,
    spikes,
    synth,
)
from geowire.relations.network import edges
from geowire.relations.plots import plot_balance, plot_dyad, plot_network

_N = [0]


def add_event(store: Store, src: str | None, tgt: str | None, date: str | None, quad: int = 1,
              goldstein: float = 0.0, *, cameo: str = "042", tone: float | None = 0.0, negated: bool = False,
              modality: str = "actual", src_code: str | None = None, tgt_code: str | None = None,
              doc: str = "d1", sentence_index: int = 1, mentions: int = 1, eid: str | None = None) -> str:
    """Insert one event row directly; `src`/`tgt` are countries (None for organizations: give the code)."""
    _N[0] += 1
    eid = eid or f"e{_N[0]:05d}"
    sc = src_code or src
    tc = tgt_code or tgt
    store.con.execute(
        "INSERT INTO events (id, doc_id, sentence_index, sentence, source_text, source_start, source_end, "
        "source_name, source_code, source_country, target_text, target_start, target_end, target_name, "
        "target_code, target_country, trigger_text, trigger_start, trigger_end, cameo, cameo_root, quad_class, "
        "goldstein, plover_type, plover_mode, negated, modality, date, confidence, tone, mentions) "
        "VALUES (?, ?, ?, ?, ?, 0, 3, ?, ?, ?, ?, 10, 13, ?, ?, ?, 'met', 4, 7, ?, ?, ?, ?, 'CONSULT', 'visit', "
        "?, ?, ?, 0.9, ?, ?)",
        [eid, doc, sentence_index, f"{sc} met {tc}.", sc, sc, sc, src, tc, tc, tc, tgt, cameo, cameo[:2], quad,
         goldstein, negated, modality, date, tone, mentions])
    return eid


def add_doc(store: Store, doc: str, url: str | None = None, origin: str = "test") -> None:
    store.con.execute("INSERT INTO documents (id, hash, url, origin, text) VALUES (?, ?, ?, ?, 'text')",
                      [doc, "h" + doc, url, origin])


# --- dyad series -------------------------------------------------------------------------------------------

@pytest.fixture()
def dyad_store(store: Store) -> Store:
    add_event(store, "USA", "CHN", "2024-01-05", 1, 3.0, tone=1.0)
    add_event(store, "USA", "CHN", "2024-01-20", 4, -10.0, tone=-5.0, src_code="USAMIL")
    add_event(store, "CHN", "USA", "2024-01-10", 3, -4.0, tone=-2.0, src_code="CHNGOV")
    add_event(store, "USA", "CHN", "2024-02-01", 2, 7.0, tone=3.0, src_code="USAGOV")
    add_event(store, "USA", "CHN", "2024-02-03", 4, -9.0, negated=True)          # negated: not counted
    add_event(store, "USA", "CHN", "2024-02-04", 4, -9.0, modality="hypothetical")  # not asserted
    add_event(store, "USA", "CHN", "2024", 4, -9.0)                                # year only: no period
    add_event(store, "USA", "CHN", None, 4, -9.0)                                  # undated
    add_event(store, "USA", "RUS", "2024-01-05", 4, -9.0)                          # another dyad
    return store


def test_dyad_series_by_month_hand_computed(dyad_store: Store) -> None:
    rows = dyad_series(dyad_store, "usa", "CHN")
    assert rows == [
        {"period": "2024-01", "direction": "USA->CHN", "events": 2, "quad1": 1, "quad2": 0, "quad3": 0, "quad4": 1,
         "goldstein_sum": -7.0, "goldstein_mean": -3.5, "tone_mean": -2.0},
        {"period": "2024-01", "direction": "CHN->USA", "events": 1, "quad1": 0, "quad2": 0, "quad3": 1, "quad4": 0,
         "goldstein_sum": -4.0, "goldstein_mean": -4.0, "tone_mean": -2.0},
        {"period": "2024-02", "direction": "USA->CHN", "events": 1, "quad1": 0, "quad2": 1, "quad3": 0, "quad4": 0,
         "goldstein_sum": 7.0, "goldstein_mean": 7.0, "tone_mean": 3.0},
    ]
    assert json.loads(json.dumps(rows)) == rows


def test_dyad_series_by_week_day_and_code_prefix(dyad_store: Store) -> None:
    weeks = [(r["period"], r["direction"], r["events"]) for r in dyad_series(dyad_store, "USA", "CHN", by="week")]
    # 2024-01-05 is a Friday (week of Monday 2024-01-01), 2024-01-10 a Wednesday, 2024-01-20 a Saturday
    assert weeks == [("2024-01-01", "USA->CHN", 1), ("2024-01-08", "CHN->USA", 1), ("2024-01-15", "USA->CHN", 1),
                     ("2024-01-29", "USA->CHN", 1)]
    days = dyad_series(dyad_store, "USA", "CHN", by="day")
    assert [r["period"] for r in days] == ["2024-01-05", "2024-01-10", "2024-01-20", "2024-02-01"]
    # a CAMEO actor code prefix: only the USAGOV and USAMIL events
    gov = dyad_series(dyad_store, "USAGOV", "CHN", by="year")
    assert [(r["period"], r["direction"], r["events"], r["goldstein_sum"]) for r in gov] == [
        ("2024", "USAGOV->CHN", 1, 7.0)]
    chn_gov = dyad_series(dyad_store, "CHNGOV", "USA", by="year")
    assert [(r["direction"], r["events"]) for r in chn_gov] == [("CHNGOV->USA", 1)]


def test_dyad_series_rejects_a_bad_period(dyad_store: Store) -> None:
    with pytest.raises(GeowireError):
        dyad_series(dyad_store, "USA", "CHN", by="fortnight")
    assert dyad_series(dyad_store, "USA", "FRA") == []


# --- network ------------------------------------------------------------------------------------------------

@pytest.fixture()
def net_store(store: Store) -> Store:
    add_event(store, "USA", "CHN", "2024-01-05", 1, 3.0)
    add_event(store, "USA", "CHN", "2024-02-05", 4, -10.0)
    add_event(store, "USA", "CHN", "2024-03-05", 3, -2.0)
    add_event(store, "CHN", "USA", "2024-03-06", 2, 6.0)
    add_event(store, "RUS", "UKR", "2024-03-01", 4, -10.0)
    add_event(store, "RUS", "UKR", "2023-03-01", 4, -10.0)
    add_event(store, None, "UKR", "2024-04-01", 2, 7.4, src_code="IGOUNO")         # an organization
    add_event(store, "IGO", "UKR", "2024-04-02", 1, 1.0, src_code="IGOEUREEC")     # as the recognizer codes it
    add_event(store, "USA", "USA", "2024-01-01", 1, 1.0, src_code="USAGOV", tgt_code="USAOPP")  # domestic
    add_event(store, "USA", "RUS", "2024", 3, -4.0)                                 # year only
    add_event(store, "USA", "RUS", "2024-05-01", 3, -4.0, negated=True)             # not asserted
    return store


def test_network_hand_computed(net_store: Store) -> None:
    net = network(net_store)
    e = {(x["source"], x["target"]): x for x in net["edges"]}
    assert set(e) == {("USA", "CHN"), ("CHN", "USA"), ("RUS", "UKR"), ("IGOUNO", "UKR"), ("IGOEUREEC", "UKR"),
                      ("USA", "RUS")}
    assert e[("USA", "CHN")] == {"source": "USA", "target": "CHN", "events": 3, "cooperation": 1, "conflict": 2,
                                 "weight": -1, "goldstein_sum": -9.0}
    assert e[("CHN", "USA")]["weight"] == 1
    assert e[("RUS", "UKR")] == {"source": "RUS", "target": "UKR", "events": 2, "cooperation": 0, "conflict": 2,
                                 "weight": -2, "goldstein_sum": -20.0}
    assert e[("IGOUNO", "UKR")]["weight"] == 1
    nodes = {n["id"]: n for n in net["nodes"]}
    assert nodes["USA"]["events"] == 5 and nodes["USA"]["degree"] == 2 and nodes["USA"]["weighted_degree"] == -1
    assert nodes["UKR"]["events"] == 4 and nodes["UKR"]["degree"] == 3 and nodes["UKR"]["weighted_degree"] == 0
    assert nodes["CHN"]["events"] == 4 and nodes["CHN"]["weighted_degree"] == 0
    assert set(nodes["USA"]) == {"id", "events", "degree", "weighted_degree", "pagerank"}
    assert abs(sum(n["pagerank"] for n in net["nodes"]) - 1.0) < 1e-3
    assert nodes["UKR"]["pagerank"] > nodes["IGOUNO"]["pagerank"]
    assert [n["id"] for n in net["nodes"]][:2] == ["USA", "CHN"]
    json.dumps(net)


def test_network_since_and_max_nodes(net_store: Store) -> None:
    net = network(net_store, since="2024-03-01")
    e = {(x["source"], x["target"]): x["events"] for x in net["edges"]}
    assert e == {("USA", "CHN"): 1, ("CHN", "USA"): 1, ("RUS", "UKR"): 1, ("IGOUNO", "UKR"): 1,
                 ("IGOEUREEC", "UKR"): 1}
    top = network(net_store, max_nodes=2)
    assert [n["id"] for n in top["nodes"]] == ["USA", "CHN"]
    assert {(x["source"], x["target"]) for x in top["edges"]} == {("USA", "CHN"), ("CHN", "USA")}


@pytest.mark.parametrize("since", [None, "2024-03-01", "2024-03-06", "2024-02-01", "2024", "2023-12-31"])
def test_network_pre_aggregated_equals_raw(net_store: Store, since: str | None) -> None:
    raw = edges(net_store, since)
    assert not aggregates_fresh(net_store)
    refresh_aggregates(net_store)
    assert aggregates_fresh(net_store)
    assert edges(net_store, since) == raw
    add_event(net_store, "FRA", "DEU", "2024-06-01", 1, 1.0)   # the table goes stale: raw again
    assert not aggregates_fresh(net_store)
    assert ("FRA", "DEU") in {(x["source"], x["target"]) for x in edges(net_store, since)}


# --- balance ------------------------------------------------------------------------------------------------

def test_balance_hand_computed(store: Store) -> None:
    add_event(store, "IND", "USA", "2024-01-03", 1, 3.0)
    add_event(store, "USA", "IND", "2024-01-09", 2, 5.0)
    add_event(store, "RUS", "IND", "2024-01-10", 1, 1.0)
    add_event(store, "IND", "RUS", "2024-02-02", 4, -8.0)
    add_event(store, "IND", "CHN", "2024-02-02", 4, -8.0)       # neither pole
    add_event(store, "USA", "RUS", "2024-02-02", 4, -8.0)       # not India
    add_event(store, "IND", "USA", "2024-02-20", 1, 1.0, negated=True)
    rows = balance(store, "IND", "USA", "RUS")
    assert rows == [
        {"period": "2024-01", "country": "IND", "a": "USA", "b": "RUS", "events_a": 2, "events_b": 1,
         "share_a": 0.667, "goldstein_a": 8.0, "goldstein_b": 1.0, "goldstein_mean_a": 4.0, "goldstein_mean_b": 1.0},
        {"period": "2024-02", "country": "IND", "a": "USA", "b": "RUS", "events_a": 0, "events_b": 1,
         "share_a": 0.0, "goldstein_a": 0.0, "goldstein_b": -8.0, "goldstein_mean_a": None,
         "goldstein_mean_b": -8.0},
    ]
    assert [r["events_a"] for r in balance(store, "IND", "USA", "RUS", by="year")] == [2]


# --- spikes -------------------------------------------------------------------------------------------------

def test_spikes_z_score_against_own_history(store: Store) -> None:
    mondays = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05",
               "2024-02-12", "2024-02-19", "2024-02-26"]
    for d in mondays[:5]:                      # USA->IRN: one conflict event a week for five weeks ...
        add_event(store, "USA", "IRN", d, 3, -4.0)
    for _ in range(6):                         # ... then six in week 6: z = (6 - 1) / max(0, 1) = 5
        add_event(store, "USA", "IRN", mondays[5], 4, -9.0)
    add_event(store, "ISR", "LBN", mondays[0], 4, -9.0)   # ISR->LBN: week 1, quiet weeks 2-7, week 8, then 3
    add_event(store, "ISR", "LBN", mondays[7], 4, -9.0)
    for _ in range(3):
        add_event(store, "ISR", "LBN", mondays[8], 4, -9.0)
    add_event(store, "FRA", "MLI", mondays[7], 4, -9.0)   # too little history
    for _ in range(5):
        add_event(store, "FRA", "MLI", mondays[8], 4, -9.0)
    add_event(store, "USA", "IRN", mondays[8], 1, 2.0)     # cooperation does not count
    rows = spikes(store, by="week", min_history=4, threshold=2.0)
    got = {(r["source"], r["target"], r["period"]): r for r in rows}
    assert set(got) == {("USA", "IRN", "2024-02-05"), ("ISR", "LBN", "2024-02-26")}
    us = got[("USA", "IRN", "2024-02-05")]
    assert (us["value"], us["history"], us["baseline_mean"], us["baseline_sd"], us["z"]) == (6, 5, 1.0, 0.0, 5.0)
    il = got[("ISR", "LBN", "2024-02-26")]
    # history [1, 0, 0, 0, 0, 0, 0, 1]: mean 0.25, sd sqrt(1.5 / 7) = 0.463 < 1, so z = (3 - 0.25) / 1
    assert (il["history"], il["baseline_mean"], il["baseline_sd"], il["z"]) == (8, 0.25, 0.463, 2.75)
    assert rows[0]["source"] == "USA"                     # sorted by z
    assert spikes(store, by="week", threshold=3.0) == [rows[0]]
    assert {r["source"] for r in spikes(store, by="week", min_history=1)} >= {"FRA"}
    g = spikes(store, by="week", measure="goldstein")
    assert ("USA", "IRN", "2024-02-05") in {(r["source"], r["target"], r["period"]) for r in g}
    with pytest.raises(GeowireError):
        spikes(store, measure="tone")


# --- clustering ---------------------------------------------------------------------------------------------

def test_cluster_events_keeps_every_mention(store: Store) -> None:
    add_doc(store, "a1", "https://www.reuters.com/world/x")
    add_doc(store, "a2", "https://apnews.com/article/y")
    add_doc(store, "a3", "https://www.reuters.com/world/z")
    e1 = add_event(store, "USA", "RUS", "2024-01-01", 1, 2.8, cameo="042", doc="a1", sentence_index=0, mentions=2,
                   tone=1.0)
    e2 = add_event(store, "USA", "RUS", "2024-01-03", 1, 2.8, cameo="042", doc="a2", sentence_index=4, tone=3.0)
    e3 = add_event(store, "USA", "RUS", "2024-01-05", 1, 2.8, cameo="042", doc="a3", sentence_index=2)  # chained
    e4 = add_event(store, "USA", "RUS", "2024-01-20", 1, 2.8, cameo="042", doc="a3")   # 15 days later: new event
    e5 = add_event(store, "USA", "RUS", "2024-01-01", 4, -9.2, cameo="173", doc="a1")  # other code
    add_event(store, "USA", "RUS", "2024-01-02", 1, 2.8, cameo="042", doc="a2", negated=True)  # not asserted
    e7 = add_event(store, "USA", "RUS", "2024", 1, 2.8, cameo="042", doc="a3")          # year only: alone
    out = cluster_events(store, window_days=3)
    assert out == {"clusters": 4, "mentions": 6, "window_days": 3}
    cl = {r[0]: r for r in store.con.execute(
        "SELECT first_event_id, num_mentions, num_sources, num_articles, avg_tone, is_root, date, last_date "
        "FROM event_clusters").fetchall()}
    assert cl[e1] == (e1, 4, 2, 3, pytest.approx(4.0 / 3), True, "2024-01-01", "2024-01-05")
    assert cl[e4][1:4] == (1, 1, 1)
    assert cl[e5][1:4] == (1, 1, 1)
    assert cl[e7][6:] == ("2024", None)
    m = store.con.execute("SELECT c.first_event_id, m.event_id, m.doc_id, m.sentence_index, m.source_start, "
                          "m.source_end, m.trigger_start, m.target_end FROM cluster_mentions m "
                          "JOIN event_clusters c USING (cluster_id) ORDER BY m.event_id").fetchall()
    assert [(r[0], r[1], r[2]) for r in m if r[0] == e1] == [(e1, e1, "a1"), (e1, e2, "a2"), (e1, e3, "a3")]
    assert m[0][3:] == (0, 0, 3, 4, 13)
    # refreshing replaces, a wider window merges e4
    assert cluster_events(store, window_days=3)["clusters"] == 4
    assert cluster_events(store, window_days=15)["clusters"] == 3
    assert len(cluster_mentions(store, 15)) == 6
    with pytest.raises(GeowireError):
        cluster_events(store, window_days=-1)


# --- plots --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ext", ["png", "svg"])
def test_plots_are_written(net_store: Store, tmp_path: Path, ext: str) -> None:
    for p in (plot_dyad(dyad_series(net_store, "USA", "CHN"), "USA", "CHN", tmp_path / f"d.{ext}"),
              plot_network(network(net_store), tmp_path / f"n.{ext}"),
              plot_balance(balance(net_store, "USA", "CHN", "RUS"), "USA", "CHN", "RUS", tmp_path / f"b.{ext}"),
              plot_dyad([], "USA", "FRA", tmp_path / f"empty.{ext}")):
        assert p.stat().st_size > 1000
    if ext == "svg":
        svg = (tmp_path / "d.svg").read_text()
        assert "Relations between USA and CHN" in svg and "verbal cooperation" in svg
    with pytest.raises(GeowireError):
        plot_network(network(net_store), tmp_path / "n.gif")


# --- synth and CLI ------------------------------------------------------------------------------------------

def test_synth_is_deterministic_and_uses_the_codebook(tmp_path: Path) -> None:
    def make() -> list[Any]:
        with Store(":memory:") as s:
            stats = synth(s, 5000, seed=7)
            assert stats["events"] == 5000 and stats["documents"] == 1250
            codes = {r[0] for r in s.con.execute("SELECT DISTINCT cameo FROM events").fetchall()}
            assert codes <= set(load_codebook()) and len(codes) > 100
            n_src = s.con.execute("SELECT count(DISTINCT source_country) FROM events").fetchone()
            assert n_src is not None and n_src[0] > 150
            bad = s.con.execute("SELECT count(*) FROM events e WHERE e.quad_class IS NULL OR e.date IS NOT NULL "
                                "AND length(e.date) NOT IN (4, 10)").fetchone()
            assert bad == (0,)
            with pytest.raises(GeowireError):
                synth(s, 10)
            return s.con.execute("SELECT * FROM events ORDER BY id LIMIT 50").fetchall()
    assert make() == make()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_relations_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.duckdb")
    code, _, err = _cli(capsys, "synth", "--db", db, "--events", "20000", "--seed", "1")
    assert code == 0, err
    code, out, err = _cli(capsys, "dyad", "USA", "GBR", "--db", db, "--by", "year", "--format", "jsonl",
                          "--plot", str(tmp_path / "d.png"))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["direction"] for r in rows} == {"USA->GBR", "GBR->USA"} and (tmp_path / "d.png").is_file()
    code, out, err = _cli(capsys, "network", "--db", db, "--since", "2022-01-01", "--limit", "3",
                          "--plot", str(tmp_path / "n.svg"))
    assert code == 0, err
    assert "pagerank" in out and "chart written" in err
    code, out, err = _cli(capsys, "network", "--db", db, "--max-nodes", "5", "--format", "json")
    assert code == 0 and len(json.loads(out)["nodes"]) == 5
    code, out, err = _cli(capsys, "network", "--db", db, "--max-nodes", "5", "--limit", "2", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [x["kind"] for x in lines].count("node") == 2 and len(lines) <= 4
    code, out, err = _cli(capsys, "balance", "IND", "--between", "USA", "RUS", "--db", db, "--by", "year",
                          "--plot", str(tmp_path / "b.png"))
    assert code == 0, err
    assert "share_a" in out
    code, out, err = _cli(capsys, "spikes", "--db", db, "--by", "month", "--format", "jsonl", "--limit", "2")
    assert code == 0, err
    assert 1 <= len(out.splitlines()) <= 2
    code, out, err = _cli(capsys, "synth", "--db", db, "--events", "10")
    assert code == 1 and "already holds" in err
    code, out, err = _cli(capsys, "dyad", "USA", "GBR", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and err.count("\n") == 1
    code, out, err = _cli(capsys, "dyad", "USA", "GBR", "--db", db, "--plot", str(tmp_path / "x.gif"))
    assert code == 1 and ".png or .svg" in err
