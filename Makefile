# Fabrique — les commandes d'un·e nouvel·le arrivant·e. `make help` les liste.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install setup run dev demo test lint test-postgres test-browser bench messages openapi fuzz load ci clean

help: ## Affiche cette aide
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@touch $@

install: $(BIN)/.installed ## Crée .venv et installe les dépendances verrouillées

setup: install ## Migre la base, importe les territoires et charge la démo (relançable)
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) import_territories
	$(MANAGE) load_demo

# run and dev: the background tasks (synergy index recomputed after a save, reminders) queued
# in the database and run by a db_worker beside the server, as in production (Procfile): a save
# answers at once instead of waiting for the recomputation (2 s on the demo).
QUEUE := TASKS_BACKEND=django_tasks_db.DatabaseBackend
WITH_WORKER := $(QUEUE) $(MANAGE) recover_tasks && { $(QUEUE) $(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; }

run: setup ## Prépare tout puis sert http://127.0.0.1:8000 (SQLite), pages d'erreur en français
	@echo "Fabrique est servie sur http://$(HOST):$(PORT)/ (Ctrl+C pour arrêter)"
	@$(WITH_WORKER); \
	DEBUG=0 $(QUEUE) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

dev: setup ## Comme run, en mode développement (DEBUG : pages d'erreur techniques de Django)
	@$(WITH_WORKER); \
	DEBUG=1 $(QUEUE) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

demo: setup ## Comme run, sans lancer le serveur

lint: install ## ruff (lint + format), djlint, migrations à jour
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint fabrique/templates --lint --quiet
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test: lint ## Lint, makemigrations --check, puis toute la suite (SQLite)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m "not browser" -q

test-postgres: install ## La même suite sur un PostgreSQL jetable (initdb/pg_ctl)
	DJANGO_SETTINGS_MODULE=config.settings.test .ci/with-postgres $(BIN)/pytest -m "not browser" -q

test-browser: install ## Tests dans Chromium (Playwright + axe-core), installe chromium si besoin
	.ci/ensure-chromium
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m browser -q

messages: ## Recompile les traductions françaises des bibliothèques (fabrique/locale, msgfmt)
	msgfmt --check-format -o fabrique/locale/fr/LC_MESSAGES/django.mo fabrique/locale/fr/LC_MESSAGES/django.po

openapi: install ## Réécrit docs/openapi.json après un changement voulu de l'API
	FABRIQUE_UPDATE_OPENAPI=1 DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -q tests/api/test_schema_snapshot.py

fuzz: install ## Fuzz de l'API (schemathesis) sur un serveur jetable : aucun 5xx, réponses conformes au schéma
	scripts/fuzz.sh

bench: install ## Mesures de performance (tableau)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/synergies.py
	$(BIN)/python bench/portfolio.py
	$(BIN)/python bench/catalogue.py
	$(BIN)/python bench/impact.py
	$(BIN)/python bench/recruitment.py
	$(BIN)/python bench/support.py
	$(BIN)/python bench/diagnostics.py
	$(BIN)/python bench/investigations.py
	$(BIN)/python bench/personal_data.py

load: install ## Charge sur PostgreSQL : 50 utilisateurs 10 min (ARGS=--short : 2 min), saturation, pannes
	.ci/with-postgres $(BIN)/python scripts/load.py $(ARGS)

ci: ## Ce que lance l'intégration continue
	.ci/run

clean: ## Supprime .venv et var/ (base SQLite comprise)
	rm -rf $(VENV) var
