"""Every number of a normalised text: numerals, units and scales, qualifiers, the scanner and
the noun phrase each number measures (the ``quantities`` table).
"""
from .lexicon import words  # noqa: F401
from .numerals import CN_DIGITS, CN_SMALL, CN_BIG, numeral_names, parse_arabic, parse_chinese  # noqa: F401
from .phrases import noun_phrase  # noqa: F401
from .qualifiers import qualifiers, hardness_of, hardness  # noqa: F401
from .scanner import parse_quantities  # noqa: F401
from .table import QUANTITY_COLUMNS, quantities_table, frame  # noqa: F401
from .units import units, unit_in_base, scales, base_unit, to_base, convert  # noqa: F401
