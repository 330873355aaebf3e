# Work in Twente: every target sets up what it needs (virtualenv, npm packages, Chromium).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
OUTPUT ?= output

.PHONY: java pdf-libs guide-status guide-stamp nightly new-company check-pr bench-fetch fetch-fidelity docs setup chromium serve build build-published test validate messages fetch nightly bench bench-search search-eval clean help

help:
	@echo "make serve     build the demo site and serve it on http://localhost:$(PORT)/"
	@echo "make test      run the whole test suite (Python, node and headless Chromium)"
	@echo "make validate  check all content files"
	@echo "make messages  extract UI strings and update the translation catalogues"
	@echo "make guide-status  Welcome Guide chapters per language: ok, missing, outdated, stale"
	@echo "make guide-stamp FILE=content/guides/x.nl.md  mark a translation as made from the current source"
	@echo "make docs      regenerate docs/fields.md and the issue forms from the schema"
	@echo "make fetch     pull vacancy feeds into content/vacancies/ (COMPANY=slug for one)"
	@echo "make bench     build speed against plain Pelican, warm rebuild, memory, 5x scale (BENCH_ARGS=--no-scale: quick)"
	@echo "make nightly   fetch, validate, build and publish atomically into PUBLISH=published/site"
	@echo "make new-company   scaffold a company profile from a few questions"
	@echo "make bench-search  bytes and time to the first search result in Chromium, demo to 10,000 vacancies"
	@echo "make search-eval   recall and false hits of the search evaluation sets, vs naive lunr"
	@echo "make bench-fetch   200 feeds on local servers with 200 ms latency: download time against the ideal"
	@echo "make fetch-fidelity  fields the fetcher gets right against a reference normalisation of a corpus"

$(VENV)/.stamp: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests (never a browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium first: sudo apt-get install -y chromium" >&2; exit 1; fi; }

# Pango and a font for WeasyPrint (the Welcome Guide PDF), from Debian like Chromium.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libs: $(VENV)/.stamp
	@$(PY) -c 'import weasyprint' 2>/dev/null && [ -d /usr/share/fonts/truetype/dejavu ] \
	  && /sbin/ldconfig -p | grep -q libharfbuzz-subset || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(PDF_LIBS) >/dev/null; \
	  elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $(PDF_LIBS) >/dev/null; \
	  else echo "Install Pango for the guide PDF first: sudo apt-get install -y $(PDF_LIBS)" \
	    "(or build without the PDF: GUIDE_PDF = False in pelicanconf.py)" >&2; exit 1; fi; }

# A Java runtime for the Nu HTML checker (vnu.jar from npm), from Debian like Chromium.
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Install Java first: sudo apt-get install -y default-jre-headless" >&2; exit 1; fi; }

setup: $(VENV)/.stamp node_modules/.stamp

# Absolute URLs (Open Graph, JSON-LD, sitemap, feeds) of a local build name the port it is served on.
build: setup pdf-libs
	$(PY) scripts/validate.py
	$(VENV)/bin/pelican content -s pelicanconf.py -o $(OUTPUT) --fatal warnings \
	  -e 'SEO_LOCAL_SITEURL="http://localhost:$(PORT)"'

build-published: setup pdf-libs
	$(VENV)/bin/pelican content -s publishconf.py -o $(OUTPUT) --fatal warnings

# scripts/serve.py answers missing pages with the site's own 404 page, in the path's language.
serve: build
	$(PY) scripts/serve.py $(OUTPUT) --port $(PORT)

test: setup chromium java pdf-libs
	$(PY) -m pytest

validate: $(VENV)/.stamp
	$(PY) scripts/validate.py

messages: $(VENV)/.stamp
	$(PY) scripts/update_translations.py

# Welcome Guide: status table (STRICT=1: exit 1 unless all ok); stamp a translation after updating it.
guide-status: $(VENV)/.stamp
	$(PY) scripts/guide_status.py $(if $(STRICT),--strict)

guide-stamp: $(VENV)/.stamp
	@test -n "$(FILE)" || { echo "usage: make guide-stamp FILE=content/guides/<chapter>.<lang>.md [FROM=en] [REVIEWED=1]" >&2; exit 2; }
	$(PY) scripts/guide_status.py --stamp $(FILE) $(if $(FROM),--from $(FROM)) $(if $(REVIEWED),--reviewed)

fetch: $(VENV)/.stamp
	$(PY) scripts/fetch_vacancies.py --report build/fetch-report.json $(if $(COMPANY),--company $(COMPANY))

# Fetch, validate, build and publish atomically into $(PUBLISH) (the old site stays on failure).
PUBLISH ?= published/site
nightly: setup pdf-libs
	$(PY) scripts/nightly.py --target $(PUBLISH)

new-company: $(VENV)/.stamp
	$(PY) scripts/new_company.py

# AUTHOR=github-name [BASE=origin/main]: the ownership check the PR workflow runs.
check-pr: $(VENV)/.stamp
	$(PY) scripts/check_pr.py --author $(AUTHOR) --base $(or $(BASE),origin/main)

bench-fetch: $(VENV)/.stamp
	$(PY) scripts/bench_fetch.py

fetch-fidelity: $(VENV)/.stamp
	$(PY) scripts/fetch_fidelity.py

bench: setup pdf-libs
	$(PY) scripts/bench_build.py $(BENCH_ARGS)

bench-search: setup chromium
	$(PY) scripts/bench_search.py

search-eval: $(VENV)/.stamp
	$(PY) scripts/search_eval.py

clean:
	rm -rf $(OUTPUT) .pytest_cache

# The field reference and the issue forms, both generated from the schema.
docs: $(VENV)/.stamp
	$(PY) scripts/schema_docs.py
	$(PY) scripts/issue_forms.py
