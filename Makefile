# Hogokan — the two commands: `make demo` (set up and run) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1
# pytest-xdist workers (auto: one per CPU core). `make test` runs the unit and the browser tests in one
# pool (worksteal), so the browser tests' waits on Chromium leave the other core to the unit tests.
TEST_WORKERS ?= auto

.PHONY: install install-dev install-directory demo serve worker test lint unit browser faults bench clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/python -m pip install -q -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed           ## create .venv with the pinned dependencies

install-dev: $(VENV)/.installed-dev   ## plus test and lint tools

install-directory: $(VENV)/.installed  ## directory login (needs Debian's libldap2-dev libsasl2-dev to build python-ldap)
	$(BIN)/python -m pip install -q -r requirements-directory.lock

demo: install                         ## migrate, load the demo city, serve on $(HOST):$(PORT)
	$(BIN)/hogokan demo
	$(BIN)/hogokan serve --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/hogokan serve --host $(HOST) --port $(PORT)

worker: install
	$(BIN)/hogokan worker

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

unit: install-dev
	$(BIN)/pytest -m "not browser and not faults and not directory" -n $(TEST_WORKERS)

browser: install-dev
	$(BIN)/pytest -m browser

faults: install-dev install-directory ## own servers: PostgreSQL restarted, worker killed, slapd login (run by .ci/run)
	$(BIN)/pytest -m "faults or directory" -v -s

test: lint                            ## lint, import contracts, unit and browser tests (headless Chromium)
	$(BIN)/pytest -m "not faults and not directory" -n $(TEST_WORKERS) --dist worksteal

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
