"""Qualifiers of a number (左右, 以上, 以内 … from ``resources/qualifiers.csv``) and their
hardness, the one coding of it.
"""
from __future__ import annotations

from functools import lru_cache
from ..resource_files import qualifiers  # noqa: F401  (the loader, used here and re-exported)


@lru_cache(maxsize=None)
def hardness_of() -> dict[str, str]:
    return dict(zip(qualifiers()["qualifier"], qualifiers()["hardness"]))


@lru_cache(maxsize=None)
def _qualifier_words() -> tuple[str, ...]:
    return tuple(qualifiers()["qualifier"])


def hardness(qualifier: str) -> str:
    """point | around | floor | ceiling | range, from a qualifier string ("以上", "range", "约|以上")."""
    parts = [q for q in str(qualifier or "").split("|") if q]
    if "range" in parts:
        return "range"
    kinds = {hardness_of().get(q, "") for q in parts} - {""}
    if not kinds:
        return "point"
    for k in ("ceiling", "floor", "around"):
        if k in kinds:
            return k
    return "point"
