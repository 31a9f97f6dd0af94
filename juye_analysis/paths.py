"""Every path the project uses, anchored to the package (never to the current directory).

Set ``JUYE_DATA_DIR`` to point the package at another data folder (it must hold ``raw/`` and
``processed/``); ``JUYE_FIGURES_DIR`` moves the figures. Tests and notebooks run under papermill
use these to work on a copy of the data.
"""
from __future__ import annotations

import os
from pathlib import Path


PACKAGE_DIR = Path(__file__).resolve().parent


PROJ_ROOT = PACKAGE_DIR.parent


RESOURCES = PACKAGE_DIR / "resources"


NOTEBOOKS = PROJ_ROOT / "notebooks"


def data_dir() -> Path:
    return Path(os.environ.get("JUYE_DATA_DIR", PROJ_ROOT / "data")).resolve()


def raw_dir() -> Path:
    return data_dir() / "raw"


def processed_dir() -> Path:
    return data_dir() / "processed"


def reference_dir() -> Path:
    return data_dir() / "reference"


def figures_dir() -> Path:
    return Path(os.environ.get("JUYE_FIGURES_DIR", PROJ_ROOT / "figures")).resolve()


def executed_notebooks_dir() -> Path:
    return Path(os.environ.get("JUYE_EXECUTED_DIR", PROJ_ROOT / "build" / "notebooks")).resolve()


def exports_dir() -> Path:
    """Where ``export`` writes when not given --out (``JUYE_EXPORT_DIR`` moves it)."""
    return Path(os.environ.get("JUYE_EXPORT_DIR", PROJ_ROOT / "build" / "export")).resolve()


def cache_dir() -> Path:
    """Per-user writable cache (jieba's dictionary cache, the build cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    path = Path(base) / "juye-analysis"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only home: fall back to the project's build folder
        path = PROJ_ROOT / "build" / "cache"
        path.mkdir(parents=True, exist_ok=True)
    return path
