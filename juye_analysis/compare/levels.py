"""The levels above: reference targets (``data/reference/targets.csv``) and the amplification of
a county's targets against them (层层加码).
"""
from __future__ import annotations

import math
from pathlib import Path
import numpy as np
import pandas as pd
from .outcomes import _first
from .panel import _num


AMPLIFICATION_COLUMNS = ["county", "indicator", "name_zh", "name_en", "year", "county_growth_pct",
                         "county_value", "county_unit", "county_qualifier", "level", "jurisdiction",
                         "level_growth_pct", "level_value", "level_unit", "level_qualifier",
                         "gap_pp", "note", "source", "report_id", "sentence"]


REFERENCE_COLUMNS = ["level", "jurisdiction", "year", "indicator", "value", "unit", "growth_pct",
                     "qualifier", "statistic", "source", "note"]


def load_reference_targets(path: str | Path | None = None) -> pd.DataFrame:
    """The reference table of targets of higher levels (``data/reference/targets.csv``).

    Columns: level (national | provincial | municipal …), jurisdiction, year, indicator, value,
    unit, growth_pct, qualifier, statistic (the name of the statistic when an indicator key covers
    several, e.g. 城镇调查失业率 against 城镇登记失业率), source, note.
    """
    from ..errors import UserError
    from ..paths import reference_dir

    path = Path(path) if path else reference_dir() / "targets.csv"
    if not path.exists():
        return pd.DataFrame(columns=REFERENCE_COLUMNS)
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in ("level", "jurisdiction", "year", "indicator") if c not in df.columns]
    if missing:
        raise UserError(path, f"missing column(s): {', '.join(missing)}")
    for c in REFERENCE_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    for c in ("value", "growth_pct"):
        df[c] = pd.to_numeric(df[c].replace("", np.nan), errors="coerce")
    return df[REFERENCE_COLUMNS]


def amplification(panel: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """County targets next to the targets of the levels above for the same year and indicator.

    Columns: county, indicator, name_zh, name_en, year, county_growth_pct, county_value,
    county_unit, county_qualifier, level, jurisdiction, level_growth_pct, level_value, level_unit,
    level_qualifier, gap_pp (county − level, for growth rates and for rates in %), note, source,
    report_id, sentence. Levels are not comparable (a county's 亿斤 against a nation's 万亿斤):
    the gap is given only for growth rates and percentages, and only when both sides are the same
    statistic (a reference row naming its ``statistic`` must match the county's wording).
    """
    targets = _first(panel[panel["kind"] == "target"])
    merged = targets.merge(reference, left_on=["indicator", "period"],
                           right_on=["indicator", "year"], suffixes=("", "_ref"))
    rows = []
    for r in merged.itertuples(index=False):
        cg, lg = _num(r.growth_pct), _num(r.growth_pct_ref)
        cv, lv = _num(r.value), _num(r.value_ref)
        note = r.note
        statistic = getattr(r, "statistic", "") or ""
        alias = r.alias if isinstance(r.alias, str) else ""
        if statistic and statistic not in alias:
            gap = math.nan
            note = f"different statistics: the county states {alias or r.name_zh}, the reference {statistic}"
        elif not (math.isnan(cg) or math.isnan(lg)):
            gap = cg - lg
        elif str(r.unit) == "%" and str(r.unit_ref) == "%" and not (math.isnan(cv) or math.isnan(lv)):
            gap = cv - lv
        else:
            gap = math.nan
        rows.append({"county": r.county, "indicator": r.indicator, "name_zh": r.name_zh,
                     "name_en": r.name_en, "year": r.period, "county_growth_pct": cg,
                     "county_value": cv, "county_unit": r.unit, "county_qualifier": r.qualifier,
                     "level": r.level, "jurisdiction": r.jurisdiction, "level_growth_pct": lg,
                     "level_value": lv, "level_unit": r.unit_ref, "level_qualifier": r.qualifier_ref,
                     "gap_pp": round(gap, 6) if not math.isnan(gap) else math.nan,
                     "note": note, "source": r.source, "report_id": r.report_id,
                     "sentence": r.sentence})
    return pd.DataFrame(rows, columns=AMPLIFICATION_COLUMNS).astype({"year": "Int64"})
