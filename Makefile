# Two commands do all the set-up: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV := DJANGO_DEBUG=true

.PHONY: install run test lint format migrations-check coverage

# Re-install whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py createcachetable
	$(DEV) $(PY) manage.py load_demo --if-empty
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install lint migrations-check
	$(PY) -m pytest $(PYTEST_ARGS)

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
