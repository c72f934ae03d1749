"""Shared fixtures: the loaded pipeline (once per session), an in-memory store, and ../shared when present.

Markers: `slow` (tests of a minute or more: reliability, load, Dask, the browser); `pytest -m "not slow"`
runs the rest in about half the time. `make test` runs everything on two processes (pytest-xdist, `--dist
loadfile`, the slow modules handed out first); `dev_scores` is read by tests/test_dev_gate.py only, so the dev articles are coded once.
"""

from __future__ import annotations

import json
import subprocess
import sys
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


def _slow_modules() -> list[str]:
    """Test modules with a test marked slow, as xdist names their scopes ("tests/test_soak.py")."""
    here = Path(__file__).parent
    return sorted(f"{here.name}/{p.name}" for p in here.glob("test_*.py") if "pytest.mark.slow" in p.read_text())


def pytest_xdist_make_scheduler(config: pytest.Config, log):  # type: ignore[no-untyped-def]
    """`--dist loadfile` with the slow modules handed out first: xdist orders modules by their number of tests,
    which leaves the long ones (soak, reliability) to run alone at the end on one process of two."""
    from xdist.scheduler import LoadFileScheduling

    class SlowFirst(LoadFileScheduling):
        def _assign_work_unit(self, node) -> None:  # type: ignore[no-untyped-def]
            for scope in reversed(_slow_modules()):
                if scope in self.workqueue:
                    self.workqueue.move_to_end(scope, last=False)
            super()._assign_work_unit(node)

    return SlowFirst(config, log)


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


@pytest.fixture(scope="session")
def dev_scores(shared: Path, nlp, tmp_path_factory) -> dict[str, dict]:
    """The reference scorer's figures (`score_articles.py --json`: required, forbidden, precision, recall,
    location) for geowire's events on each dev article file, coded once per test session."""
    scorer = shared_file(shared, "tools", "score_articles.py")
    out: dict[str, dict] = {}
    for name in ("articles.jsonl", "wikinews.jsonl"):
        gold = shared_file(shared, "dev", name)
        rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
        arts = [geowire.Article(id=r["id"], text=r["text"], date=r.get("date")) for r in rows]
        events = tmp_path_factory.mktemp("dev") / name
        events.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in geowire.extract(arts, nlp)),
                          encoding="utf-8")
        res = subprocess.run([sys.executable, str(scorer), str(gold), str(events), "--json"], capture_output=True,
                             text=True, check=True)
        out[name] = json.loads(res.stdout) | {"rows": len(rows)}
    return out


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
