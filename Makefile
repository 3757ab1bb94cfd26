# `make run` and `make test` do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := data/sample/kommune.xlsx

.PHONY: run test test-slow lint typecheck bench sample fuzz reliability exports-doc clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The app listens on this machine only; `make run HOST=0.0.0.0` opens it to the network (docs/access.md).
HOST ?= 127.0.0.1
PORT ?= 8501

run: $(STAMP)
	$(BIN)/bydelsteam validate $(SAMPLE)
	$(BIN)/bydelsteam demand $(SAMPLE)
	@echo "Appen starter på http://localhost:$(PORT) og lytter på $(HOST) (stop med Ctrl+C)"
	$(BIN)/streamlit run app/web/main.py --server.address $(HOST) --server.port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy optimiser scenarios app tests $(wildcard benchmarks)

# The slow tests (load and faults: processes that import OR-Tools) run in `make test-slow`, CI and `make reliability`.
test: $(STAMP) lint typecheck
	$(BIN)/pytest -m "not slow" --durations=15

test-slow: $(STAMP)
	$(BIN)/pytest -m slow --durations=15

sample: $(STAMP)
	$(BIN)/bydelsteam sample --scale 1 --seed 2025 --out $(SAMPLE)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --out docs/benchmarks.md
	$(BIN)/python -m benchmarks.startup --out docs/startup.md
	$(BIN)/python -m benchmarks.robust --out docs/benchmarks-robust.md  # 1,000 samples ×1, Ray scale-out 1/2/4

fuzz: $(STAMP)  # the workbook fuzzer's heavy profile: 2,000 damaged books, 100,000-row sheets
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/io/test_read_fuzz.py -p no:cacheprovider

reliability: test-slow  # bad inputs, degenerate data, faults and load -> docs/reliability.md
	PYTHONPATH=tests/helpers:. $(BIN)/python tests/reliability/report.py --out docs/reliability.md

exports-doc: $(STAMP)  # the deck's slide types and the paper's first page as PNGs for docs/exports.md
	$(BIN)/python -m benchmarks.exports_doc --out docs/img/exports

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
