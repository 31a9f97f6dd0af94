"""Indicators across reports: the panel, targets against outcomes, target ambition, and targets
against those of the levels above (层层加码).

``report_year`` (the session) and ``period`` (the year a number is about) are kept apart, so a
target of report t and the outcome stated in report t+1 join on (county, indicator, period).
The rules for met / missed are data (``resources/target_rules.csv``), documented there and in
:func:`target_status`.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .resources import read_resource_csv

PANEL_COLUMNS = ["county", "division_code", "indicator", "name_zh", "name_en", "period", "kind",
                 "value", "unit", "growth_pct", "qualifier", "estimated", "report_id", "report_year",
                 "completeness", "sentence", "alias"]
OUTCOME_COLUMNS = ["county", "indicator", "name_zh", "name_en", "period", "qualifier", "hardness",
                   "measure", "target_value", "target_unit", "target_growth_pct", "actual_value",
                   "actual_unit", "actual_growth_pct", "estimated", "margin", "margin_unit",
                   "tolerance", "within_tolerance", "status", "note", "target_report_id",
                   "target_sentence", "outcome_report_id", "outcome_sentence"]
AMBITION_COLUMNS = ["county", "indicator", "name_zh", "name_en", "period", "target_growth_pct",
                    "qualifier", "previous_period", "previous_growth_pct", "ambition_pp",
                    "target_value", "previous_value", "unit", "report_id", "target_sentence",
                    "previous_report_id", "previous_sentence"]
AMPLIFICATION_COLUMNS = ["county", "indicator", "name_zh", "name_en", "year", "county_growth_pct",
                         "county_value", "county_unit", "county_qualifier", "level", "jurisdiction",
                         "level_growth_pct", "level_value", "level_unit", "level_qualifier",
                         "gap_pp", "note", "source", "report_id", "sentence"]
REFERENCE_COLUMNS = ["level", "jurisdiction", "year", "indicator", "value", "unit", "growth_pct",
                     "qualifier", "statistic", "source", "note"]


def _num(x) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan
    return v


def _indicator_names() -> pd.DataFrame:
    return read_resource_csv("indicators.csv")[["indicator", "name_zh", "name_en"]]


# --- the panel --------------------------------------------------------------------------------

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
    (Stata 15+, UTF-8 strings). Returns the paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    out = [stem.with_suffix(".csv"), stem.with_suffix(".parquet"), stem.with_suffix(".dta")]
    panel.to_csv(out[0], index=False, encoding="utf-8-sig")
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


# --- targets against outcomes -------------------------------------------------------------------

@lru_cache(maxsize=None)
def _rules() -> pd.DataFrame:
    return read_resource_csv("target_rules.csv").set_index("hardness")


@lru_cache(maxsize=None)
def _coded_qualifiers() -> dict[str, str]:
    q = read_resource_csv("qualifiers.csv")
    return dict(zip(q["qualifier"], q["hardness"]))


@lru_cache(maxsize=None)
def _better() -> dict[str, str]:
    d = read_resource_csv("target_direction.csv")
    return dict(zip(d["indicator"], d["better"]))


def hardness(qualifier) -> str:
    """point | around | floor | ceiling | range, from the qualifier as written (the coding of
    ``resources/qualifiers.csv``; several qualifiers "以上|…": the first one coded)."""
    q = "" if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)) else str(qualifier)
    if not q:
        return "point"
    if "range" in q.split("|") or any(c in q for c in "-—～~至"):
        return "range"
    coded = _coded_qualifiers()
    for part in q.split("|"):
        if part in coded:
            return coded[part]
    for word in sorted(coded, key=len, reverse=True):  # a qualifier written with more words
        if word in q:
            return coded[word]
    return "point"


def _direction(indicator: str) -> str:
    return _better().get(indicator, "higher")


def target_status(target: float, actual: float, hard: str, better: str, rate: bool) -> tuple[str, float, float, bool]:
    """(status, margin, tolerance, within_tolerance) for one target and its outcome.

    margin = actual − target (percentage points for rates). The rule for each hardness is data
    (``resources/target_rules.csv``): at_least (point, floor, range: met when actual ≥ target),
    at_most (ceiling: actual ≤ target), around (左右: no more than the tolerance short of it,
    0.5 pp for rates, 2% of the target for levels; overshooting counts as met, and
    ``within_tolerance`` says whether |margin| ≤ tolerance for the symmetric reading). For
    indicators where lower is better (CPI, unemployment: ``target_direction.csv``) at_least and
    around turn around.
    """
    if math.isnan(target) or math.isnan(actual):
        return "no_outcome", math.nan, math.nan, False
    rule = _rules().loc[hard if hard in _rules().index else "point"]
    margin = actual - target
    tol_pp, tol_share = _num(rule["tolerance_pp"]), _num(rule["tolerance_share"])
    tol = (tol_pp if rate else abs(target) * tol_share) if rule["test"] == "around" else 0.0
    within = abs(margin) <= (tol if rule["test"] == "around" else 0.0) + 1e-9
    sign = 1 if better == "higher" else -1
    if rule["test"] == "at_most":
        ok = actual <= target + 1e-9
    elif rule["test"] == "around":
        ok = sign * margin >= -tol - 1e-9
    else:  # at_least
        ok = sign * margin >= -1e-9
    return ("met" if ok else "missed"), round(margin, 6), tol, bool(within)


def _first(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["sentence"], kind="stable").drop_duplicates(
        ["county", "indicator", "period"], keep="first")


def target_vs_outcome(panel: pd.DataFrame, reports: pd.DataFrame, old: str | None = None,
                      new: str | None = None) -> pd.DataFrame:
    """Every target (kind target, period t) joined with the outcome for the same county, indicator
    and period stated in the next report (the one whose review year is t).

    Columns: county, indicator, name_zh, name_en, period, qualifier, hardness, measure
    (growth_pct | value), target_value, target_unit, target_growth_pct, actual_value,
    actual_unit, actual_growth_pct, estimated, margin (actual − target: percentage points for
    growth targets, the target's unit for levels), margin_unit, tolerance, within_tolerance,
    status (met | missed | no_outcome), note (what is missing and why), target_report_id,
    target_sentence, outcome_report_id, outcome_sentence. With ``old``/``new`` report ids, only
    that pair.
    """
    targets = panel[panel["kind"] == "target"]
    if old is not None:
        targets = targets[targets["report_id"] == old]
    # indexes built once, so the cost grows with the panel, not with targets × panel
    pool = reports if new is None else reports[reports["report_id"] == new]
    reviewer: dict = {}
    for r in pool.assign(reviewed=pd.to_numeric(pool["review_year"])).sort_values("report_year").itertuples():
        reviewer[(r.county, r.reviewed)] = r.report_id  # the latest report reviewing that year
    completeness = dict(zip(reports["report_id"], reports.get("completeness", pd.Series(dtype=str))))
    stated = _index(panel[panel["kind"] == "actual"].sort_values("sentence", kind="stable"),
                    ["report_id", "indicator", "period"])
    rows = []
    for t in _first(targets).itertuples(index=False):
        outcome, note = None, ""
        rid = reviewer.get((t.county, t.period))
        if rid is None:
            note = f"no report reviewing {t.period} yet"
        else:
            hit = stated.get((rid, t.indicator, t.period), [])
            if not hit:
                partial = " (partial text)" if completeness.get(rid) == "partial" else ""
                note = f"{rid} does not state this outcome{partial}"
            else:
                outcome = hit[0]
                if len(hit) > 1:
                    note = f"{len(hit)} statements in {rid}; the first is used"
        rows.append(_outcome_row(t, outcome, note))
    df = pd.DataFrame(rows, columns=OUTCOME_COLUMNS)
    return df.astype({"period": "Int64", "target_sentence": "Int64", "outcome_sentence": "Int64"})


def _index(df: pd.DataFrame, keys: list[str]) -> dict[tuple, list[dict]]:
    """Rows of ``df`` as dicts, grouped by ``keys`` (in the frame's order)."""
    out: dict[tuple, list[dict]] = {}
    for row in df.to_dict("records"):
        out.setdefault(tuple(row[k] for k in keys), []).append(row)
    return out


def _outcome_row(t, outcome, note: str) -> dict:
    hard = hardness(t.qualifier)
    better = _direction(t.indicator)
    tg, tv = _num(t.growth_pct), _num(t.value)
    row = {"county": t.county, "indicator": t.indicator, "name_zh": t.name_zh, "name_en": t.name_en,
           "period": t.period, "qualifier": t.qualifier, "hardness": hard,
           "target_value": tv, "target_unit": t.unit, "target_growth_pct": tg,
           "target_report_id": t.report_id, "target_sentence": t.sentence, "note": note}
    if not math.isnan(tg):
        row.update(measure="growth_pct", margin_unit="pp")
    else:
        row.update(measure="value", margin_unit=t.unit)
    if outcome is None:
        row.update(status="no_outcome", within_tolerance=False)
        return row
    ag, av = _num(outcome["growth_pct"]), _num(outcome["value"])
    row.update(actual_value=av, actual_unit=outcome["unit"], actual_growth_pct=ag,
               estimated=outcome["estimated"], outcome_report_id=outcome["report_id"],
               outcome_sentence=outcome["sentence"])
    if row["measure"] == "growth_pct":
        target, actual, rate = tg, ag, True
    else:
        target, actual = tv, av
        rate = str(t.unit) == "%"
        if not math.isnan(actual) and str(outcome["unit"]) != str(t.unit):
            actual = _convert(actual, str(outcome["unit"]), str(t.unit))
            if math.isnan(actual):
                row.update(status="no_outcome", within_tolerance=False,
                           note=f"units differ ({outcome['unit']} vs {t.unit})")
                return row
    if math.isnan(actual):
        what = "growth rate" if row["measure"] == "growth_pct" else "level"
        row.update(status="no_outcome", within_tolerance=False,
                   note=(note + "; " if note else "") + f"the outcome gives no {what}")
        return row
    status, margin, tol, within = target_status(target, actual, hard, better, rate)
    row.update(status=status, margin=margin, tolerance=tol, within_tolerance=within)
    return row


def _convert(value: float, unit_from: str, unit_to: str) -> float:
    """0.69万人 → 6900 人, 亿元 → 万元 …: the same base unit at another scale; NaN when the base
    units differ or a unit is unknown (units.csv, scales.csv)."""
    from .numbers import unit_in_base

    a, b = unit_in_base(unit_from), unit_in_base(unit_to)
    if a is None or b is None or a[1] != b[1]:
        return math.nan
    return value * a[0] / b[0]


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


# --- the levels above -----------------------------------------------------------------------

def load_reference_targets(path: str | Path | None = None) -> pd.DataFrame:
    """The reference table of targets of higher levels (``data/reference/targets.csv``).

    Columns: level (national | provincial | municipal …), jurisdiction, year, indicator, value,
    unit, growth_pct, qualifier, statistic (the name of the statistic when an indicator key covers
    several, e.g. 城镇调查失业率 against 城镇登记失业率), source, note.
    """
    from .errors import UserError
    from .paths import reference_dir

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


# --- the build step ---------------------------------------------------------------------------

def comparison_tables(tables, reports: pd.DataFrame, raw: Path | None = None) -> dict[str, pd.DataFrame]:
    """Corpus-wide comparison tables for the build: indicator_panel, target_outcome,
    target_ambition, amplification (with ``reference/targets.csv`` beside the raw folder, else
    data/reference/targets.csv)."""
    if "indicators" not in tables:
        return {}
    panel = indicator_panel(tables["indicators"], reports)
    ref = Path(raw).parent / "reference" / "targets.csv" if raw else None
    return {
        "indicator_panel": panel,
        "target_outcome": target_vs_outcome(panel, reports),
        "target_ambition": target_ambition(panel),
        "amplification": amplification(panel, load_reference_targets(ref if ref and ref.exists() else None)),
    }
