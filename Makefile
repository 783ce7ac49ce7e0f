# Two commands: `make run` (set up and serve the demo) and `make test` (set up and test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-stateful lint setup setup-test setup-browser migrate demo worker static screenshots clean

# PyICU (needed by rigour through normality) has no wheels: it builds against ICU.
ICU_HEADERS := /usr/include/unicode/utypes.h

$(ICU_HEADERS):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config g++

$(BIN)/python: | $(ICU_HEADERS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python $(ICU_HEADERS)
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python $(ICU_HEADERS)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
CHROMIUM := /usr/bin/chromium
setup-browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# Serves on the embedded default (SQLite) with demo data; the task worker (run_worker) runs
# alongside for background work (re-screening, notifications: e-mails are printed here).
# Ctrl+C stops all three cleanly: the server without the autoreloader's second process,
# then the periodic loop and the worker, which finishes its task (no `kill 0` of make itself).
# E-mails link to the pages at SITE_URL: the address this serves on unless set otherwise.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/). Ctrl+C stops."
	@$(BIN)/python manage.py run_worker --interval 1 & worker=$$!; \
	while sleep 300; do $(BIN)/python manage.py run_periodic_jobs >/dev/null; done & periodic=$$!; \
	stop() { trap - INT TERM EXIT; kill -TERM $$periodic $$worker 2>/dev/null; wait $$worker 2>/dev/null; echo "venue-check stopped."; }; \
	trap 'stop; exit 130' INT TERM; trap stop EXIT; \
	$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

# The task worker alone (as a supervisor runs it: docs/operations.md). It survives a locked or
# lost database; SIGTERM finishes the task in hand and exits.
worker: setup
	$(BIN)/python manage.py run_worker

# Production step, before starting gunicorn: collect the page styles, the admin's and the API
# docs' assets into STATIC_ROOT, which WhiteNoise serves when DEBUG=false.
static: setup
	$(BIN)/python manage.py collectstatic --noinput --clear

# The static checks: lint, formatter shape, the import contract and the types
# (pyproject.toml: [tool.importlinter], [tool.mypy]).
lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: setup-test setup-browser lint
	$(BIN)/python manage.py makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest

# The review loop's stateful property test with many more and longer sequences (nightly).
test-stateful: setup-test
	HYPOTHESIS_PROFILE=nightly $(BIN)/pytest -p no:cacheprovider tests/bookings/review/test_review_state_machine.py

# Screenshots of every journey (staff, officer, second officer, CAVA) at 375 and 1280 px:
# the browser tests take them as they go; they land in test-results/ (docs/pages.md says
# what each shows). The same tests check width, axe and plain words on every page.
screenshots: setup-test setup-browser
	$(BIN)/pytest tests/browser -q -p no:cacheprovider
	@ls -1 test-results/*.png

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache
