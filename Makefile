# Two commands do everything: `make demo` and `make test`. Each creates .venv when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# The stage folders (flows/, extractors/, ...) install as subpackages of `wiretrace`
# (pyproject's package-dir). A strict editable install links each file into build/, the one
# tree where `wiretrace.flows` exists, so mypy and the tests import exactly what users do; a new
# module or data file is linked by reinstalling, which these prerequisites trigger.
PACKAGE_FILES := $(shell find wiretrace sources extractors corroboration warehouse reports flows \
	-type f -not -name '*.pyc' -not -path '*/__pycache__/*' 2>/dev/null)
EDITABLE = $(wildcard build/__editable__.wiretrace-*)

.PHONY: demo test lint install clean

$(BIN)/wiretrace: pyproject.toml $(PACKAGE_FILES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# An old pip installs trafilatura without lxml_html_clean: upgrade pip first.
	$(BIN)/python -m pip install --quiet --upgrade pip
	rm -rf build/__editable__.wiretrace-*
	$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=strict
	touch $(BIN)/wiretrace

install: $(BIN)/wiretrace

demo: install
	$(BIN)/wiretrace run --demo

# `pytest`, not `python -m pytest`: the latter puts the repository on sys.path, where
# wiretrace/ has no flows/ beside it.
test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	MYPYPATH=$(EDITABLE) $(BIN)/mypy

clean:
	rm -rf $(VENV) build wiretrace.duckdb wiretrace.duckdb.lock wiretrace-archive .wiretrace-prefect
