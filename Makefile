# `make run` and `make test` do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := data/sample/kommune.xlsx

.PHONY: run test lint typecheck bench sample clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/bydelsteam validate $(SAMPLE)
	$(BIN)/bydelsteam demand $(SAMPLE)
	@echo "Appen starter på http://localhost:8501 (stop med Ctrl+C)"
	$(BIN)/streamlit run app/main.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy optimiser scenarios app tests $(wildcard benchmarks)

test: $(STAMP) lint typecheck
	$(BIN)/pytest

sample: $(STAMP)
	$(BIN)/bydelsteam sample --scale 1 --seed 2025 --out $(SAMPLE)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --out docs/benchmarks.md

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
