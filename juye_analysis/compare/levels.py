"""The levels above: each report's targets against those of the nation, its province and its city
for the same year (层层加码), from their own reports when the corpus has them, else from the
reference table ``data/reference/targets.csv``.

Which levels are above which, and how a report's parents are found (by GB/T 2260 codes in
``reports.csv``: ``division_code``, ``province_code``, ``city_code``), is :data:`PARENTS`.
"""
from __future__ import annotations

import math
from pathlib import Path
import numpy as np
import pandas as pd
from .outcomes import _first
from .panel import _num, _text


NATIONAL_CODE = "100000"


# level of a report → the levels above it, nearest first, and the reports.csv column holding the
# code of each ("" = the nation, code 100000). A report whose level is unknown pairs with the
# nation only.
PARENTS = {
    "national": [],
    "province": [("national", "")],
    "city": [("province", "province_code"), ("national", "")],
    "county": [("city", "city_code"), ("province", "province_code"), ("national", "")],
    "district": [("city", "city_code"), ("province", "province_code"), ("national", "")],
    "county_city": [("city", "city_code"), ("province", "province_code"), ("national", "")],
    "zone": [("city", "city_code"), ("province", "province_code"), ("national", "")],
    "": [("national", "")],
}


AMPLIFICATION_COLUMNS = ["county", "county_level", "indicator", "name_zh", "name_en", "year",
                         "county_growth_pct", "county_value", "county_unit", "county_qualifier",
                         "level", "jurisdiction", "level_source", "level_report_id",
                         "level_sentence", "level_growth_pct", "level_value", "level_unit",
                         "level_qualifier", "gap_pp", "flag", "note", "source", "report_id",
                         "sentence"]


REFERENCE_COLUMNS = ["level", "jurisdiction", "division_code", "year", "indicator", "value", "unit",
                     "growth_pct", "qualifier", "statistic", "source", "note"]


# older words for the levels of the reference table, read as the words of reports.csv
_LEVEL_WORDS = {"provincial": "province", "municipal": "city"}


def load_reference_targets(path: str | Path | None = None) -> pd.DataFrame:
    """The reference table of targets of higher levels (``data/reference/targets.csv``).

    Columns: level (national | province | city; provincial and municipal are read as province
    and city), jurisdiction, division_code (GB/T 2260: how a province's or city's row is matched
    to the reports below it; 100000 for the nation, filled in when empty), year, indicator,
    value, unit, growth_pct, qualifier, statistic (the name of the statistic when an indicator
    key covers several, e.g. 城镇调查失业率 against 城镇登记失业率), source, note.
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
    df["level"] = df["level"].replace(_LEVEL_WORDS)
    df.loc[(df["level"] == "national") & (df["division_code"] == ""), "division_code"] = NATIONAL_CODE
    df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    for c in ("value", "growth_pct"):
        df[c] = pd.to_numeric(df[c].replace("", np.nan), errors="coerce")
    return df[REFERENCE_COLUMNS]


def _report_levels(panel: pd.DataFrame, reports: pd.DataFrame | None) -> pd.DataFrame:
    """report_id → level, division_code, province_code, city_code (empty when unknown)."""
    cols = ["level", "division_code", "province_code", "city_code"]
    if reports is None:
        out = pd.DataFrame({"report_id": panel["report_id"].unique()})
        for c in cols:
            out[c] = ""
        return out
    out = reports[["report_id"]].copy()
    for c in cols:
        out[c] = reports[c].map(_text) if c in reports.columns else ""
    out.loc[out["division_code"] == NATIONAL_CODE, "level"] = "national"
    return out


def _gap(cg, cv, cu, lg, lv, lu) -> float:
    """county − level: growth rates, else rates in %; nan for levels (亿斤 against 万亿斤)."""
    if not (math.isnan(cg) or math.isnan(lg)):
        return round(cg - lg, 6)
    if cu == "%" and lu == "%" and not (math.isnan(cv) or math.isnan(lv)):
        return round(cv - lv, 6)
    return math.nan


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (not math.isnan(a) and not math.isnan(b) and abs(a - b) < 1e-9)


def amplification(panel: pd.DataFrame, reference: pd.DataFrame,
                  reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each target of each report next to the target of every level above it for the same year,
    indicator and statistic (层层加码).

    The levels above a report are found from its row of ``reports`` (:data:`PARENTS`): the
    nation, and its province and city matched by ``province_code`` and ``city_code``. A level's
    target comes from that level's own report in the corpus (``level_source`` report, with its
    ``level_report_id`` and ``level_sentence``), else from a row of the reference table
    (``level_source`` reference). Where both exist the report wins; if the reference row gives
    other numbers the row is flagged ``reference_disagrees``. Without ``reports`` every report is
    of unknown level and pairs with the nation's reference rows only.

    Columns: county (the jurisdiction of the report), county_level, indicator, name_zh,
    name_en, year, county_growth_pct, county_value, county_unit, county_qualifier, level (of the
    level above: national, province, city), jurisdiction (its name), level_source (report |
    reference), level_report_id, level_sentence, level_growth_pct, level_value, level_unit,
    level_qualifier, gap_pp (county − level, for growth rates and for rates in %; empty for
    levels and where the statistics differ), flag ("" | different_statistic |
    reference_disagrees), note (国内生产总值 against 地区生产总值, what differs), source (the
    reference row's source, or the level's report title), report_id, sentence. Key: report_id,
    indicator, year, level.
    """
    levels = _report_levels(panel, reports)
    info = levels.set_index("report_id").to_dict("index")
    targets = _first(panel[panel["kind"] == "target"])
    # the targets of each jurisdiction by code, from its reports: (code, indicator, period) → row
    by_code: dict[tuple, dict] = {}
    for t in targets.to_dict("records"):
        code = info.get(t["report_id"], {}).get("division_code", "")
        if code:
            by_code.setdefault((code, t["indicator"], int(t["period"])), t)
    ref = {}
    for r in reference.to_dict("records"):
        code = _text(r["division_code"]) or (NATIONAL_CODE if r["level"] == "national" else "")
        if code and not pd.isna(r["year"]):
            ref.setdefault((code, r["indicator"], int(r["year"])), r)
    titles = dict(zip(reports["report_id"], reports["title"].map(_text))) if reports is not None and "title" in reports else {}
    rows = []
    for t in targets.to_dict("records"):
        me = info.get(t["report_id"], {"level": "", "province_code": "", "city_code": ""})
        if pd.isna(t["period"]):
            continue
        for level, column in PARENTS.get(me["level"], PARENTS[""]):
            code = NATIONAL_CODE if not column else me.get(column, "")
            if not code:
                continue
            key = (code, t["indicator"], int(t["period"]))
            above, reference_row = by_code.get(key), ref.get(key)
            if above is None and reference_row is None:
                continue
            rows.append(_pair(t, me["level"], level, above, reference_row, titles))
    out = pd.DataFrame(rows, columns=AMPLIFICATION_COLUMNS)
    return out.astype({"year": "Int64", "level_sentence": "Int64", "sentence": "Int64"})


