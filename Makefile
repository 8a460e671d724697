# Accord: `make demo` and `make test` are the two commands a fresh clone needs.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
ACCORD := $(VENV)/bin/accord
export ACCORD_HOME ?= $(CURDIR)/var

.PHONY: demo test test-fast lint bench venv clean serve smoke fuzz

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

DEMO_BIND ?= 127.0.0.1:8000

# The background worker (imports) runs beside the server and stops with it, however the server ends.
demo: venv
	$(ACCORD) migrate --noinput -v0
	$(ACCORD) demo --address http://$(DEMO_BIND)/
	@$(ACCORD) db_worker --no-reload --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	echo "Background worker running (pid $$worker)."; \
	$(ACCORD) serve --bind $(DEMO_BIND) --workers 2

serve: venv
	$(ACCORD) serve

test: venv
	$(VENV)/bin/pytest -q -p no:cacheprovider

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(ACCORD) makemigrations --check --dry-run -v0
	$(ACCORD) check --fail-level WARNING

# More fuzzed imports than CI runs: 2,000 mutated files per format, 50 PDFs in the real worker process.
fuzz: venv
	ACCORD_FUZZ_COUNT=2000 ACCORD_FUZZ_REAL_PDF=50 $(VENV)/bin/pytest -q -p no:cacheprovider tests/reliability/test_fuzz_imports.py

# A production start from a fresh clone of HEAD (what CI runs last).
smoke: venv
	$(PY) scripts/production_smoke.py

bench: venv
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
