# mlmkit: the two commands are `make lab` and `make test` (see README.md).
# Everything runs from a project-local virtual environment in .venv, made with python3 -m venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_ARGS ?=
NB_TIMEOUT ?= 180
# Extra pip options for make setup, e.g. a lab with no internet (see README, "An offline lab"):
#   make test PIP_OPTS="--no-index --find-links build/wheelhouse"
PIP_OPTS ?=
WHEELHOUSE := build/wheelhouse
# Python keeps compiled modules (.pyc in __pycache__, ignored by git) even where the shell sets
# PYTHONDONTWRITEBYTECODE: otherwise every process of make test (pytest lanes, notebook kernels,
# Jupyter) compiles again each module it imports, since setup does not byte-compile (--no-compile).
unexport PYTHONDONTWRITEBYTECODE
# Keep Jupyter's state inside the project instead of $HOME.
JUPYTER_ENV := JUPYTER_CONFIG_DIR=$(CURDIR)/build/jupyter/config \
	JUPYTER_RUNTIME_DIR=$(CURDIR)/build/jupyter/runtime \
	JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/build/jupyter/lab-settings \
	JUPYTERLAB_WORKSPACES_DIR=$(CURDIR)/build/jupyter/lab-workspaces \
	IPYTHONDIR=$(CURDIR)/build/jupyter/ipython

.PHONY: setup lab test unit lint notebooks bench student html site answers slides wheelhouse clean help \
	lab-check page-check site-check page-site-check screenshots unit-first unit-rest notebooks-first notebooks-rest \
	test-a test-b test-c test-d test-e test-f lab-check-first lab-check-rest unit-second

help:
	@echo "make lab    - set up .venv and open the notebooks in JupyterLab (LAB_ARGS=--no-browser for headless)"
	@echo "make test   - set up .venv and run every test: ruff, unit tests, doctests, notebooks, browser checks"
	@echo "make screenshots - look at every notebook in JupyterLab and as exported pages; PNGs in build/screenshots/"
	@echo "make bench  - run the speed benchmarks and write benchmarks/results.md"
	@echo "make student - write student copies of the notebooks (solutions removed) to build/student/"
	@echo "make html   - export the notebooks to offline HTML pages in build/html/"
	@echo "make site   - the readers' site (kernel-free explorers, glossary) in build/site/"
	@echo "make answers - the instructors' answer key in build/answers/ (not for students)"
	@echo "make slides - the lecture part of each notebook as offline reveal.js slides in build/slides/"
	@echo "make wheelhouse - download every wheel the suite needs into build/wheelhouse/ (for an offline lab)"

setup: $(STAMP)

# pip and the build backend come first, so the project installs without an isolated build
# environment (no second download of setuptools). --no-compile: nothing is byte-compiled at
# install time; Python compiles each module the first time it is imported and keeps the .pyc
# (about a third of the 100 MB of installed sources is ever imported by make test). Importing
# those modules once at the end of setup was tried: the lanes' start-up then cost 28 instead
# of 47 s CPU, but the import step cost 15-18 s CPU before the lanes could start (lanes that
# start together already share much of the compiling), so it was left out.
$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-compile $(PIP_OPTS) --upgrade pip "setuptools>=77"
	$(BIN)/python -m pip install --quiet --no-compile --no-build-isolation $(PIP_OPTS) \
		-c requirements/constraints.txt -e ".[notebooks,test]"
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp tools/lab_overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

# Jupyter refuses to run as root unless told to (containers, lab machines).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(JUPYTER_ENV) $(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check mlmkit tests tools benchmarks notebooks
	$(BIN)/python tools/check_notebooks.py notebooks
	$(BIN)/mypy

