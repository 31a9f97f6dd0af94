"""The indicator panel: every indicator value of every report, long and keyed, with its wide
form and the export for Stata, R and spreadsheets.
"""
from __future__ import annotations

import math
from pathlib import Path
import pandas as pd
from .. import resource_files as resources
from ..spreadsheet import escape_frame


PANEL_COLUMNS = ["county", "division_code", "indicator", "name_zh", "name_en", "period", "kind",
                 "value", "unit", "growth_pct", "qualifier", "estimated", "report_id", "report_year",
                 "completeness", "sentence", "alias"]


def _num(x) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan
    return v


def _indicator_names() -> pd.DataFrame:
    return resources.indicators()[["indicator", "name_zh", "name_en"]]


def indicator_panel(indicators: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Long panel of every indicator value from every report.

    Columns: county, division_code, indicator, name_zh, name_en, period, kind (actual | target),
    value, unit, growth_pct, qualifier, estimated, report_id, report_year, completeness, sentence,
    alias (the name as written in the report). Keyed by (county, indicator, period, kind, report_id): the same outcome can be stated in two
    reports (an estimate, then the final figure), and both stay.
    """
    meta = reports[["report_id", "county", "division_code", "report_year", "completeness"]]
    df = indicators.merge(meta, on="report_id", how="left")
    for col in PANEL_COLUMNS:
        if col not in df.columns:
            df[col] = pd.NA
    df = df[PANEL_COLUMNS].copy()
    df["period"] = pd.to_numeric(df["period"], errors="coerce").astype("Int64")
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce").astype("Int64")
    return df.sort_values(["county", "indicator", "period", "kind", "report_year"], kind="stable",
                          ignore_index=True)


def panel_wide(panel: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A wide view for papers: one row per (county, indicator), one column per period and kind,
    showing the growth rate (%) where the report gives one, else the level with its unit."""
    df = panel.drop_duplicates(["county", "indicator", "period", "kind"], keep="last").copy()

    def cell(r):
        if pd.notna(r["growth_pct"]):
            return f"{r['growth_pct']:g}%" + (str(r["qualifier"]) if pd.notna(r["qualifier"]) and r["qualifier"] else "")
        if pd.notna(r["value"]):
            return f"{r['value']:g}{r['unit'] if pd.notna(r['unit']) else ''}" + (
                str(r["qualifier"]) if pd.notna(r["qualifier"]) and r["qualifier"] else "")
        return ""

    df["cell"] = df.apply(cell, axis=1) if len(df) else []
    kinds = {"actual": "实际" if lang == "zh" else "actual", "target": "目标" if lang == "zh" else "target"}
    df["column"] = df["period"].astype(str) + " " + df["kind"].map(kinds)
    name = "name_zh" if lang == "zh" else "name_en"
    wide = df.pivot_table(index=["county", "indicator", name], columns="column", values="cell",
                          aggfunc="first", fill_value="")
    return wide.reset_index().rename_axis(columns=None)


def export_panel(panel: pd.DataFrame, stem: str | Path) -> list[Path]:
    """Write the panel as ``STEM.csv`` (UTF-8 with BOM), ``STEM.parquet`` and ``STEM.dta``
    (Stata 15+, UTF-8 strings). Returns the paths. In the CSV a text cell that Excel would read as
    a formula gets a leading apostrophe (:mod:`juye_analysis.spreadsheet`); Parquet and .dta keep
    the exact text."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    out = [stem.with_suffix(".csv"), stem.with_suffix(".parquet"), stem.with_suffix(".dta")]
    escape_frame(panel).to_csv(out[0], index=False, encoding="utf-8-sig")
    panel.to_parquet(out[1], index=False)
    to_stata(panel, out[2])
    return out


def to_stata(df: pd.DataFrame, path: str | Path) -> None:
    """Stata .dta (version 118: UTF-8 strings); nullable columns become float/str for Stata."""
    data = df.copy()
    for col in data.columns:
        s = data[col]
        if pd.api.types.is_bool_dtype(s):
            data[col] = s.astype("float64")
        elif pd.api.types.is_numeric_dtype(s):
            data[col] = pd.to_numeric(s, errors="coerce").astype("float64")
        else:
            data[col] = s.astype(object).where(s.notna(), "").astype(str)
    data.to_stata(path, write_index=False, version=118)
