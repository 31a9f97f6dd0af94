# The two commands of the README: `make run` and `make test`. Both set up what they need first.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help
# scripts/setup.sh is idempotent; its last line is the Python to use (.venv or the active conda env).
SETUP = py=$$(bash scripts/setup.sh | tail -n 1)

.PHONY: help setup data notebooks run test bench lab clean

help:
	@echo "make run    set up if needed, build every table, run every notebook, write the figures"
	@echo "make test   set up if needed, run the whole test suite (notebooks included)"
	@echo "make data   build the tables only (data/raw -> data/processed)"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make lab    open the notebooks in JupyterLab (passes --allow-root when run as root)"

setup:
	@$(SETUP)

data:
	@$(SETUP); "$$py" -m juye_analysis build

notebooks:
	@$(SETUP); "$$py" -m juye_analysis notebooks

run:
	@$(SETUP); "$$py" -m juye_analysis build && "$$py" -m juye_analysis notebooks

test:
	@$(SETUP); "$$py" -m pytest -n auto -m "slow or not slow"

bench:
	@$(SETUP); "$$py" bench/bench_build.py

# Jupyter refuses to start as root unless told --allow-root (containers, CI machines).
lab:
	@$(SETUP); "$$py" -m jupyter lab notebooks/ $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

clean:
	rm -rf build data/processed/* figures/*
	touch data/processed/.gitkeep figures/.gitkeep
