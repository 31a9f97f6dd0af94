# The two commands of the README: `make run` and `make test`. Both set up what they need first.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help
# scripts/setup.sh is idempotent; its last line is the Python to use (.venv or the active conda env).
SETUP = py=$$(bash scripts/setup.sh | tail -n 1)

# `make run` writes the focal report's figures in Chinese and English; `make run LANG=zh` in one
# language. Only a LANG given on the command line chooses: the environment's LANG is the locale
# (and is then not passed on, so that Python keeps a UTF-8 locale).
ifeq ($(origin LANG),command line)
RUN_LANGS := $(LANG)
unexport LANG
else
RUN_LANGS := zh en
endif
NOTEBOOKS = for lang in $(RUN_LANGS); do "$$py" -m juye_analysis notebooks -p lang=$$lang || exit $$?; done

.PHONY: help setup data notebooks run test bench lab clean

help:
	@echo "make run    set up if needed, build every table, run every notebook, write the figures (zh and en;"
	@echo "            make run LANG=zh for one language)"
	@echo "make test   set up if needed, run the whole test suite (notebooks included)"
	@echo "make data   build the tables only (data/raw -> data/processed)"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make lab    open the notebooks in JupyterLab (passes --allow-root when run as root)"

setup:
	@$(SETUP)

data:
	@$(SETUP); "$$py" -m juye_analysis build

notebooks:
	@$(SETUP); $(NOTEBOOKS)

run:
	@$(SETUP); "$$py" -m juye_analysis build && $(NOTEBOOKS)

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
