# Source Compare: set-up, tests, benchmarks and packages.
# `make run` and `make test` are all a fresh clone needs; both create .venv/ on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet
export PIP_NO_INPUT := 1

.PHONY: run test bench package clean help

help:
	@echo "make run      open Source Compare (creates .venv/ on first use)"
	@echo "make test     run the whole test suite (GUI tests offscreen)"
	@echo "make bench    run the speed and memory benchmarks"
	@echo "make package  build the wheel, sdist and the one-folder bundle into dist/"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Source Compare needs Python 3.11 or newer; set PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.installed-package: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[package]'
	@touch $@

run: $(VENV)/.installed
	@bash tools/system-deps.sh check-gui
	$(PY) -m viewer

test: $(VENV)/.installed-test
	@bash tools/system-deps.sh install-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

package: $(VENV)/.installed-package
	bash packaging/build.sh

clean:
	rm -rf build dist .pytest_cache .hypothesis
