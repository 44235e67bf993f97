# Two commands do all the set-up on a fresh machine with Python 3.11 and make:
#   make reports   create .venv if missing, install, ingest data/raw/, print a corpus summary
#   make test      create .venv if missing, install, run the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: reports ingest test lint lock clean

reports: ingest
	$(BIN)/vnpolicy summary --data data/processed

ingest: $(INSTALLED)
	$(BIN)/vnpolicy ingest data/raw --out data/processed

test: $(INSTALLED)
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# Exact versions of everything installed: regenerate after changing pyproject's dependencies.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^vnpolicy' > requirements.lock
	rm -rf .lock-venv

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) data/processed/*.parquet data/processed/*.json
