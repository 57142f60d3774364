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

.PHONY: run test test-postgres chromium lint lock messages clean

# Serves the site as visitors get it (DEBUG off, the site's own error pages, static
# files from whitenoise). DJANGO_DEBUG=1 make run gives Django's debug pages instead.
run: $(VENV)/installed $(VENV)/secret_key
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py make_share_images
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} DJANGO_HTTPS=$${DJANGO_HTTPS:-0} \
		DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat $(VENV)/secret_key)} \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/installed chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

# The browser tests need Chromium. Install Debian's package when we can (root with
# apt-get); otherwise stop and say how. Playwright's own browser download is never used.
chromium:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "$$CHROMIUM_PATH" ]; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	else \
		echo "The browser tests need Chromium, which is not installed."; \
		echo "Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH, then run make test again."; \
		exit 1; \
	fi

# The same suite against PostgreSQL and Redis, as in production (CI runs both passes).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
test-postgres: $(VENV)/installed chromium
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python -m pytest

lint: $(VENV)/installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/installed: requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

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
messages: $(VENV)/installed
	$(BIN)/python manage.py makemessages -l es --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles

# Re-pin every dependency after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --allow-unsafe --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
