# Targets explain themselves: `make help`.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: help demo test test-embedded test-postgres lint bench install clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[prod,test,lint]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)  ## Create .venv and install the project with its pinned dependencies

demo: $(STAMP)  ## Run a hub and three municipal nodes on this machine (SQLite, no servers)
	$(BIN)/python -m deploy.demo

test: test-embedded  ## Run every test suite on the embedded defaults (SQLite, filesystem broker)

test-embedded: $(STAMP)
	SOCIALHUB_TEST_BACKEND=embedded $(BIN)/python -m tests.run

test-postgres: $(STAMP)  ## Run every test suite on PostgreSQL and RabbitMQ at 127.0.0.1
	SOCIALHUB_TEST_BACKEND=postgres $(BIN)/python -m tests.run

bench: $(STAMP)  ## Measure envelope throughput, demo start-up and sync latency (prints figures)
	$(BIN)/python -m tests.bench.envelope_throughput
	$(BIN)/python -m tests.bench.catalogue_latency

lint: $(STAMP)  ## ruff, mypy (strict), schemas against the models, the compatibility gate
	$(BIN)/python -m contracts.schema_export --check
	$(BIN)/python -m contracts.compat
	$(BIN)/python -m contracts.vectors --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=hub.config.settings $(BIN)/mypy contracts hub deploy
	DJANGO_SETTINGS_MODULE=node.config.settings $(BIN)/mypy node

clean:  ## Remove the demo's state and caches
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
