# geowire: make demo (set up and run the sample corpus), make test (all checks), make bench (throughput,
# start-up time of a query command, relations, web load, Dask: every bench/bench_*.py), make soak (geowire
# monitor for 10 minutes under load, killed and restarted once: tests/test_soak.py; make test runs it for 30 s).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench soak lint clean chromium train

SOAK_SECONDS ?= 600

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb
	$(BIN)/geowire ingest --sample --db demo.duckdb
	$(BIN)/geowire dyads --db demo.duckdb --limit 15

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools training
	$(BIN)/mypy

# Browser tests drive Debian's chromium with Playwright (no browser download).
chromium:
	@test -x /usr/bin/chromium || { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || echo "chromium could not be installed: browser tests will be skipped"; }

# Tests run on up to two processes (pytest-xdist), a test module per process at a time; the dev-set gates are
# one module (tests/test_dev_gate.py), so one process codes the dev articles, once.
test: lint chromium
	$(BIN)/python -m pytest -q -n auto --maxprocesses 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/bench.py
	@for f in bench/bench_*.py; do [ -f "$$f" ] && echo && echo "== $$f" && $(BIN)/python "$$f" || true; done

soak: $(STAMP)
	GEOWIRE_SOAK_SECONDS=$(SOAK_SECONDS) $(BIN)/python -m pytest -q -s -m soak tests/test_soak.py

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache .mypy_cache .ruff_cache

# Retrain the event model from training/labels (needs ../shared/corpus; see training/README.md).
train: $(STAMP)
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[train]'
	$(BIN)/python training/train.py
	$(BIN)/python training/threshold.py --write
