"""Qualifiers of a number (左右, 以上, 以内 … from ``resources/qualifiers.csv``) and their
hardness: the one coding of it, used by the ``targets`` table and by ``target_outcome`` alike.
"""
from __future__ import annotations

import math
from functools import lru_cache
from ..resource_files import qualifiers  # noqa: F401  (the loader, used here and re-exported)


# a qualifier that yields to any other written with the same number (控制在3.4%以内 is 以内)
YIELDING = ("控制在",)


@lru_cache(maxsize=None)
def hardness_of() -> dict[str, str]:
    """qualifier → its hardness (point, around, floor, ceiling), from qualifiers.csv."""
    return dict(zip(qualifiers()["qualifier"], qualifiers()["hardness"]))


@lru_cache(maxsize=None)
def _precedence() -> dict[str, int]:
    """qualifier → its precedence (qualifiers.csv: the lowest of a number's qualifiers decides)."""
    return {q: int(p) for q, p in zip(qualifiers()["qualifier"], qualifiers()["precedence"])}


@lru_cache(maxsize=None)
def _qualifier_words() -> tuple[str, ...]:
    return tuple(qualifiers()["qualifier"])


def hardness(qualifier) -> str:
    """point | around | floor | ceiling | range, from a qualifier string as the quantities,
    targets and indicators tables write it ("以上", "约|以上", "range", "range|以上").

    "range" (a range such as 2-3处, marked by the scanner) gives range. Otherwise each qualifier
    of qualifiers.csv is coded by its ``hardness`` column, and when a number has several (约5%以上,
    控制在3%以内) the one with the lowest ``precedence`` decides (the first written on a tie):
    约…以上 is a floor. No qualifier, or none of qualifiers.csv (None, NaN, ""), gives point.
    """
    if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)):
        return "point"
    parts = [q for q in str(qualifier).split("|") if q]
    if "range" in parts:
        return "range"
    coded = [q for q in parts if q in hardness_of()]
    if not coded:
        return "point"
    return hardness_of()[min(coded, key=_precedence().__getitem__)]
