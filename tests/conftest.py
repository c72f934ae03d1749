"""Shared fixtures: the loaded pipeline (once per session), an in-memory store, and ../shared when present.

Markers: `slow` (tests of a minute or more: reliability, load, Dask, the browser); `pytest -m "not slow"`
runs the rest in about half the time. `make test` runs everything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geowire
from geowire.eval import actor_country

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return geowire.load()


@pytest.fixture()
def store():
    with geowire.Store(":memory:") as s:
        yield s


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes a minute or more (deselect with -m 'not slow')")
    config.addinivalue_line("markers", "soak: the soak test of geowire monitor (GEOWIRE_SOAK_SECONDS, make soak)")


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared: skipped where it does not exist at all; where it exists (the development machines, CI) the
    tests that use it run, and a file missing from it is a failure."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (it exists only on the project's development machines and CI)")
    return SHARED


def shared_file(shared: Path, *parts: str) -> Path:
    path = shared.joinpath(*parts)
    assert path.is_file(), f"{path} is missing from ../shared"
    return path


def load_bench(name: str):
    """A module of bench/ (the web tests reuse the benchmark's demo store and server helpers)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def country(actor: dict | None) -> str | None:
    return actor_country(actor)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
