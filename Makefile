# Two set-up commands for a fresh machine: `make run` and `make test` (see README.md).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test install install-test build browser-deps bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .

install-test: install
	$(BIN)/pip install --quiet -r requirements-test.lock

build: install
	$(BIN)/python -m etl build

run: build
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --config dashboard/gunicorn_conf.py dashboard.app:server

# Debian's chromium + chromedriver for browser tests (root on CI; skipped when already present).
browser-deps:
	@command -v chromedriver >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver)

test: install-test browser-deps
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python -m bench.etl_build

clean:
	rm -rf $(VENV) data/warehouse.duckdb data/.warehouse.duckdb.building-*
