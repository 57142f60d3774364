# The two commands a new developer needs: `make run` and `make test`.
# Both start from a fresh clone: they create .venv, install the pinned
# dependencies and prepare the database themselves.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# The first Python 3.12+ on PATH (Django 6.1 needs 3.12 or newer). With pyenv,
# .python-version selects 3.13 for `python3` inside this repository.
PYTHON ?= $(shell for candidate in python3 python3.13 python3.12; do \
	if command -v $$candidate >/dev/null 2>&1 && \
	   $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	   echo $$candidate; break; fi; done)

# When this make started, so that `make run` can say how long the site took to come up.
STARTED_AT := $(shell date +%s.%N)

# The settings default to production (DEBUG off), which needs a secret key: this
# checkout's own, made once in .venv/secret_key. Loopback serves plain http.
SITE_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(VENV)/secret_key)}" DJANGO_HTTPS="$${DJANGO_HTTPS:-0}"
MANAGE = $(SITE_ENV) $(BIN)/python manage.py

.PHONY: run dev superuser test test-postgres chromium lint lock messages clean

# Serves the site as production does: gunicorn with gunicorn.conf.py, DEBUG off, the
# site's own error pages, static files from whitenoise, the shared cache. Installs
# only what the site needs to run (the test tools come with `make test`).
run: $(VENV)/runtime-installed $(VENV)/secret_key
	@$(MANAGE) compile_translations
	@$(MANAGE) migrate --noinput
	@$(MANAGE) load_content
	@$(MANAGE) collectstatic --noinput --verbosity 0
	@$(MANAGE) make_share_images
	$(SITE_ENV) HOST=127.0.0.1 PORT=$(PORT) CLINIC_STARTED_AT=$(STARTED_AT) \
		$(BIN)/gunicorn --config gunicorn.conf.py clinic_site.wsgi

# For working on the code: Django's development server, reloading on every change,
# with DEBUG on (Django's debug pages, static files served by runserver).
dev: $(VENV)/runtime-installed $(VENV)/secret_key
	@$(MANAGE) compile_translations
	@$(MANAGE) migrate --noinput
	@$(MANAGE) load_content
	@$(MANAGE) collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

# A staff account with every permission, for signing in to the admin.
superuser: $(VENV)/runtime-installed $(VENV)/secret_key
	@$(MANAGE) migrate --noinput
	$(MANAGE) createsuperuser

# The suite runs on every core (pytest-xdist; at most 4 workers, each with its own
# database, cache and static files), then the deployment tests on their own: their
# timings (a page live within 3 s of its time, an outage cut at once) must not share
# the cores with the rest. PYTEST_WORKERS=0 runs the first part in one process.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --maxprocesses 4 --dist loadgroup --ignore=tests/deployment
PYTEST_ALL = pytest $(PYTEST_PARALLEL) && $(BIN)/python -m pytest tests/deployment

test: $(VENV)/dev-installed $(VENV)/secret_key chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	@start=$$(date +%s); $(BIN)/python -m $(PYTEST_ALL); status=$$?; \
		echo "Test suite took $$(( $$(date +%s) - start )) s"; exit $$status

# The browser tests need Chromium: its headless shell (Debian's chromium-headless-shell,
# half the CPU of the full browser), installed with apt-get when we are root; else a
# full Chromium already installed; else stop and say how. Playwright's own browser
# download is never used.
chromium:
	@if [ -n "$$CHROMIUM_PATH" ] || command -v chromium-headless-shell >/dev/null 2>&1; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium's headless shell for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell fonts-dejavu-core >/dev/null; \
	elif command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		exit 0; \
	else \
		echo "The browser tests need Chromium, which is not installed."; \
		echo "Install it (Debian/Ubuntu: sudo apt-get install chromium-headless-shell) or set CHROMIUM_PATH, then run make test again."; \
		exit 1; \
	fi

# The same suite against PostgreSQL and Redis, as in production (CI runs both passes).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
test-postgres: $(VENV)/dev-installed chromium
	@start=$$(date +%s); export DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL); \
		$(BIN)/python -m $(PYTEST_ALL); \
		status=$$?; echo "Test suite (PostgreSQL and Redis) took $$(( $$(date +%s) - start )) s"; exit $$status

lint: $(VENV)/dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/runtime-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/dev-installed: requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/runtime-installed

# A secret key for this checkout's local server, made once and never committed.
$(VENV)/secret_key: | $(VENV)/bin/python
	$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

$(VENV)/bin/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "This site needs Python 3.12 or newer, and none was found on PATH."; \
		echo "Install Python 3.13 (for example 'pyenv install 3.13', 'apt-get install python3.13'"; \
		echo "or from https://www.python.org/downloads/), then run this command again."; \
		exit 1; \
	fi
	@echo "Creating $(VENV) with $$($(PYTHON) --version)"
	$(PYTHON) -m venv $(VENV)

# Collect new interface strings into locale/es/LC_MESSAGES/django.po (needs GNU gettext's
# xgettext); translate them, then `python manage.py compile_translations` checks and compiles.
messages: $(VENV)/dev-installed $(VENV)/secret_key
	$(MANAGE) makemessages -l es --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles

# Re-pin every dependency after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --allow-unsafe --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache
