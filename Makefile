# make run: install, migrate, load the demo program and serve it on http://127.0.0.1:$(PORT)/,
# with the task worker (the PDF booklets of big programs) beside gunicorn, stopped with it.
# make worker: the task worker alone (manage.py db_worker), for a server run some other way.
# make test: install the dev extra and run the whole test suite.
# make bench: time every export format at 200 and 2,000 slots (bench/exports.py), then every
# public page cold and cached, with its queries (bench/pages.py); make bench-http: the pages
# through gunicorn under load; make bench-load: the load test with a chair editing (PostgreSQL).
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
HOST ?= 127.0.0.1
BIN := $(VENV)/bin
# The local runs keep debug off, as in production, so they need a secret key: unless
# DJANGO_SECRET_KEY is set, the settings read the one made once into this git-ignored file.
SECRET_KEY_FILE := .secret_key
LOCAL_RUNS := run worker test bench bench-pages bench-http bench-load

.PHONY: run worker test install install-dev check-python lint format clean bench bench-pages bench-http \
	bench-load

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Python 3.12 or newer is needed (Django 6); '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install it (pyenv install 3.12) or run: make PYTHON=python3.12 ..."; exit 1; }

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(SECRET_KEY_FILE):
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@echo "Made a secret key for local runs in $@ (git-ignored)."

$(LOCAL_RUNS): | $(SECRET_KEY_FILE)
# Absolute links (exports, calendars, the booklet) and the page cache follow the address served.
run worker: export DJANGO_SITE_URL ?= http://$(HOST):$(PORT)

install: check-python $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-dev: check-python $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py ensure_chair --demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving the program at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py db_worker --no-reload $(WORKER_ARGS) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	GUNICORN_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c config/gunicorn.py config.wsgi:application

worker: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py db_worker $(WORKER_ARGS)

test: install-dev
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python -m bench.exports $(BENCH_ARGS)
	$(BIN)/python -m bench.pages $(BENCH_PAGES_ARGS)

bench-pages: install-dev
	$(BIN)/python -m bench.pages $(BENCH_PAGES_ARGS)

bench-http: install-dev
	$(BIN)/python -m bench.pages --http $(BENCH_HTTP_ARGS)

bench-load: install-dev
	$(BIN)/python -m bench.load $(BENCH_LOAD_ARGS)

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 *.egg-info
