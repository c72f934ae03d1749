"""Shared fixtures: the loaded pipeline (once per session), an in-memory store, and ../shared when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import geowire
from geowire.eval import actor_country

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="session")
def nlp():
    return geowire.load()


@pytest.fixture()
def store():
    with geowire.Store(":memory:") as s:
        yield s


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seed" / "article.txt").is_file():
        pytest.skip("../shared is not present (it exists only on the project's development machines)")
    return SHARED


def load_bench(name: str):
    """A module of bench/ (the web tests reuse the benchmark's demo store and server helpers)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def country(actor: dict | None) -> str | None:
    return actor_country(actor)


def matches(item: dict, ev: geowire.Event) -> bool:
    """An expected/forbidden item (source, target, roots) against one asserted event."""
    if ev.negated or ev.modality == "hypothetical":
        return False
    if item.get("source") and country(ev.source) != item["source"]:
        return False
    tgt = item.get("target")
    if tgt is not None and country(ev.target) != tgt:
        return False
    roots = item.get("roots", "any")
    return roots == "any" or ev.cameo_root in [str(r).zfill(2) for r in roots]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
