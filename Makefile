# Two commands do everything: `make demo` and `make test`. Each creates .venv when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint install clean

# The stage folders (flows/, extractors/, ...) install as subpackages of `wiretrace`
# (pyproject's package-dir); the editable install maps them, so new modules need no reinstall.
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
	$(BIN)/pytest -q

# mypy cannot see through the editable install's import hook: it checks a tree of symlinks
# with the installed layout (tools/typecheck_tree.py).
lint: install
	$(BIN)/ruff check .
	$(BIN)/python tools/typecheck_tree.py build/typecheck >/dev/null
	MYPYPATH=build/typecheck $(BIN)/mypy

clean:
	rm -rf $(VENV) build wiretrace.duckdb wiretrace.duckdb.lock wiretrace-archive .wiretrace-prefect
