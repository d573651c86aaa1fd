# Two commands on a fresh machine (Python >= 3.11 and make): `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PLUGINS := $(wildcard plugins/*/pyproject.toml)
DEMO   := var/demo
DB     := $(DEMO)/esup.sqlite

.PHONY: help install demo test lint typecheck pytest docs bench bench-100k fuzz clean

help:
	@echo "make demo   - build the sample township, check it, write the reports (SQLite)"
	@echo "make test   - ruff, mypy --strict, pytest, docs build with warnings as errors"
	@echo "make bench  - benchmarks (writes var/bench/results.json)"
	@echo "make bench-100k - the same at 100,000 penalty cases (var/bench/results-100k.json)"
	@echo "make fuzz   - nightly: fuzzing with 50,000 rows and 10 kill -9 trials per kind, 3 databases"

$(STAMP): pyproject.toml $(PLUGINS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs,postgresql,mysql,xlsx,docx,distributed]' \
		$(foreach p,$(PLUGINS),-e $(dir $(p)))
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/python -m enforcement_supervision.sample --out $(DEMO)/township
	$(BIN)/esup --db $(DB) init
	$(BIN)/esup --db $(DB) import $(DEMO)/township/*.jsonl
	$(BIN)/esup --config $(DEMO)/township/esup.toml --db $(DB) check --as-of 2025-12-31 --fail-on none
	$(BIN)/esup --config $(DEMO)/township/esup.toml --db $(DB) report --format html --out $(DEMO)/report.html
	$(BIN)/esup --config $(DEMO)/township/esup.toml --db $(DB) report --format notice --out $(DEMO)/notices
	$(BIN)/esup --config $(DEMO)/township/esup.toml --db $(DB) report --format xlsx --out $(DEMO)/ledger.xlsx
	@echo
	@echo "demo database:  $(abspath $(DB))"
	@echo "HTML report:    $(abspath $(DEMO)/report.html)"
	@echo "notices:        $(abspath $(DEMO)/notices)"
	@echo "ledger (XLSX):  $(abspath $(DEMO)/ledger.xlsx)"
	@echo "fonts:          the HTML pages need a CJK font (fonts-wqy-microhei or fonts-noto-cjk);"
	@echo "                without one Chinese shows as empty boxes. Notices ask for 仿宋/小标宋"
	@echo "                and fall back to SimSun or a serif CJK font."

lint: install
	$(BIN)/ruff check src tests plugins benchmarks docs/examples
	$(BIN)/ruff format --check src tests plugins benchmarks docs/examples

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest -q

docs: install
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html

test: lint typecheck pytest docs

# make bench [BENCH_DB=postgresql+psycopg://postgres@127.0.0.1:5432/esup_bench]
#            [BENCH_ARGS='--cases 100000']
# BENCH_DB empty: a fresh SQLite file, results in var/bench/results.json; otherwise that database
# is dropped and created again, results in var/bench/results-<backend>.json (see run.py --help).
BENCH_DB   ?=
BENCH_ARGS ?=
bench: install
	mkdir -p var/bench
	$(BIN)/python benchmarks/run.py $(if $(BENCH_DB),--db '$(BENCH_DB)',--out var/bench/results.json) $(BENCH_ARGS)

# make bench-100k [BENCH_DB=...] [BENCH_ARGS=...]: the same steps and table at 100,000 penalty
# cases (run.py --large; data kept in var/bench-100k, results in var/bench/results-100k*.json).
bench-100k: install
	mkdir -p var/bench
	$(BIN)/python benchmarks/run.py --large $(if $(BENCH_DB),--db '$(BENCH_DB)',) $(BENCH_ARGS)

# make fuzz [FUZZ_ROWS=50000] [FAULT_TRIALS=10] [ESUP_TEST_BACKENDS=sqlite,postgresql,mariadb]
# Nightly-style: the fuzz tests (every test whose name, module or marker says "fuzz": the
# Hypothesis fuzz test reads ESUP_FUZZ_ROWS) and the fault test (kill -9 of esup check and
# schedule run-due, ESUP_FAULT_TRIALS trials per kind and database). The database servers
# must be reachable (ESUP_REQUIRE_DB_BACKENDS=1): a skipped backend would look green.
FUZZ_ROWS    ?= 50000
FAULT_TRIALS ?= 10
FUZZ_SELECT  ?= fuzz or fault_kills
fuzz: install
	ESUP_FUZZ_ROWS=$(FUZZ_ROWS) ESUP_FAULT_TRIALS=$(FAULT_TRIALS) ESUP_REQUIRE_DB_BACKENDS=1 \
		$(BIN)/pytest -q -p no:cacheprovider tests plugins -k "$(FUZZ_SELECT)"

clean:
	rm -rf $(VENV) var docs/_build .mypy_cache .ruff_cache .pytest_cache
