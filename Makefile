# `make run` and `make test` are all a fresh machine needs; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install migrate demo run serve test lint format clean bench load

$(VENV)/.installed: pyproject.toml scripts/system-packages
	bash scripts/system-packages
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

# Production serving: DEBUG off, the secret and the database from the environment, static files
# compressed and served by the app (WhiteNoise) under gunicorn. See README "Production".
serve: install
	@test -n "$$SECRET_KEY" || (echo "Set SECRET_KEY (and DATABASE_URL, ALLOWED_HOSTS) first: see README, Production." && exit 1)
	DEBUG=0 $(PY) manage.py check --deploy --fail-level WARNING
	DEBUG=0 $(PY) manage.py migrate --noinput
	DEBUG=0 $(PY) manage.py collectstatic --noinput -v0
	DEBUG=0 $(VENV)/bin/gunicorn config.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WORKERS:-3} --access-logfile -

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

# Concurrent partner leads and board members against gunicorn and PostgreSQL for LOAD_SECONDS
# (60 by default), then a check that no save was lost; LOAD_DATABASE_URL names the database.
load: install
	$(PY) -m tests.load.run

# The import bench generates 50,000 figures once (seconds), the dashboard bench 1.44 million (a
# few minutes), into bench.sqlite3 or BENCH_DATABASE_URL, e.g.
# postgres://postgres@127.0.0.1:5432/partnership_bench.
bench: install
	$(PY) -m pytest tests/benchmarks -q -s -o python_files='bench_*.py'
	DEBUG=0 SECRET_KEY=bench-only-not-a-secret $(PY) manage.py collectstatic --noinput -v0
	$(PY) -m tests.benchmarks.imports
	$(PY) -m tests.benchmarks.dashboard
	$(PY) -m tests.benchmarks.board_report
