# Two commands take a fresh clone to a running site and a passing test suite:
#   make serve   set up .venv, build strictly, serve at http://127.0.0.1:8000
#   make test    set up .venv, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= site
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: setup setup-dev serve build check lint test test-fast bench clean

$(VENV)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# The edition's package itself, editable: `import edition` and the hooks from any folder.
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

serve: setup
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE)
	# --dirty: a saved note rebuilds only the pages it changes (the edition keeps the result
	# equal to a full build: see hooks/edition/preview.py).
	$(BIN)/mkdocs serve --dirty --strict --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE)

check: setup
	$(BIN)/python -m edition check edition.yml

# Both cores (pytest-xdist), progress as it goes, the slowest tests at the end.
PYTEST := $(BIN)/python -m pytest -n auto --durations=15
# The tests write some 400 MB of throwaway project copies and built sites: in memory where the
# system has a tmpfs with room for them (/dev/shm on Linux, if 1 GiB is free), which keeps the
# run from waiting on a slow disk; elsewhere the usual temporary folder. A failing test's files
# stay under $TMPDIR/pytest-of-$USER/ until three runs later.
TEST_TMPDIR ?= $(shell df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 && $$4 > 1048576 { print "/dev/shm" }')
TEST_ENV := $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR))

# ruff (pyflakes, pycodestyle, import order, bugbear) and mypy, as configured in pyproject.toml.
lint: setup-dev
	$(BIN)/ruff check hooks tests
	$(BIN)/mypy

test: setup-dev lint
	$(TEST_ENV) $(PYTEST)

test-fast: setup-dev
	$(TEST_ENV) $(PYTEST) -m "not browser and not slow"

bench: setup-dev
	$(BIN)/python tests/bench.py

clean:
	rm -rf $(SITE) .pytest_cache
