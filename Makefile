# `make run` and `make test` are all a fresh machine needs; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install migrate demo run test lint format clean bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py load_demo

run: demo
	@echo "Serving on http://$(HOST)/ (sign in with a demo user and the password above)"
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: install lint
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .hypothesis

# The dashboard bench generates 1.44 million figures once (a few minutes) into bench.sqlite3,
# or into BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/partnership_bench.
bench: install
	$(PY) -m pytest tests/benchmarks -q -s -o python_files='bench_*.py'
	$(PY) -m tests.benchmarks.dashboard
