# The two set-up commands of the README: `make run` and `make test`. Both create .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds

.PHONY: run test bench install install-test clean services malloc

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

HOST ?= 127.0.0.1
PORT ?= 8000

# The main job: build the knowledge base from the seeds (embedded stores under ./data), print its
# summary and the audit's findings per document, then serve the API on http://$(HOST):$(PORT)/docs.
run: install malloc
	$(BIN)/kb build $(SEEDS)
	$(BIN)/kb stats
	$(BIN)/kb serve --host $(HOST) --port $(PORT)

test: install-test services malloc
	$(BIN)/python -m pytest

# Benchmarks print figures; none is a test. bench-api starts its own server on loopback.
bench: install malloc
	$(BIN)/python bench/extract.py $(SEEDS)
	for n in 100 1000 10000; do $(BIN)/kb bench --docs $$n --results bench/results || exit 1; done
	$(BIN)/python bench/api_load.py --seeds $(SEEDS)

clean:
	rm -rf $(VENV) data

# Servers the test suite talks to (ArcadeDB's Bolt server, Virtuoso): installed and started by
# the project's own script, idempotently, so CI on a fresh machine has them.
services:
	bash scripts/services.sh install

# jemalloc, the allocator `kb` runs under when installed (kb/allocator.py); optional, never fails.
malloc:
	bash scripts/jemalloc.sh
