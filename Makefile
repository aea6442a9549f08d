# Two set-up commands for a fresh machine: `make run` and `make test` (see README.md).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test install install-test build browser-deps bench clean plotly-bundle

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

# Debian's chromium + chromedriver for browser tests (root on CI; skipped when already present), and from the
# npm registry (package-lock.json) axe-core for the accessibility checks, plotly.js + esbuild for the test that
# assets/vendor/plotly-partial.min.js is what `make plotly-bundle` makes.
browser-deps:
	@command -v chromedriver >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver)
	@command -v npm >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	@test -f node_modules/axe-core/axe.min.js -a -d node_modules/plotly.js -a -d node_modules/esbuild || \
	  npm ci --silent --no-audit --no-fund
	@# nginx + redis-server for the two-instance deployment test (tests/perf/test_two_instances.py)
	@command -v nginx >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx redis-server)

test: install-test browser-deps
	$(BIN)/python -m pytest -q

# The partial plotly.js bundle the app serves (committed: `make run` needs no npm), rebuilt from package-lock.json
# after a plotly upgrade or when a figure draws a new trace type (tools/plotly-bundle.mjs lists them).
plotly-bundle:
	npm ci --silent --no-audit --no-fund
	node tools/plotly-bundle.mjs

bench: install-test
	$(BIN)/python -m bench.etl_build
	$(BIN)/python -m bench.dashboard

clean:
	rm -rf $(VENV) data/warehouse.duckdb data/.warehouse.duckdb.building-*

# Known vulnerabilities in the pinned dependencies: pip-audit against each lock file (one at a time: they pin
# urllib3 differently), from its own venv (its defusedxml would change how openpyxl parses workbooks in ours).
# Recipe exit 0: none known; 1: vulnerable packages listed; 2: pip-audit could not be installed; 3: the advisory
# database could not be reached or knew none of the packages, so nothing was checked (make itself then exits 2
# and names the recipe's code: "Error 3").
AUDIT_VENV ?= $(VENV)-audit
.PHONY: audit
audit:
	@test -x $(AUDIT_VENV)/bin/pip-audit || ($(PY) -m venv $(AUDIT_VENV) && $(AUDIT_VENV)/bin/pip install \
	  --quiet pip-audit==2.10.1 > $(AUDIT_VENV)/install.log 2>&1) || { echo "audit: cannot install pip-audit"; exit 2; }
	@for lock in requirements.lock requirements-test.lock; do \
	  $(AUDIT_VENV)/bin/pip-audit --no-deps --disable-pip --progress-spinner off -r $$lock \
	    > $(AUDIT_VENV)/audit-$$lock.log 2>&1; rc=$$?; \
	  if grep -qE "ConnectionError|NameResolution|Max retries|timed out|could not be audited" \
	      $(AUDIT_VENV)/audit-$$lock.log; then \
	    echo "audit: the vulnerability database could not be reached; $$lock was not checked" \
	         "(details: $(AUDIT_VENV)/audit-$$lock.log)"; exit 3; fi; \
	  if [ $$rc -ne 0 ]; then cat $(AUDIT_VENV)/audit-$$lock.log; exit 1; fi; \
	done; echo "audit: no known vulnerabilities in requirements.lock and requirements-test.lock"
