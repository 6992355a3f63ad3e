# Parallel Reader — `make run` starts the app on the seed pair, `make test` runs every test.
# Both set up everything first: Debian packages (packaging/debian-deps.sh), a virtual environment, the package.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test bench clean
setup: $(STAMP)

$(STAMP): pyproject.toml
	bash packaging/debian-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: setup
	$(PY) -m reader $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: setup
	$(PY) benchmarks/alignment.py
	$(PY) benchmarks/speed.py

clean:
	rm -rf $(VENV) build dist *.egg-info artifacts

-include packaging/packaging.mk
