"""The corpus-wide comparison tables of the build: panel, target against outcome, ambition,
amplification.
"""
from __future__ import annotations

from pathlib import Path
import pandas as pd
from .levels import amplification, load_reference_targets
from .panel import indicator_panel
from .ambition import target_ambition
from .outcomes import target_series, target_vs_outcome


def comparison_tables(tables, reports: pd.DataFrame, raw: Path | None = None) -> dict[str, pd.DataFrame]:
    """Corpus-wide comparison tables for the build: indicator_panel, target_outcome,
    target_series, target_ambition, amplification (with ``reference/targets.csv`` beside the raw folder, else
    data/reference/targets.csv)."""
    if "indicators" not in tables:
        return {}
    panel = indicator_panel(tables["indicators"], reports)
    outcomes = target_vs_outcome(panel, reports)
    ref = Path(raw).parent / "reference" / "targets.csv" if raw else None
    return {
        "indicator_panel": panel,
        "target_outcome": outcomes,
        "target_series": target_series(outcomes, reports),
        "target_ambition": target_ambition(panel),
        "amplification": amplification(panel, load_reference_targets(ref if ref and ref.exists() else None),
                                       reports),
    }
