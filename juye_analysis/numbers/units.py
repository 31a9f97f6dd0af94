"""Units and scales (``resources/units.csv``, ``scales.csv``) and the one conversion of a value
as written into base units.
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

