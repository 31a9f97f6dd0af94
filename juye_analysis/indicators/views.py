"""Views of the indicator tables for notebooks, papers and the command line: display values,
headline outcome-and-target rows, growth against target, structure ratios, the audit view.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from .match import INDICATOR_COLUMNS
from ..numbers.units import to_base  # noqa: F401  (the one conversion; re-exported)
from .aliases import indicator_defs


CLI_COLUMNS = INDICATOR_COLUMNS[1:15] + [
    "value_low", "value_high", "value_qualifier", "growth_low", "growth_high", "modifier",
    "average_annual", "period_start", "basis", "rule", "evidence", "page"]
# the Chinese name last: a column added after the others, so readers of the older header still work
CLI_COLUMNS += [c for c in ("name_zh",) if c not in CLI_COLUMNS]


def indicators_for_display(df: pd.DataFrame) -> pd.DataFrame:
    """The indicators table with numbers as written (7127, not 7127.0) and absent fields empty,
    for the command line and for tables in papers. Same columns as :func:`indicators_table`."""
    out = df.copy()
    for col in ("value", "growth_pct", "change_pp"):
        out[col] = pd.Series([_as_written(v) for v in out[col]], index=out.index, dtype=object)
    return out


HEADLINE_KEY = ["indicator", "period", "kind", "average_annual", "basis"]


def headline_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The first mention of each (indicator, period, kind, average_annual, basis): a text that
    states a figure twice states it first in its headline (a later mention of the key is more
    often a part of it or a restatement). Rows that state only a change in percentage points
    (城镇化率提高2个百分点) or only a rank are left out: no value or rate to cite. Same columns as the
    indicators table."""
    stated = df[df[["value", "growth_pct", "value_low", "growth_low"]].notna().any(axis=1)]
    return stated.sort_values("start", kind="stable").drop_duplicates(HEADLINE_KEY).sort_index()


def _as_written(v):
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    v = float(v)
    return int(v) if v.is_integer() else float(format(v, ".10g"))


def choose_report_with_targets(indicators: pd.DataFrame, reports: pd.DataFrame,
                               report_id: str | None = None) -> str:
    """``report_id`` if given (checked against ``reports``), else the latest report that states
    targets (rows of kind "target" in the indicators table): :func:`~juye_analysis.read.metadata.choose_report`."""
    from ..read.metadata import choose_report

    return choose_report(reports, report_id,
                         among=indicators.loc[indicators["kind"] == "target", "report_id"],
                         none_left="no report in the indicators table states targets")


