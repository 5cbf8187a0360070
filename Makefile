# The two commands a fresh machine needs: `make run` and `make test`.
# Each bootstraps uv from PyPI with pip when it is missing, then lets uv install the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")

PORT ?= 8000

.PHONY: help bootstrap sync setup run test lint typecheck importlint migrations pytest format bench bench-upload bench-load

help:
	@echo "make run   - start the web service with demo data on http://127.0.0.1:$(PORT)"
	@echo "make test  - lint, type-check, check layers and migrations, run every test"
	@echo "make bench - time tri workforce metrics against pandas and polars (writes BENCHMARKS.md)"
	@echo "make bench-upload - time uploading returns to the running service (a BENCHMARKS.md section)"
	@echo "make bench-load - benchmark, public pages and API under 50 clients on PostgreSQL (needs TRI_BENCH_DATABASE_URL)"

bootstrap:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet --user uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv

sync: bootstrap
	@$(UV) sync --frozen --quiet

# Front-end packages (GOV.UK Frontend, htmx, axe-core) come from npm, pinned by package-lock.json.
setup: sync
	@npm ci --no-audit --no-fund --loglevel=error

run: setup
	@mkdir -p var
	$(UV) run python manage.py migrate --noinput
	$(UV) run python manage.py seed_demo
	$(UV) run python manage.py collectstatic --noinput --verbosity 0
	@echo "tri is starting on http://127.0.0.1:$(PORT) (demo logins are in README.md)"
	$(UV) run python manage.py serve --bind 127.0.0.1:$(PORT)

lint: sync
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck: sync
	$(UV) run mypy

importlint: sync
	$(UV) run lint-imports

migrations: sync
	@mkdir -p var
	$(UV) run python manage.py makemigrations --check --dry-run --settings tri.config.settings_test

# Every test runs against SQLite, then again against PostgreSQL when TRI_POSTGRES_URL names a
# server (.ci/run starts one; without it the second run is reported as not done, not passed).
pytest: setup
	$(UV) run pytest
	@if [ -n "$$TRI_POSTGRES_URL" ]; then \
		echo "--- the same tests against PostgreSQL"; \
		DATABASE_URL="$$TRI_POSTGRES_URL" $(UV) run pytest -p no:randomly; \
	else \
		echo "NOTE: TRI_POSTGRES_URL is not set, so the PostgreSQL run was not done (CI sets it)."; \
	fi

test: lint typecheck importlint migrations pytest

# The benchmark of `tri workforce metrics` (benchmarks/run.py): returns of 100k, 1M and 10M
# employees, generated once into var/bench/; results in BENCHMARKS.md.
bench: sync
	$(UV) run python benchmarks/run.py

# The end-to-end benchmark of uploading workforce returns (benchmarks/upload.py): the service as
# `make run` starts it, in a temporary folder; results in their own section of BENCHMARKS.md.
# Its pages need the front-end packages: `make setup` installs them if they are missing.
bench-upload: sync
	@test -d node_modules/govuk-frontend || $(MAKE) setup
	$(UV) run python -m benchmarks.upload

# The load benchmark (benchmarks/load.py): the service on the PostgreSQL database
# TRI_BENCH_DATABASE_URL names, filled once with the demo and a national-scale synthetic dataset,
# under 50 locust clients; results in their own section of BENCHMARKS.md.
bench-load: sync
	@test -d node_modules/govuk-frontend || $(MAKE) setup
	$(UV) run --group bench python -m benchmarks.load

format: sync
	$(UV) run ruff format .
	$(UV) run ruff check --fix .
