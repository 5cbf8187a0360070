# The two commands a fresh machine needs: `make run` and `make test`.
# Each bootstraps uv from PyPI with pip when it is missing, then lets uv install the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")

.PHONY: help bootstrap sync run test lint typecheck importlint pytest format bench

help:
	@echo "make run   - score the Standard's worked example with the tri command line"
	@echo "make test  - lint, type-check, check layers and run every test"

bootstrap:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet --user uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv

sync: bootstrap
	@$(UV) sync --frozen --quiet

run: sync
	$(UV) run tri score examples/worked-example-category-1.yaml

lint: sync
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck: sync
	$(UV) run mypy

importlint: sync
	$(UV) run lint-imports

pytest: sync
	$(UV) run pytest

test: lint typecheck importlint pytest

format: sync
	$(UV) run ruff format .
	$(UV) run ruff check --fix .