def _first(df: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: its first mention (lowest offset)."""
    return df.sort_values("start").drop_duplicates("indicator")


def headline_table(indicators: pd.DataFrame, reports: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """The headline table of one report: the review-year outcome next to the report-year target,
    one row per indicator (for targets against the *next* report's outcomes see
    :func:`juye_analysis.compare.target_vs_outcome`).

    Columns: indicator, name_zh, name_en, category, outcome_period, outcome_value, outcome_unit,
    outcome_growth_pct, outcome_qualifier, target_period, target_value, target_unit,
    target_growth_pct, target_qualifier, headline (a growth rate is stated for the target or the
    outcome), outcome_sentence, target_sentence. Periods come from the reports table.
    """
    rep = reports.set_index("report_id").loc[report_id]
    ind = indicators[indicators["report_id"] == report_id]
    keep = ["indicator", "period", "value", "unit", "growth_pct", "qualifier", "sentence"]
    out = _first(ind[(ind["kind"] == "actual") & (ind["period"] == rep["review_year"])])[keep]
    tgt = _first(ind[(ind["kind"] == "target") & (ind["period"] == rep["report_year"])])[keep]
    merged = out.add_prefix("outcome_").rename(columns={"outcome_indicator": "indicator"}).merge(
        tgt.add_prefix("target_").rename(columns={"target_indicator": "indicator"}),
        on="indicator", how="outer")
    defs = indicator_defs()[["indicator", "name_zh", "name_en", "category"]].reset_index(drop=True)
    merged = defs.merge(merged, on="indicator", how="inner")  # resource order: stable and readable
    merged["headline"] = merged["target_growth_pct"].notna() | merged["outcome_growth_pct"].notna()
    cols = ["indicator", "name_zh", "name_en", "category", "outcome_period", "outcome_value",
            "outcome_unit", "outcome_growth_pct", "outcome_qualifier", "target_period",
            "target_value", "target_unit", "target_growth_pct", "target_qualifier", "headline",
            "outcome_sentence", "target_sentence"]
    return merged[cols].astype({"outcome_period": "Int64", "target_period": "Int64",
                                "outcome_sentence": "Int64", "target_sentence": "Int64"})


def growth_vs_target(indicators: pd.DataFrame, reports: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """Growth rates of the indicators the report sets a growth target for: the review-year
    outcome, the report-year target and, when a later report in the tables gives it, the
    report-year outcome (a join on indicator and period, not index arithmetic).

    Columns: indicator, name_zh, name_en, series (outcome_before, target, outcome), period,
    growth_pct, qualifier, estimated, source (the report_id the number comes from).
    """
    rep = reports.set_index("report_id").loc[report_id]
    ind = indicators.dropna(subset=["growth_pct"])
    targets = _first(ind[(ind["report_id"] == report_id) & (ind["kind"] == "target")
                         & (ind["period"] == rep["report_year"])])
    keys = list(targets["indicator"])
    parts = []
    before = _first(ind[(ind["report_id"] == report_id) & (ind["kind"] == "actual")
                        & (ind["period"] == rep["review_year"]) & ind["indicator"].isin(keys)])
    parts.append(before.assign(series="outcome_before"))
    parts.append(targets.assign(series="target"))
    later = ind[(ind["kind"] == "actual") & (ind["period"] == rep["report_year"])
                & ind["indicator"].isin(keys) & (ind["report_id"] != report_id)]
    if len(later):
        parts.append(_first(later).assign(series="outcome"))
    df = pd.concat(parts, ignore_index=True)
    df = df.rename(columns={"report_id": "source"})
    df["indicator"] = pd.Categorical(df["indicator"], categories=keys, ordered=True)
    df["series"] = pd.Categorical(df["series"], categories=["outcome_before", "target", "outcome"],
                                  ordered=True)
    df = df.sort_values(["indicator", "series"]).reset_index(drop=True)
    df["indicator"] = df["indicator"].astype(str)
    df["series"] = df["series"].astype(str)
    return df[["indicator", "name_zh", "name_en", "series", "period", "growth_pct", "qualifier",
               "estimated", "source"]]


STRUCTURE_RATIOS = (  # (name, numerator, denominator)
    ("tertiary_share_of_gdp", "tertiary_value_added", "gdp"),
    ("deposits_to_gdp", "deposits", "gdp"),
    ("loans_to_gdp", "loans", "gdp"),
)


def structure_ratios(indicators: pd.DataFrame) -> pd.DataFrame:
    """Ratios of the economy's structure from stated outcomes, per report and period: the tertiary
    share of GDP and deposits and loans relative to GDP, in percent, computed only where both
    levels are stated in units of the same base (元).

    Columns: report_id, period, ratio, numerator, denominator, pct, estimated.
    """
    act = indicators[(indicators["kind"] == "actual") & indicators["value"].notna()]
    rows = []
    for (rid, period), g in act.groupby(["report_id", "period"]):
        first = _first(g).set_index("indicator")
        for name, num, den in STRUCTURE_RATIOS:
            if num in first.index and den in first.index:
                a = to_base(first.loc[num, "value"], first.loc[num, "unit"])
                b = to_base(first.loc[den, "value"], first.loc[den, "unit"])
                if b and not np.isnan(a) and not np.isnan(b):
                    rows.append({"report_id": rid, "period": int(period), "ratio": name,
                                 "numerator": num, "denominator": den, "pct": 100 * a / b,
                                 "estimated": bool(first.loc[num, "estimated"] or first.loc[den, "estimated"])})
    return pd.DataFrame(rows, columns=["report_id", "period", "ratio", "numerator", "denominator",
                                       "pct", "estimated"])


def county_structure_ratios(indicators: pd.DataFrame, reports: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """:func:`structure_ratios` of every report of the county of ``report_id`` in the tables.

    Columns: report_id, period, ratio, numerator, denominator, pct, estimated.
    """
    county = reports.set_index("report_id").loc[report_id, "county"]
    ratios = structure_ratios(indicators)
    return ratios[ratios["report_id"].isin(reports.loc[reports["county"] == county, "report_id"])]


def audit_table(indicators: pd.DataFrame, sentences: pd.DataFrame, report_id: str,
                lang: str = "zh") -> pd.DataFrame:
    """Each indicator row next to its sentence with the value, the growth rate and the indicator
    name highlighted (HTML), for checking every number before citing it.

    Columns: indicator, name, period, kind, value, unit, growth_pct, qualifier, rank, sentence,
    page (where its number is, <NA> for a text file), text_source (ocr: check against the scan),
    sentence_html.
    """
    import html

    ind = indicators[indicators["report_id"] == report_id]
    starts = sentences[sentences["report_id"] == report_id].set_index("sentence_no")["start"]
    rows = []
    for r in ind.itertuples():
        s0 = int(starts.loc[r.sentence])
        spans = [(r.start - s0, r.start - s0 + len(r.alias), "name")]
        for a, b in ((r.value_start, r.value_end), (r.growth_start, r.growth_end)):
            if not pd.isna(a):
                spans.append((int(a) - s0, int(b) - s0, "number"))
        text, out, pos = r.sentence_text, [], 0
        for a, b, kind in sorted(spans):
            if a < pos:
                continue
            style = ("background:#ffe066;font-weight:bold" if kind == "number"
                     else "text-decoration:underline")
            out += [html.escape(text[pos:a]), f'<span style="{style}">{html.escape(text[a:b])}</span>']
            pos = b
        out.append(html.escape(text[pos:]))
        rows.append({"indicator": r.indicator, "name": r.name_zh if lang == "zh" else r.name_en,
                     "period": r.period, "kind": r.kind, "value": r.value, "unit": r.unit,
                     "growth_pct": r.growth_pct, "qualifier": r.qualifier, "rank": r.rank,
                     "sentence": r.sentence, "page": getattr(r, "page", pd.NA),
                     "text_source": getattr(r, "text_source", ""), "sentence_html": "".join(out)})
    return pd.DataFrame(rows, columns=["indicator", "name", "period", "kind", "value", "unit",
                                       "growth_pct", "qualifier", "rank", "sentence", "page",
                                       "text_source", "sentence_html"]).astype({"page": "Int64"})
