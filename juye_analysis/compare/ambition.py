"""Target ambition: each target against the outcome of the year before, as the previous report
stated it.
"""
from __future__ import annotations

import math
import pandas as pd
from .outcomes import _first, _index
from .panel import _num


AMBITION_COLUMNS = ["county", "indicator", "name_zh", "name_en", "period", "target_growth_pct",
                    "qualifier", "previous_period", "previous_growth_pct", "ambition_pp",
                    "target_value", "previous_value", "unit", "report_id", "target_sentence",
                    "previous_report_id", "previous_sentence"]


def target_ambition(panel: pd.DataFrame) -> pd.DataFrame:
    """Each growth target against the previous year's actual growth (GDP target 6% 左右 after
    6.9% achieved: ambition −0.9 pp). The previous actual comes from the same report's review,
    else from any report of the same county.

    Columns: county, indicator, name_zh, name_en, period, target_growth_pct, qualifier,
    previous_period, previous_growth_pct, ambition_pp (target − previous), target_value,
    previous_value, unit, report_id, target_sentence, previous_report_id, previous_sentence.
    """
    targets = _first(panel[panel["kind"] == "target"])
    stated = _index(panel[panel["kind"] == "actual"].sort_values(["report_year", "sentence"], kind="stable"),
                    ["county", "indicator", "period"])
    rows = []
    for t in targets.itertuples(index=False):
        prev = stated.get((t.county, t.indicator, t.period - 1), [])
        same = [p for p in prev if p["report_id"] == t.report_id]
        p = (same or prev or [None])[0]
        tg = _num(t.growth_pct)
        pg = _num(p["growth_pct"]) if p is not None else math.nan
        rows.append({"county": t.county, "indicator": t.indicator, "name_zh": t.name_zh,
                     "name_en": t.name_en, "period": t.period, "target_growth_pct": tg,
                     "qualifier": t.qualifier, "previous_period": t.period - 1,
                     "previous_growth_pct": pg, "ambition_pp": round(tg - pg, 6),
                     "target_value": _num(t.value),
                     "previous_value": _num(p["value"]) if p is not None else math.nan,
                     "unit": t.unit, "report_id": t.report_id, "target_sentence": t.sentence,
                     "previous_report_id": p["report_id"] if p is not None else None,
                     "previous_sentence": p["sentence"] if p is not None else pd.NA})
    return pd.DataFrame(rows, columns=AMBITION_COLUMNS).astype({"period": "Int64", "previous_period": "Int64"})
