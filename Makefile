# Hearth: `make demo` runs the demo community, `make test` runs the whole suite.
# Needs Python 3.11+, Node.js/npm and make. Everything else is installed here.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
HEARTH := $(VENV)/bin/hearth

.PHONY: setup demo serve test lint browser-deps messages bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --quiet
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.synced node_modules/.installed
	$(HEARTH) compile_catalogs

demo: setup
	$(HEARTH) demo $(ARGS)

serve: setup
	$(HEARTH) serve $(ARGS)

browser-deps:
	@scripts/browser-deps.sh

lint: setup
	$(VENV)/bin/ruff check hearth tests bench
	$(VENV)/bin/mypy hearth

test: setup browser-deps
	scripts/test.sh

bench: setup
	$(VENV)/bin/python bench/topic_page.py

clean:
	rm -rf $(VENV) $(TOOLS) node_modules var staticfiles
