"""Comparisons across reports: the indicator panel, targets against outcomes, ambition,
the levels above (amplification), keyness and text reuse.
"""
from .ambition import AMBITION_COLUMNS, target_ambition  # noqa: F401
from .comparable import COMPARABLE_COLUMNS, pair_comparability, bind_comparability, comparability_note  # noqa: F401
from .keyness import KEYNESS_COLUMNS, CAVEAT, keyness, theme_shift, consecutive_pairs, latest_pair, serial_map, keyness_tables  # noqa: F401
from .levels import AMPLIFICATION_COLUMNS, REFERENCE_COLUMNS, load_reference_targets, amplification  # noqa: F401
from .outcomes import OUTCOME_COLUMNS, hardness, target_status, target_vs_outcome  # noqa: F401
from .panel import PANEL_COLUMNS, PANEL_KEY, indicator_panel, panel_wide, panel_reshape_wide, write_panel, export_panel, to_stata  # noqa: F401
from .reuse import REUSE_COLUMNS, K, text_reuse, reuse_summary, reuse_tables  # noqa: F401
from .tables import comparison_tables  # noqa: F401
