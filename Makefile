# Two commands do all the set-up: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV := DJANGO_DEBUG=true

.PHONY: install run serve bench test test-fast lint format migrations-check coverage oidc-provider

# Re-install whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo --if-empty
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# A real OpenID provider on http://127.0.0.1:8001 to try single sign-on with `make run` (README).
oidc-provider: install
	$(PY) tests/oidc/provider.py

# Production-like: debug off, hashed static files served by WhiteNoise, gunicorn on DATABASE_URL.
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (see docs/deploy.md); over plain HTTP on
# this machine add DJANGO_SECURE_SSL_REDIRECT=false.
serve: install
	@test -n "$$DJANGO_SECRET_KEY" || { echo "Set DJANGO_SECRET_KEY (50+ random characters) and DJANGO_ALLOWED_HOSTS; see docs/deploy.md"; exit 1; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py otesite.wsgi

# Seeds 12, 60 and 120 months, serves them with gunicorn under production settings and drives
# the pages with wrk (installed from Debian when missing, else a Python load generator).
# PostgreSQL when DATABASE_URL points at it (the bench uses its own <name>_bench database).
# Then the imports at CRM scale on SQLite and PostgreSQL beside a bare bulk_create (bench/imports.py).
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } || echo "wrk not available: using the Python load generator"
	$(PY) bench/bench.py
	$(PY) bench/deals.py
	$(PY) bench/imports.py

# The whole suite, browser tests included, on every core (pytest-xdist); PYTEST_ARGS adds to it.
JOBS ?= auto
test: install lint migrations-check
	$(PY) -m pytest -n $(JOBS) $(PYTEST_ARGS)

# For the loop while working: no lint, no browser tests.
test-fast: install
	$(PY) -m pytest -n $(JOBS) -m "not browser" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

coverage: install
	$(PY) -m pytest --cov --cov-report=term-missing $(PYTEST_ARGS)
