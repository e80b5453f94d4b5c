# The two set-up commands of the README: `make run` and `make test`. Both create .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds

.PHONY: run test bench install install-test clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

# The main job: read the seeds and print the summary.
run: install
	$(BIN)/kb extract $(SEEDS)

test: install-test services
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/extract.py $(SEEDS)

clean:
	rm -rf $(VENV) data

# Servers the test suite talks to (ArcadeDB's Bolt server, Virtuoso): installed and started by
# the project's own script, idempotently, so CI on a fresh machine has them.
services:
	bash scripts/services.sh install
