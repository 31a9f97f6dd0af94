"""Quantities → canonical indicators (``resources/indicators.csv``), targets and rank claims,
and the views of them that notebooks and the command line show.
"""
from .aliases import indicator_defs, alias_map, find_aliases  # noqa: F401
from .match import INDICATOR_COLUMNS, indicators_table  # noqa: F401
from .ranks import RANK_COLUMNS, find_rank_claims, rank_claims_table  # noqa: F401
from .targets import TARGET_COLUMNS, targets_table  # noqa: F401
from .views import CLI_COLUMNS, indicators_for_display, choose_report_with_targets, headline_table, growth_vs_target, to_base, STRUCTURE_RATIOS, structure_ratios, county_structure_ratios, audit_table  # noqa: F401
