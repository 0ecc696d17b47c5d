# NTM Portal — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: setup install run test bench check lint format clean messages backup restore mutation

# Creates the venv and a development .env, installs, migrates and loads the demo province.
setup: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Development values only; production sets its own variables (see .env.example).
.env:
	@echo "Writing a development .env"
	@printf '%s\n' \
	  "DJANGO_SECRET_KEY=dev-$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(40))')" \
	  "DJANGO_DEBUG=True" \
	  "DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost" \
	  "DATABASE_URL=sqlite:///db.sqlite3" \
	  "DJANGO_SECURE_SSL_REDIRECT=False" \
	  "DJANGO_SECURE_COOKIES=False" \
	  "DJANGO_SECURE_HSTS_SECONDS=0" \
	  "EMAIL_URL=consolemail://" \
	  "PORTAL_MFA_REQUIRED=False" \
	  "PORTAL_BASE_URL=http://127.0.0.1:8000" > .env

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite. Tests needing PostgreSQL, Redis or Chromium skip without them, except in CI.
test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The database and the uploaded files, as one pair in DBBACKUP_DIR (default ./backups); the
# newest DBBACKUP_KEEP pairs (default 14) are kept. README, "Backups".
backup: install .env
	$(BIN)/python manage.py backup

# Put back the newest pair, or BACKUP=YYYY-MM-DD-HHMMSS (make restore LIST=1 lists them).
# Asks before replacing the database; stop the web server and the workers first.
restore: install .env
	$(BIN)/python manage.py restore $(if $(BACKUP),--stamp $(BACKUP)) $(if $(LIST),--list)

# The national benchmark (bench/README.md): needs PostgreSQL (BENCH_DATABASE_URL) and wrk.
bench: install
	$(BIN)/python bench/run.py

# Mutation testing of the pure rule modules, each against its own test file (not in CI; a few
# minutes on 2 cores). No database: no test of theirs touches it. Results go to mutants/
# (git-ignored); the last lines are the per-module scores. docs/mutation.md.
mutation: install
	rm -rf mutants
	DJANGO_ENV_FILE=/dev/null DATABASE_URL=sqlite:///:memory: $(BIN)/mutmut run
	$(BIN)/python tests/mutation_scores.py

check: install .env
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	cd . && $(BIN)/django-admin compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache mutants
