"""Indicators across reports: the panel, targets against outcomes, target ambition, and targets
against those of the levels above (层层加码).

``report_year`` (the session) and ``period`` (the year a number is about) are kept apart, so a
target of report t and the outcome stated in report t+1 join on (county, indicator, period).
The rules for met / missed are data (``resources/target_rules.csv``), documented there and in
:func:`target_status`; the hardness of a target is :func:`juye_analysis.numbers.qualifiers.hardness`,
the coding the ``targets`` table uses.
"""
from __future__ import annotations

import math
import pandas as pd
from .. import resource_files as resources
from ..numbers.qualifiers import hardness  # noqa: F401  (the one coding; re-exported)
from ..numbers.units import convert
from .panel import _num


OUTCOME_COLUMNS = ["county", "indicator", "name_zh", "name_en", "period", "qualifier", "hardness",
                   "measure", "target_value", "target_unit", "target_growth_pct", "target_growth_low",
                   "target_growth_high", "actual_value",
                   "actual_unit", "actual_growth_pct", "estimated", "margin", "margin_unit",
                   "tolerance", "within_tolerance", "status", "note", "target_report_id",
                   "target_sentence", "outcome_report_id", "outcome_sentence"]


def _direction(indicator: str) -> str:
    return resources.target_direction().get(indicator, "higher")


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
    rules = resources.target_rules()
    rule = rules.loc[hard if hard in rules.index else "point"]
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
    """One row per (county, indicator, period): the one stated by the report of that year (a
    year's own target before a five-year plan's goal for it), then the first sentence."""
    own = pd.to_numeric(df["report_year"], errors="coerce") != df["period"] if "report_year" in df else False
    return df.assign(_own=own).sort_values(["_own", "sentence"], kind="stable").drop_duplicates(
        ["county", "indicator", "period"], keep="first").drop(columns="_own")


def target_vs_outcome(panel: pd.DataFrame, reports: pd.DataFrame, old: str | None = None,
                      new: str | None = None) -> pd.DataFrame:
    """Every target (kind target, period t) joined with the outcome for the same county, indicator
    and period stated in the next report (the one whose review year is t).

    Columns: county, indicator, name_zh, name_en, period, qualifier, hardness (range for a
    growth stated as a range, judged against its lower bound), measure (growth_pct | value),
    target_value, target_unit, target_growth_pct, target_growth_low, target_growth_high
    (the bounds of a range), actual_value, actual_unit, actual_growth_pct, estimated (the outcome
    is stated with 预计: an estimate, said in ``note`` too), margin (actual − target: percentage points for
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
    low, high = _num(getattr(t, "growth_low", math.nan)), _num(getattr(t, "growth_high", math.nan))
    if math.isnan(tg) and not math.isnan(low):
        hard = "range"  # 6.5%－7%: judged against its lower bound (target_rules.csv)
    row = {"county": t.county, "indicator": t.indicator, "name_zh": t.name_zh, "name_en": t.name_en,
           "period": t.period, "qualifier": t.qualifier, "hardness": hard,
           "target_value": tv, "target_unit": t.unit, "target_growth_pct": tg,
           "target_growth_low": low, "target_growth_high": high,
           "target_report_id": t.report_id, "target_sentence": t.sentence, "note": note}
    if not math.isnan(tg) or hard == "range":
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
    if pd.notna(outcome["estimated"]) and bool(outcome["estimated"]):  # 预计: scored, but an estimate, not the year's statistics
        row["note"] = (note + "; " if note else "") + "the outcome is an estimate (预计)"
    if row["measure"] == "growth_pct":
        target, actual, rate = (low if hard == "range" else tg), ag, True
    else:
        target, actual = tv, av
        rate = str(t.unit) == "%"
        if not math.isnan(actual) and str(outcome["unit"]) != str(t.unit):
            actual = convert(actual, str(outcome["unit"]), str(t.unit))
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



SERIES_STATUSES = ("met", "missed", "no_outcome", "no_outcome_report", "pending", "no_target",
                   "no_target_report")


def target_series(outcomes: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Targets against outcomes year after year for each jurisdiction with two reports or more,
    every gap stated as a row.

    For each jurisdiction (``county``) and each indicator it ever set a target for, one row per
    year from the first year with such a target to the year of its latest report: the row of
    :func:`target_vs_outcome` where there is one, else a gap. Columns: those of
    :func:`target_vs_outcome` (key county, indicator, period), with ``status`` one of met,
    missed, no_outcome (the next report is there but does not state the outcome),
    no_outcome_report (the report reviewing that year is missing from the collection), pending
    (no later report yet), no_target (that year's report sets no target for it), no_target_report
    (that year's report is missing from the collection); ``note`` says which report.
    """
    years = reports.assign(_y=pd.to_numeric(reports["report_year"], errors="coerce"),
                           _r=pd.to_numeric(reports["review_year"], errors="coerce"))
    completeness = dict(zip(reports["report_id"], reports.get("completeness", pd.Series(dtype=str))))
    rows = []
    for county, mine in years.groupby("county", sort=True):
        if len(mine) < 2 or county not in set(outcomes["county"]):
            continue
        of_year = dict(zip(mine["_y"].astype(int), mine["report_id"]))
        reviewed = set(mine["_r"].dropna().astype(int))
        last = int(mine["_y"].max())
        have = outcomes[outcomes["county"] == county]
        for indicator, got in have.groupby("indicator", sort=True):
            stated = {int(p): r for p, r in zip(got["period"], got.to_dict("records")) if not pd.isna(p)}
            first = min(p for p in stated)
            names = got.iloc[0]
            for period in range(first, max(last, max(stated)) + 1):
                row = stated.get(period)
                if row is not None:
                    row = dict(row)
                    if row["status"] == "no_outcome" and period not in reviewed:
                        later = period + 1 <= last
                        row["status"] = "no_outcome_report" if later else "pending"
                        row["note"] = (f"no report of {period + 1} in the collection" if later
                                       else f"no report reviewing {period} yet")
                    if period not in of_year:  # a goal set for this year by an earlier report
                        row["note"] = "; ".join(n for n in (
                            row["note"], f"no report of {period} in the collection: the target is "
                                         f"{row['target_report_id']}'s goal for {period}") if n)
                    rows.append(row)
                    continue
                rid = of_year.get(period)
                gap = {"county": county, "indicator": indicator, "name_zh": names["name_zh"],
                       "name_en": names["name_en"], "period": period, "within_tolerance": False}
                if rid is None:
                    gap.update(status="no_target_report", note=f"no report of {period} in the collection")
                else:
                    partial = " (partial text)" if completeness.get(rid) == "partial" else ""
                    gap.update(status="no_target", target_report_id=rid,
                               note=f"no target for it found in {rid}{partial}")
                rows.append(gap)
    df = pd.DataFrame(rows, columns=OUTCOME_COLUMNS)
    return df.astype({"period": "Int64", "target_sentence": "Int64", "outcome_sentence": "Int64"})
