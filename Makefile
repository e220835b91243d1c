# The two commands of the README: `make course` and `make test`.
# Everything else is a convenience for maintainers.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JOBS   ?=

.PHONY: course test test-fast help lab serve preview present bench-room check clean bench lint format install figures handouts lock scorm pptx decks lighthouse

course: install           ## execute every lesson and write _build/site/
	$(PY) -m course build $(if $(JOBS),--jobs $(JOBS))

test: install $(VENV)/.test-installed   ## the whole pytest suite, browser tests included
	$(PY) -m pytest --durations=10

test-fast: install $(VENV)/.test-installed   ## the tests that start no kernel, browser, JupyterLab or mypy, and need no network (about 20 s)
	$(PY) -m pytest -m "not slow and not browser and not network"

help:                     ## list these targets
	@awk -F':.*## ' '/^[a-z-]+:.*## / { printf "  make %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

check: install            ## validate all content without executing anything
	$(PY) -m course check

lab: install              ## open the lessons in JupyterLab (127.0.0.1, lesson 00; works as root)
	$(PY) -m course lab

serve: install            ## serve _build/site on http://127.0.0.1:8000
	$(PY) -m course serve

preview: install          ## serve the site on http://127.0.0.1:8000 and rebuild it as you save (page first, live reload)
	$(PY) -m course preview $(if $(PORT),--port $(PORT))

bench: install $(VENV)/.test-installed   ## time the build against plain nbconvert and Jupyter Book 1, the kernels' CPU by phase, the preview (prints tables; about 20 min)
	$(PY) scripts/bench.py $(if $(RUNS),--runs $(RUNS))

# Lighthouse (npm, exact version: 13.x needs Node 22) lives in .lighthouse/, outside the
# project's npm dependencies: only this benchmark needs it, never a build or the test suite.
LIGHTHOUSE_VERSION := 12.2.3
lighthouse: course        ## Lighthouse mobile scores and layout shift of every page (about 5 min; installs lighthouse in .lighthouse/)
	test -x .lighthouse/node_modules/.bin/lighthouse || npm install --prefix .lighthouse --no-audit --no-fund --save-exact lighthouse@$(LIGHTHOUSE_VERSION)
	$(PY) scripts/lighthouse.py $(if $(RUNS),--runs $(RUNS))

present: install          ## teach a live room: phones answer the class deck's questions (after make course; DECK=04-the-research for a lesson's deck)
	$(PY) -m course present $(DECK)

bench-room: install $(VENV)/.test-installed   ## the live room with 300 simulated phones, and a server killed mid-question (after make course)
	$(PY) scripts/room_bench.py

scorm: install            ## the built site as two SCORM 1.2 packages for an LMS (after make course)
	$(PY) -m course scorm

pptx: course              ## every deck as an editable PowerPoint file in _build/handouts/pptx/
	$(PY) -m course pptx

decks: course             ## per deck: slides, continued share, title-only, notes (the room targets)
	$(PY) -m course decks

handouts: course $(VENV)/.test-installed   ## PDFs of every deck and lesson page (needs /usr/bin/chromium)
	$(PY) scripts/handouts.py

figures: course           ## every lesson figure in figures/ (PNG + SVG, readable names; figures.csv: alt text, captions)
	$(PY) -m course figures

clean:                    ## remove build output and caches (keeps .venv)
	rm -rf _build

lint: $(VENV)/.test-installed   ## ruff check, format check and mypy
	$(VENV)/bin/ruff check course scripts tests
	$(VENV)/bin/ruff format --check course scripts tests
	$(VENV)/bin/mypy

format: $(VENV)/.test-installed ## ruff format and fix
	$(VENV)/bin/ruff format course scripts tests
	$(VENV)/bin/ruff check --fix course scripts tests

install: $(VENV)/.installed node_modules/.installed

# Exactly the locked versions, checked against their hashes; then the course package
# itself (editable, no dependencies of its own to resolve).
$(VENV)/.installed: requirements.txt requirements.lock pyproject.toml setup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

lock:                     ## re-resolve requirements.lock from pyproject.toml (pip-tools, hashes)
	rm -rf _build/lock-venv && $(PYTHON) -m venv _build/lock-venv
	_build/lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	_build/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --extra build --extra lab \
	  --output-file requirements.lock pyproject.toml

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@
