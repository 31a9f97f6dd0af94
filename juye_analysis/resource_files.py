"""Loaders for the resource files in ``juye_analysis/resources`` (data, not code), and their hashes.

Every loader is cached; ``resource_hashes()`` goes into ``build_info.json`` and into the build
cache key, so changing a dictionary rebuilds what depends on it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
import pandas as pd
from .paths import RESOURCES


def resource_path(name: str) -> Path:
    return RESOURCES / name


@lru_cache(maxsize=None)
def read_resource_csv(name: str) -> pd.DataFrame:
    """A resource CSV as strings (empty cells as "")."""
    return pd.read_csv(resource_path(name), dtype=str, keep_default_na=False, comment=None)


def resource_hashes() -> dict[str, str]:
    """sha256 of every resource file, by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(RESOURCES.iterdir()) if p.is_file() and not p.name.startswith(".")}


def _structure(kind: str) -> list[str]:
    df = read_resource_csv("structure.csv")
    return df.loc[df["kind"] == kind, "value"].tolist()


@lru_cache(maxsize=None)
def part_roles() -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for value in _structure("part_role"):
        role, _, keyword = value.partition(":")
        roles.setdefault(role, []).append(keyword)
    return {k: tuple(v) for k, v in roles.items()}


@lru_cache(maxsize=None)
def section_openers() -> tuple[str, ...]:
    return tuple(_structure("section_opener"))


@lru_cache(maxsize=None)
def admin_prefixes() -> tuple[str, ...]:
    return tuple(_structure("admin_prefix"))