def _pair(t: dict, county_level: str, level: str, above: dict | None, reference_row: dict | None,
          titles: dict) -> dict:
    """One row of :func:`amplification`: target ``t`` against the level's report or reference."""
    cg, cv, cu = _num(t["growth_pct"]), _num(t["value"]), _text(t["unit"])
    alias = _text(t.get("alias")) or _text(t["name_zh"])
    row = {"county": t["county"], "county_level": county_level, "indicator": t["indicator"],
           "name_zh": t["name_zh"], "name_en": t["name_en"], "year": t["period"],
           "county_growth_pct": cg, "county_value": cv, "county_unit": cu,
           "county_qualifier": _text(t["qualifier"]), "level": level, "report_id": t["report_id"],
           "sentence": t["sentence"], "flag": "", "note": ""}
    notes = []
    if above is not None:
        lg, lv, lu, lq = _num(above["growth_pct"]), _num(above["value"]), _text(above["unit"]), _text(above["qualifier"])
        statistic = _text(above.get("alias")) or _text(above["name_zh"])
        row.update(jurisdiction=above["county"], level_source="report",
                   level_report_id=above["report_id"], level_sentence=above["sentence"],
                   source=titles.get(above["report_id"], ""))
        if reference_row is not None:
            rg, rv = _num(reference_row["growth_pct"]), _num(reference_row["value"])
            if not (_same(rg, lg) and _same(rv, lv)) or _text(reference_row["qualifier"]) != lq:
                row["flag"] = "reference_disagrees"
                notes.append(f"the reference table gives {_describe(rg, rv, _text(reference_row['unit']), _text(reference_row['qualifier']))}; "
                             f"the report {_describe(lg, lv, lu, lq)} (the report is used)")
        if statistic and statistic != alias:  # one indicator key: one measure, two wordings
            notes.append(f"{alias} against {statistic}")
    else:
        r = reference_row
        lg, lv, lu, lq = _num(r["growth_pct"]), _num(r["value"]), _text(r["unit"]), _text(r["qualifier"])
        row.update(jurisdiction=r["jurisdiction"], level_source="reference", level_report_id="",
                   level_sentence=pd.NA, source=r["source"])
        statistic = _text(r["statistic"])
        if _text(r["note"]):
            notes.append(_text(r["note"]))
    row.update(level_growth_pct=lg, level_value=lv, level_unit=lu, level_qualifier=lq)
    gap = _gap(cg, cv, cu, lg, lv, lu)
    if above is None and statistic and alias and statistic not in alias and alias not in statistic:
        # the reference row names its statistic and the report's wording is another one
        # (城镇登记失业率 against 城镇调查失业率): never compared
        gap = math.nan
        row["flag"] = "different_statistic"
        notes.append(f"different statistics: {alias} against {statistic}")
    row["gap_pp"] = gap
    row["note"] = "; ".join(notes)
    return row


def _describe(g: float, v: float, unit: str, qualifier: str) -> str:
    if not math.isnan(g):
        return f"{g:g}%{qualifier}"
    if not math.isnan(v):
        return f"{v:g}{unit}{qualifier}"
    return "no number"
