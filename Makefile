# The two commands a newcomer needs:  make start  (the workbook on example data)  and  make test.
# Both create the virtual environment .venv and install the locked versions when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8866

.PHONY: start serve lab test lint notebooks lock bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## start: the workbook on a fresh copy of the example proeftuin, at http://127.0.0.1:$(PORT)/
start: $(STAMP)
	$(BIN)/leven serve --demo --port $(PORT)

## serve: the workbook on your own data (data/leven.sqlite, or LEVEN_DATABASE_URL)
serve: $(STAMP)
	$(BIN)/leven serve --port $(PORT)

## lab: JupyterLab on notebooks/analyse/ with your store (DATA=file or URL; DATA=example: the example)
lab: $(STAMP)
	$(BIN)/leven lab $(if $(filter example,$(DATA)),--example,$(if $(DATA),--data "$(DATA)"))

## test: every test: lint, layering, unit, widget, store, nbval on all notebooks, browser
test: $(STAMP)
	$(BIN)/ruff check leven tests benchmarks tools conftest.py
	$(BIN)/lint-imports --no-cache --no-logo
	LEVEN_TEST_DATA="$(DATA)" $(BIN)/python -m pytest --nbval --nbval-current-env -p no:cacheprovider

## notebooks: re-run the analysis notebooks on the example data and save their outputs
##            (DATA=file-or-URL: on other data, written to data/analyses/)
notebooks: $(STAMP)
	LEVEN_ANALYSIS_DATA="$(DATA)" $(BIN)/python tools/execute_analyses.py

## lock: pin the versions again after changing pyproject.toml
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e ".[test]"
	(echo "# Exact versions the workbook is tested with (make lock regenerates it from pyproject.toml)."; \
	 .venv-lock/bin/python -m pip freeze --exclude-editable) > requirements.lock
	rm -rf .venv-lock

## bench: the benchmarks (figures and ratios; never part of the tests)
bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) data/demo