# The browser checks (tests/test_lab.py, tests/test_offline_pages.py) run in their own targets below.
BROWSER_TESTS := --ignore=tests/test_lab.py --ignore=tests/test_offline_pages.py --ignore=tests/test_site.py
EXPORT_DIR := build/html
# make test runs the unit tests in three processes so both cores stay busy to the end: these
# files (the fuzz tests and the engine's property tests, after the lint) in one, the other test files from
# test_n* on in a second, every other file and the doctests (new ones included) in the third.
# Whole files, so a module's tallies stay in one process. (Two processes left the last one
# running alone for the last 15-20 s of a fresh-clone make test; the quick benchmark run moved
# from the first to the third when the lint lane ended last by about 27 s.)
UNIT_FIRST := tests/test_widgets_fuzz.py tests/test_cli_fuzz.py tests/test_fuzz_public_api.py tests/test_engine_speed.py
BROWSER_FILES := tests/test_lab.py tests/test_offline_pages.py tests/test_site.py
UNIT_SECOND := $(filter-out $(UNIT_FIRST) $(BROWSER_FILES),$(sort $(wildcard tests/test_[n-z]*.py)))
# The money check of each executed notebook reads what nbval's run left in build/executed, so
# make test runs it after that run (in page-site-check), where a missing copy fails instead of
# being skipped; unit-rest, which runs beside nbval, leaves it out.
AFTER_NOTEBOOKS := tests/test_money_format.py::test_executed_notebook_outputs
# Processes that never read a notebook skip nbval's plugin (it imports nbformat, jsonschema and
# jupyter_client at start-up: about a second each time).
NO_NBVAL := -p no:nbval
# Optional timing of each part of make test, e.g. make test TIMED="/usr/bin/time -f '%e s wall, %U+%S s cpu: %C'"
TIMED ?=

unit: $(STAMP)
	$(TIMED) $(BIN)/python -m pytest -q $(NO_NBVAL) tests mlmkit $(BROWSER_TESTS)

unit-first: $(STAMP)
	$(TIMED) $(BIN)/python -m pytest -q $(NO_NBVAL) $(UNIT_FIRST)

unit-second: $(STAMP)
	$(TIMED) $(BIN)/python -m pytest -q $(NO_NBVAL) $(UNIT_SECOND)

unit-rest: $(STAMP)
	$(TIMED) $(BIN)/python -m pytest -q $(NO_NBVAL) tests mlmkit $(BROWSER_TESTS) $(addprefix --ignore=,$(UNIT_FIRST)) \
		$(addprefix --ignore=,$(UNIT_SECOND)) --deselect $(AFTER_NOTEBOOKS)

# nbval runs each notebook once (with the static-page chart renderer); tools/nbval_export.py
# keeps what it ran and writes the offline pages to $(EXPORT_DIR), so the page check below
# looks at them without executing the notebooks again.
NB_PATHS ?= notebooks
notebooks: $(STAMP)
	mkdir -p build/jupyter $(EXPORT_DIR)
	$(JUPYTER_ENV) MLMKIT_ALTAIR_RENDERER=html MLMKIT_EXPORT_DIR=$(EXPORT_DIR) PYTHONPATH=tools \
		$(TIMED) $(BIN)/python -m pytest -q -p no:cacheprovider -p mlmkit._fast_import -p nbval_export --nbval-lax \
		--nbval-sanitize-with tools/nbval_sanitize.cfg \
		--nbval-cell-timeout=$(NB_TIMEOUT) $(NB_PATHS) -o addopts="" -o testpaths=""

