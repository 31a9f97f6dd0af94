"""The indicator panel: every indicator value of every report, long and keyed, with its wide
form and the export for Stata, R and spreadsheets.
"""
from __future__ import annotations

import math
from pathlib import Path
import pandas as pd
from .. import resource_files as resources
from ..numbers.units import base_unit, to_base
from ..read.divisions import division_parents
from ..spreadsheet import escape_frame


PANEL_COLUMNS = ["county", "division_code", "province_code", "city_code", "indicator", "name_zh",
                 "name_en", "period", "kind", "value", "unit", "value_base", "unit_base",
                 "growth_pct", "growth_low", "growth_high", "qualifier", "average_growth_pct",
                 "average_qualifier", "average_period_start", "estimated", "conflicting",
                 "report_id", "report_year", "completeness", "sentence", "sentence_ids",
                 "n_statements", "alias"]


PANEL_KEY = ["county", "indicator", "period", "kind", "report_id"]


def _num(x) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan
    return v


def _text(x) -> str:
    return "" if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) else str(x)


def _indicator_names() -> pd.DataFrame:
    return resources.indicators()[["indicator", "name_zh", "name_en"]]


def _one(values: list) -> tuple[object, bool]:
    """The one value that several statements give (None when none gives one) and whether they
    disagree (then None: a number that is unsure is left out)."""
    distinct = list(dict.fromkeys(values))
    if len(distinct) > 1:
        return None, True
    return (distinct[0] if distinct else None), False


def _collapse(rows: list[dict]) -> dict:
    """One panel row from the statements (indicator rows, in sentence order) of one key."""
    annual = [r for r in rows if not r["_average"]]
    average = [r for r in rows if r["_average"]]
    out = dict(rows[0])
    levels = [(r["value"], _text(r["unit"])) for r in rows if not math.isnan(_num(r["value"]))]
    # the same level written in two units (0.69万人, 6900人) is one value: compare in base units
    by_base = {}
    for v, u in levels:
        b = to_base(v, u)
        by_base.setdefault((round(b, 6), base_unit(u)) if not math.isnan(b) else (v, u), (v, u))
    level, level_conflict = _one(list(by_base))
    value, unit = by_base[level] if level is not None else (math.nan, "")
    growth, growth_conflict = _one([_num(r["growth_pct"]) for r in annual
                                    if not math.isnan(_num(r["growth_pct"]))])
    # a range of growth (6.5%－7%): its bounds, stated alike by every statement or left out
    bounds, range_conflict = _one([(_num(r.get("growth_low")), _num(r.get("growth_high")))
                                   for r in annual if not math.isnan(_num(r.get("growth_low")))])
    low, high = bounds if bounds is not None else (math.nan, math.nan)
    avg, avg_conflict = _one([_num(r["growth_pct"]) for r in average
                              if not math.isnan(_num(r["growth_pct"]))])
    quals = [_text(r["qualifier"]) for r in annual if _text(r["qualifier"])]
    avg_quals = [_text(r["qualifier"]) for r in average if _text(r["qualifier"])]
    starts = [r["_period_start"] for r in average if pd.notna(r["_period_start"])]
    sentences = sorted({int(r["sentence"]) for r in rows if pd.notna(r["sentence"])})
    out.update(
        value=value, unit=unit if level is not None else (_text(rows[0]["unit"]) if not levels else ""),
        growth_pct=math.nan if growth is None else growth, growth_low=low, growth_high=high,
        # a qualifier with no number left to qualify (the numbers disagreed) is left out with them
        qualifier=quals[0] if quals and (level is not None or growth is not None or not math.isnan(low)) else "",
        average_growth_pct=math.nan if avg is None else avg,
        average_qualifier=avg_quals[0] if avg_quals else "",
        average_period_start=starts[0] if starts else pd.NA,
        estimated=any(bool(r["estimated"]) for r in rows if pd.notna(r["estimated"])),
        conflicting=level_conflict or growth_conflict or avg_conflict or range_conflict,
        sentence=sentences[0] if sentences else pd.NA, sentence_ids=sentences,
        n_statements=len(rows))
    return out


