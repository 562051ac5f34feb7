# govgraph — `make run` serves the explorer, `make test` runs every test.
# Both install what they need first (venv, packages, Chromium for the browser tests).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
COUNCILS ?= 400
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system-deps run test bench screenshots clean

install: $(STAMP)

# Reinstall when the project's declaration changes (a stale venv).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian's Chromium drives the browser tests (Playwright uses it; it downloads no browser).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

run: install
	$(VENV)/bin/govgraph serve --host $(HOST) --port $(PORT)

test: install system-deps
	$(PY) -m pytest

bench: install
	$(PY) bench/run.py --councils $(COUNCILS)

screenshots: install system-deps
	$(PY) -m pytest -p tests.browser_screenshots tests/test_browser.py --screenshots docs/screenshots

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
