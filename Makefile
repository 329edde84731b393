# Targets explain themselves: `make help`.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
NPM    := $(shell command -v npm)
TOOLS  := node_modules/.installed

.PHONY: help demo test test-embedded test-postgres lint bench bench-register bench-statistics bench-statistics-node bench-dashboard fuzz install docs contracts-alone clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[server,prod,test,lint,dp]'
	rm -f $(VENV)/.installed-* && touch $@

# Node.js packages: the charting library the ministry's pages serve (ECharts), and the tools the tests
# use (the AsyncAPI parser, playwright-core); without npm the pages have no charts and those tests are skipped.
$(TOOLS): package-lock.json
	@if [ -n "$(NPM)" ]; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: tests that need Node.js tools will be skipped"; fi

install: $(STAMP) $(TOOLS)  ## Create .venv and node_modules with the pinned dependencies

demo: $(STAMP) $(TOOLS)  ## Run a hub and nine municipal nodes on this machine (SQLite, no servers)
	$(BIN)/python -m deploy.demo

test: test-embedded  ## Run every test suite on the embedded defaults (SQLite, filesystem broker)

test-embedded: $(STAMP) $(TOOLS)
	SOCIALHUB_TEST_BACKEND=embedded $(BIN)/python -m tests.run

test-postgres: $(STAMP) $(TOOLS)  ## Run every test suite on PostgreSQL and RabbitMQ at 127.0.0.1
	SOCIALHUB_TEST_BACKEND=postgres $(BIN)/python -m tests.run

bench: $(STAMP)  ## Measure envelope throughput, demo start-up and sync latency (prints figures)
	$(BIN)/python -m tests.bench.envelope_throughput
	$(BIN)/python -m tests.bench.catalogue_latency

bench-register: $(STAMP)  ## Measure the register's reads at 100,000 people on PostgreSQL (prints figures)
	$(BIN)/python -m tests.bench.register_latency

bench-statistics: $(STAMP)  ## Measure the hub's statistics at 1,000 nodes × 24 months on PostgreSQL (prints figures)
	$(BIN)/python -m tests.bench.statistics_hub

bench-statistics-node: $(STAMP)  ## Measure a node computing and protecting a period for 100,000 people (prints figures)
	$(BIN)/python -m tests.bench.statistics_node

bench-dashboard: $(STAMP) $(TOOLS)  ## Measure the ministry's dashboard in Chromium over bench-statistics' data (prints figures)
	$(BIN)/python -m tests.bench.ministry_dashboard

fuzz: $(STAMP)  ## Fuzz the signature and envelope parsers with atheris for FUZZ_SECONDS (default 60)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	$(BIN)/python -m tests.fuzz.parsers -max_total_time=$${FUZZ_SECONDS:-60}

# Where this branch left main: the compatibility gate compares each published schema with itself there.
COMPAT_BASE = $(shell git merge-base HEAD main 2>/dev/null)

soak: $(STAMP)  ## Run the demo's hub and nine nodes under traffic for 30 minutes (prints figures)
	$(BIN)/python -m tests.bench.soak --minutes 30

lint: $(STAMP)  ## ruff, mypy (strict), schemas against the models, the compatibility gate
	$(BIN)/python -m contracts.schema_export --check
	SOCIALHUB_DATA_DIR=$$(mktemp -d) $(BIN)/python -m hub.manage makemigrations --check --dry-run
	SOCIALHUB_DATA_DIR=$$(mktemp -d) $(BIN)/python -m node.manage makemigrations --check --dry-run
	$(BIN)/python -m contracts.compat $(if $(COMPAT_BASE),--against $(COMPAT_BASE))
	$(BIN)/python -m contracts.vectors --check
	$(BIN)/python -m contracts.asyncapi --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=hub.config.settings $(BIN)/mypy contracts common hub deploy
	DJANGO_SETTINGS_MODULE=node.config.settings $(BIN)/mypy node

contracts-alone:  ## Install only the contracts into an empty venv and import every module
	rm -rf var/contracts-alone && $(PYTHON) -m venv var/contracts-alone
	var/contracts-alone/bin/python -m pip install --quiet --upgrade pip
	var/contracts-alone/bin/python -m pip install --quiet . && rm -rf build  # setuptools builds in-tree
	cd var && contracts-alone/bin/python -c "import importlib, importlib.util, pkgutil, contracts; \
	  [importlib.import_module('contracts.' + m.name) for m in pkgutil.iter_modules(contracts.__path__)]; \
	  assert importlib.util.find_spec('django') is None, 'django was installed'; \
	  print('contracts alone:', len(list(pkgutil.iter_modules(contracts.__path__))), 'modules import; no Django')"

docs: $(STAMP)  ## Regenerate the committed contract documents: schemas, vectors, AsyncAPI, OpenAPI
	$(BIN)/python -m contracts.schema_export
	$(BIN)/python -m contracts.vectors
	$(BIN)/python -m contracts.asyncapi
	for role in hub node; do \
	  SOCIALHUB_ENV=test DJANGO_SETTINGS_MODULE=$$role.config.settings $(BIN)/python -m $$role.manage \
	    spectacular --validate --fail-on-warn --format openapi-json --file docs/api/$$role.openapi.json; \
	done

clean:  ## Remove the demo's state and caches
	rm -rf var .pytest_cache .mypy_cache .ruff_cache node_modules