def indicator_panel(indicators: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Long panel of every indicator value from every report, one row per key (county, indicator,
    period, kind, report_id), so that Stata's ``isid`` and ``reshape wide`` work on it.

    Columns: county, division_code, province_code and city_code (the division's province and
    prefecture city, from ``divisions.csv``: the keys to join with yearbook data), indicator,
    name_zh, name_en, period, kind (actual | target), value and unit (as written: 447.6, 亿元),
    value_base and unit_base (the value in the base unit of its dimension, units.csv and
    scales.csv: 4.476e10, 元; empty for a unit they do not know),
    growth_pct and qualifier (one year's growth and the qualifier written with the numbers:
    左右, 以上 …), growth_low and growth_high (a growth stated as a range, 6.5%－7%: its bounds,
    growth_pct then empty), average_growth_pct, average_qualifier, average_period_start (an average annual
    growth from average_period_start to period: 年均增长11%), estimated (bool, 预计), conflicting
    (bool: the statements of the key give different numbers; each such number is left out),
    report_id, report_year, completeness, sentence (the first sentence stating the key),
    sentence_ids (every sentence stating it: a target restated later in the report is one row),
    n_statements (the indicator rows collapsed), alias (the name as written in the first one).
    The same outcome stated in two reports (an estimate, then the final figure) stays as two rows
    (two report_ids).
    """
    meta = reports[["report_id", "county", "division_code", "report_year", "completeness"]].copy()
    parents = [division_parents(c) for c in meta["division_code"].fillna("")]
    meta["province_code"] = [p for p, _ in parents]
    meta["city_code"] = [c for _, c in parents]
    df = indicators.merge(meta, on="report_id", how="left")
    df["_average"] = (df["average_annual"].fillna(False).astype(bool) if "average_annual" in df.columns
                      else False)
    df["_period_start"] = df["period_start"] if "period_start" in df.columns else pd.NA
    for col in PANEL_COLUMNS:
        if col not in df.columns:
            df[col] = pd.NA
    df["period"] = pd.to_numeric(df["period"], errors="coerce").astype("Int64")
    order = ["sentence"] + (["start"] if "start" in indicators.columns else [])
    df = df.sort_values(order, kind="stable")
    rows = [_collapse(g) for g in _groups(df.to_dict("records"))]
    out = pd.DataFrame(rows, columns=list(df.columns)) if rows else df.iloc[0:0].copy()
    out["value_base"] = [to_base(v, _text(u)) if not math.isnan(_num(v)) else math.nan
                         for v, u in zip(out["value"], out["unit"])]
    out["unit_base"] = [base_unit(_text(u)) if not math.isnan(b) else ""
                        for u, b in zip(out["unit"], out["value_base"])]
    out = out[PANEL_COLUMNS].copy()
    out = out.astype({"period": "Int64", "value": "float64", "value_base": "float64",
                      "growth_pct": "float64", "growth_low": "float64", "growth_high": "float64",
                      "average_growth_pct": "float64",
                      "estimated": "bool", "conflicting": "bool", "n_statements": "int64"})
    for col in ("report_year", "average_period_start", "sentence"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    if not out["sentence"].isna().any():  # every indicator row has its sentence
        out["sentence"] = out["sentence"].astype("int64")
    for col in ("province_code", "city_code", "unit", "qualifier", "average_qualifier", "unit_base"):
        out[col] = out[col].map(_text)
    return out.sort_values(["county", "indicator", "period", "kind", "report_year"], kind="stable",
                           ignore_index=True)


def _groups(records: list[dict]) -> list[list[dict]]:
    """The records grouped by the panel key, in the order each key first appears."""
    groups: dict[tuple, list[dict]] = {}
    for r in records:
        groups.setdefault(tuple(_text(r[k]) for k in PANEL_KEY), []).append(r)
    return list(groups.values())


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


# reshape wide: one row per (county, indicator, kind, report_id), these columns once per period
# (value_base2023, growth_pct2023 …), as Stata's `reshape wide STUBS, i(I) j(period)` makes them
WIDE_STUBS = ["value_base", "unit_base", "growth_pct", "qualifier", "estimated"]
WIDE_I = ["county", "indicator", "kind", "report_id"]
# what is constant within an i (kept once, beside it); division columns when the panel has them
WIDE_CONSTANT = ["division_code", "level", "province_code", "city_code", "name_zh", "name_en",
                 "report_year", "completeness"]


def panel_reshape_wide(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel reshaped wide on ``period`` (Stata's ``reshape wide``): one row per (county,
    indicator, kind, report_id); columns WIDE_I, the constant columns the panel has (division_code,
    level, province_code, city_code, name_zh, name_en, report_year, completeness), then
    ``STUB{period}`` for each stub of WIDE_STUBS (value_base, unit_base, growth_pct, qualifier,
    estimated) and each period, periods in order. A period a row does not state is missing
    (estimated: missing, not false)."""
    constant = [c for c in WIDE_CONSTANT if c in panel.columns]
    base = panel.drop_duplicates(WIDE_I)[WIDE_I + constant].reset_index(drop=True)
    periods = sorted(int(p) for p in panel["period"].dropna().unique())
    indexed = panel.set_index(WIDE_I + ["period"])
    cols = {}
    for period in periods:
        at = indexed.xs(period, level="period")
        for stub in WIDE_STUBS:
            cols[f"{stub}{period}"] = base.join(at[stub], on=WIDE_I)[stub]
    out = pd.concat([base, pd.DataFrame(cols, index=base.index)], axis=1)
    for period in periods:  # booleans stay boolean where stated (nullable)
        out[f"estimated{period}"] = out[f"estimated{period}"].astype("boolean")
    return out.sort_values(WIDE_I, kind="stable", ignore_index=True)


EXPORT_FORMATS = ("dta", "csv", "parquet")


def write_panel(panel: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """Write a panel (long or :func:`panel_reshape_wide`) as ``fmt``: ``csv`` (UTF-8 with BOM;
    booleans true/false like the processed tables; list cells joined by ``;``; formula-like text
    escaped, :mod:`juye_analysis.spreadsheet`), ``parquet`` (exact types, lists kept) or ``dta``
    (:func:`to_stata`). Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        out = panel.copy()
        for col in out.columns:
            if pd.api.types.is_bool_dtype(out[col]):
                out[col] = out[col].map({True: "true", False: "false"}).astype(object)
        escape_frame(out).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n",
                                 float_format="%.15g")  # 10000000000, not 1e+10
    elif fmt == "parquet":
        panel.to_parquet(path, index=False)
    elif fmt == "dta":
        to_stata(panel, path)
    else:
        raise ValueError(f"format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}")
    return path


def export_panel(panel: pd.DataFrame, stem: str | Path) -> list[Path]:
    """Write the panel as ``STEM.csv``, ``STEM.parquet`` and ``STEM.dta`` (:func:`write_panel`).
    Returns the paths."""
    stem = Path(stem)
    return [write_panel(panel, stem.with_suffix(f".{fmt}"), fmt) for fmt in ("csv", "parquet", "dta")]


def _stata_label(column: str, labels: dict) -> str:
    """A column's variable label; a wide column (value_base2023) gets its stub's, with the year."""
    if column in labels:
        return labels[column][0]
    for stub in WIDE_STUBS:
        year = column[len(stub):]
        if column.startswith(stub) and year.isdigit() and stub in labels:
            return f"{labels[stub][0]}, {year}"[:80]
    return ""


def to_stata(df: pd.DataFrame, path: str | Path) -> None:
    """Stata .dta (version 118: UTF-8 strings) with a variable label on every column
    (``resources/panel_variables.csv``, English) and value labels where that file gives codes
    (kind: 1 actual, 2 target; completeness: 1 full, 2 partial) and every value has one. Booleans
    become 0/1 (int8); whole numbers without a gap int32 (else double, gaps as Stata's missing);
    list cells text joined by ``;``; other text str, missing as ""."""
    from ..spreadsheet import join_list

    labels = resources.panel_variables()
    data, value_labels = pd.DataFrame(index=df.index), {}
    for col in df.columns:
        s = df[col]
        codes = labels.get(col, ("", {}))[1]
        if pd.api.types.is_bool_dtype(s) and not s.isna().any():
            data[col] = s.astype("int8")
        elif pd.api.types.is_bool_dtype(s):  # nullable (a wide column): 0/1, missing as .
            data[col] = s.astype("Float64").astype("float64")
        elif pd.api.types.is_integer_dtype(s) and not s.isna().any():
            data[col] = s.astype("int32")
        elif pd.api.types.is_numeric_dtype(s):
            data[col] = pd.to_numeric(s, errors="coerce").astype("float64")
        elif codes and set(s.dropna().map(str)) - {""} <= set(codes.values()):
            code_of = {text: code for code, text in codes.items()}
            data[col] = s.map(lambda v: code_of.get(str(v), math.nan) if pd.notna(v) else math.nan
                              ).astype("float64" if s.isna().any() or (s == "").any() else "int8")
            value_labels[col] = codes
        else:
            data[col] = s.astype(object).map(join_list).where(s.notna(), "").astype(str)
    variable_labels = {c: _stata_label(c, labels) for c in data.columns}
    data.to_stata(path, write_index=False, version=118, value_labels=value_labels,
                  variable_labels={c: v for c, v in variable_labels.items() if v})
