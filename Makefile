# Two commands on a fresh clone: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run worker test install lint format check clean-db

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.txt requirements-demo.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# With a broker (CELERY_BROKER_URL, or REDIS_URL) a Celery worker runs beside the server and
# stops with it; without one (the embedded SQLite default) tasks run at once in the request.
run: install
	$(MANAGE) compile_catalogs
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_demo_admin
	@broker="$${CELERY_BROKER_URL:-$$REDIS_URL}"; \
	if [ -n "$$broker" ]; then \
	  echo "Background tasks: a Celery worker runs beside the server (broker $$broker)."; \
	  DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/celery -A config worker \
	    --concurrency=1 --loglevel=INFO & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000; \
	else \
	  echo "Background tasks: no CELERY_BROKER_URL or REDIS_URL set, so they run at once inside the request that starts them (no worker needed)."; \
	  $(MANAGE) runserver 127.0.0.1:8000; \
	fi

# A Celery worker on its own (README, "Background work"): Redis at 127.0.0.1:6379 unless
# CELERY_BROKER_URL says otherwise; WORKER_CONCURRENCY processes run tasks side by side.
WORKER_BROKER_URL ?= $(or $(CELERY_BROKER_URL),redis://127.0.0.1:6379/1)
WORKER_CONCURRENCY ?= 2
worker: install
	CELERY_BROKER_URL=$(WORKER_BROKER_URL) DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-config.settings.dev} \
	  $(BIN)/celery -A config worker --concurrency=$(WORKER_CONCURRENCY) --loglevel=INFO

check: install
	$(MANAGE) compile_catalogs
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

test: check
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean-db:
	rm -f db.sqlite3

# Benchmarks of issue 7 on PostgreSQL (not part of `make test`): builds or reuses the
# fulian_bench database (BENCH_DATABASE_URL), measures, writes bench/results.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/fulian_bench

$(VENV)/.bench-installed: requirements-bench.txt | $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

.PHONY: bench
bench: install $(VENV)/.bench-installed
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq wrk >/dev/null 2>&1) \
		|| echo "wrk is not installable here: the Python load generator is used instead"
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m bench.run