# The same in two processes side by side, for make test's lane b: every other notebook in
# each (each notebook, new ones too, in exactly one), so the page and site checks that need
# all of them start sooner. Each notebook still runs once, in its own kernel.
NB_FILES := $(sort $(wildcard notebooks/*.ipynb))
NB_FIRST := $(shell printf '%s\n' $(NB_FILES) | awk 'NR % 2')
notebooks-first: $(STAMP)
	$(MAKE) notebooks NB_PATHS="$(NB_FIRST)"

notebooks-rest: $(STAMP)
	$(MAKE) notebooks NB_PATHS="$(filter-out $(NB_FIRST),$(NB_FILES))"

# Live JupyterLab in Chromium: every notebook run, looked at, every control moved.
lab-check: $(STAMP)
	$(JUPYTER_ENV) $(TIMED) $(BIN)/python -m pytest -q $(NO_NBVAL) tests/test_lab.py

# The same in two halves, each with its own JupyterLab and Chromium, for make test's lanes:
# the second half is the complement of the first, so every Lab test (new ones too) runs once.
LAB_FIRST := 00_ or 01_ or 03_ or 06_
lab-check-first: $(STAMP)
	$(JUPYTER_ENV) $(TIMED) $(BIN)/python -m pytest -q $(NO_NBVAL) tests/test_lab.py -k "$(LAB_FIRST)"

lab-check-rest: $(STAMP)
	$(JUPYTER_ENV) $(TIMED) $(BIN)/python -m pytest -q $(NO_NBVAL) tests/test_lab.py -k "not ($(LAB_FIRST))"

# The exported pages in Chromium (from `make notebooks`; exported here when missing).
page-check: $(STAMP)
	MLMKIT_EXPORTED_DIR=$(EXPORT_DIR) $(BIN)/python -m pytest -q tests/test_offline_pages.py

# The readers' site and the slides in Chromium (builds build/site once; executed notebooks are
# cached in build/executed and shared with make site, make answers and make student).
site-check: $(STAMP)
	$(JUPYTER_ENV) $(BIN)/python -m pytest -q tests/test_site.py

# Both of the above in one process (one start-up, one Chromium), as make test runs them, with
# the money check of each executed notebook (make notebooks must have run first).
page-site-check: $(STAMP)
	$(JUPYTER_ENV) MLMKIT_EXPORTED_DIR=$(EXPORT_DIR) MLMKIT_REQUIRE_EXECUTED=1 \
		$(TIMED) $(BIN)/python -m pytest -q tests/test_offline_pages.py tests/test_site.py $(AFTER_NOTEBOOKS)

screenshots: $(STAMP)
	rm -rf build/screenshots
	MLMKIT_SCREENSHOTS=1 $(MAKE) notebooks page-check site-check lab-check
	@echo "screenshots: build/screenshots/lab/<notebook>/ (scroll positions, every control change)"
	@echo "             build/screenshots/html/ (the exported pages), build/screenshots/site/ (the readers' site)"

# Six lanes for the 2-core machine, so that both cores stay busy until the end.
# Each notebook is executed once for the checks that do not need a live kernel: by nbval
# (lane b), which fills build/executed, so the exported pages, the site and the slides are
# built from that run. The live-Lab check (lanes a and e, two halves) runs the notebooks in Lab's own kernels,
# since it runs them as a reader does (live charts) and moves every control; it mostly waits on
# the browser and the kernel, so the lint and the three parts of the unit tests (lanes c, d, f)
# use the processor meanwhile.
test-a: $(STAMP)
	$(MAKE) lab-check-first

test-e: $(STAMP)
	$(MAKE) lab-check-rest

test-b: $(STAMP)
	$(MAKE) -j2 --output-sync=recurse notebooks-first notebooks-rest
	$(MAKE) page-site-check

test-c: $(STAMP)
	$(TIMED) $(MAKE) lint
	$(MAKE) unit-first

test-d: $(STAMP)
	$(MAKE) unit-rest

test-f: $(STAMP)
	$(MAKE) unit-second

# make test saves no screenshots (MLMKIT_SCREENSHOTS=0): every check is the same, but nobody
# looks at a test run's pictures and encoding them cost about a third of the live-Lab checks'
# processor time; make screenshots writes them.
test: $(STAMP)
	MLMKIT_SCREENSHOTS=0 $(MAKE) -j6 --output-sync=recurse test-a test-b test-c test-d test-e test-f

# The benchmarks run with the optional compiled placement loops (the 'fast' extra, numba);
# the report says which placement path ran. make test does not need them.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet $(PIP_OPTS) -c requirements/constraints.txt -e ".[fast]"
	$(BIN)/python benchmarks/run.py

student: $(STAMP)
	$(JUPYTER_ENV) $(BIN)/python tools/make_student_notebooks.py notebooks build/student

html: $(STAMP)
	$(JUPYTER_ENV) $(BIN)/python tools/export_html.py notebooks build/html

site: $(STAMP)
	$(JUPYTER_ENV) $(BIN)/python tools/build_site.py site notebooks build/site

answers: $(STAMP)
	$(JUPYTER_ENV) $(BIN)/python tools/build_site.py answers notebooks build/answers

slides: $(STAMP)
	$(JUPYTER_ENV) $(BIN)/python tools/build_slides.py notebooks build/slides

# Run where the package index is reachable; copy the project folder (with build/wheelhouse) to the lab.
wheelhouse:
	mkdir -p $(WHEELHOUSE)
	$(PYTHON) -m pip download --dest $(WHEELHOUSE) -c requirements/constraints.txt \
		pip "setuptools>=77" wheel ".[notebooks,test,fast]"
	@echo "wheels in $(WHEELHOUSE): $$(ls $(WHEELHOUSE) | wc -l)"

clean:
	rm -rf $(VENV) build
