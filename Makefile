# Two commands do everything: `make demo` and `make test`. Each creates .venv when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint install clean

$(BIN)/wiretrace: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# An old pip installs trafilatura without lxml_html_clean: upgrade pip first.
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/wiretrace

install: $(BIN)/wiretrace

demo: install
	$(BIN)/wiretrace run --demo

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) wiretrace.duckdb wiretrace.duckdb.lock wiretrace-archive .wiretrace-prefect
