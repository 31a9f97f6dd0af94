"""Units and scales (``resources/units.csv``, ``scales.csv``) and the one conversion of a value
as written into base units: :func:`unit_in_base` and what is built on it (:func:`base_unit`,
:func:`to_base`, :func:`convert`); no other module converts units.
"""
from __future__ import annotations

import math
from decimal import Decimal
from ..resource_files import scales, units  # noqa: F401  (the loaders, used here and re-exported)


def _exact_product(*factors: float) -> float:
    product = Decimal(1)
    for f in factors:
        if f != f:  # NaN
            return math.nan
        product *= Decimal(repr(f))
    return float(product)


def unit_in_base(unit_written: str) -> tuple[float, str] | None:
    """(factor, base unit) of a unit as written: "亿元" → (1e8, "元"), "万亩" → (1e4, "亩"),
    "公顷" → (15, "亩"); None for a unit not in units.csv."""
    for s in sorted(scales(), key=len, reverse=True):
        rest = unit_written[len(s):]
        if unit_written.startswith(s) and rest in units():
            return scales()[s] * units()[rest][1], units()[rest][0]
    if unit_written in units():
        return units()[unit_written][1], units()[unit_written][0]
    return None


def base_unit(unit_written: str) -> str:
    """The base unit of a unit as written ("亿元" → "元", "公顷" → "亩"); "" for an unknown one."""
    found = unit_in_base(unit_written)
    return found[1] if found else ""


def to_base(value: float, unit_written: str) -> float:
    """A value as written (447.6, "亿元") in base units (4.476e10 元); NaN if the unit is unknown."""
    found = unit_in_base(unit_written)  # in decimal: 35.3亿元 is 3530000000 元, not 3529999999.9999995
    return _exact_product(float(value), found[0]) if found else math.nan


def convert(value: float, unit_from: str, unit_to: str) -> float:
    """0.69万人 → 6900 人, 亿元 → 万元 …: the same base unit at another scale; NaN when the base
    units differ or a unit is unknown (units.csv, scales.csv)."""
    a, b = unit_in_base(unit_from), unit_in_base(unit_to)
    if a is None or b is None or a[1] != b[1]:
        return math.nan
    return value * a[0] / b[0]
