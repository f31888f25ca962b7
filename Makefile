# Every target uses the project's own virtualenv in .venv; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= vedette.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint bench install install-test web gazetteer sample serve clean

demo: install web gazetteer sample serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

vedette/web/node_modules/.package-lock.json: vedette/web/package-lock.json
	cd vedette/web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web: vedette/web/node_modules/.package-lock.json

gazetteer: install
	$(BIN)/vedette gazetteer build

sample: install
	$(BIN)/vedette run vedette/data/sample --db $(DB)

serve: install web
	$(BIN)/vedette serve --db $(DB) --host $(HOST) --port $(PORT)

test: install-test web lint
	bash scripts/install-system-deps.sh
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check vedette tests bench scripts
	$(BIN)/mypy

bench: install-test
	$(BIN)/vedette bench --docs 2000 --scaling --out bench/results

clean:
	rm -rf $(VENV) vedette/web/node_modules build .pytest_cache
