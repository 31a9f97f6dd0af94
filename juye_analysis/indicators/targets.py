"""The ``targets`` table: every quantified commitment of the plan part, canonical or not, with
the hardness of its qualifier.
"""
from __future__ import annotations

import pandas as pd
from ..numbers.table import frame
from ..numbers.qualifiers import hardness
from ..numbers.lexicon import words
from .rows import _inputs, _records
from .match import _is_usable, _qual, indicators_table
from ..read.parts import is_plan_role


TARGET_COLUMNS = [
    "report_id", "sentence_no", "period", "section_no", "section", "item", "label", "value", "unit",
    "qualifier", "hardness", "range_low", "range_high", "kind", "direction", "indicator", "start",
    "end", "raw_start", "raw_end", "text", "sentence_text", "page", "text_source",
]


def targets_table(report, tables: dict | None = None) -> pd.DataFrame:
    """Every quantified commitment of the plan part (canonical or not), one row per number.

    Columns: report_id, sentence_no, period (the report year), section_no, section, item (一是,
    or 1.…10. in a numbered list), label (the noun phrase the number measures), value (as
    written; empty for a range), unit (as written, with scale: 万亩, %), qualifier (as written:
    以上, 左右, 以内, 不低于, 超过 …), hardness (point | around | floor | ceiling | range: see
    ``qualifiers.csv``), range_low, range_high, kind (level, count, growth_pct, share_pct, …),
    direction, indicator (the canonical key when the number is one), start, end, raw_start,
    raw_end, text (the number as written), sentence_text, page (the page of the number, from 1;
    <NA> for a text or web page file), text_source (text, pdf_text, docx, ocr).
    """
    sentences, quantities = _inputs(report, tables)
    plan = {s.sentence_no: s for s in _records(sentences)
            if is_plan_role(s.part_role, year_only=True) and not s.is_heading}
    skip = words("not_target_noun")
    q = [r for r in _records(quantities) if _is_usable(r) and r.kind != "avg_growth_pct" and r.sentence_no in plan
         and r.unit != "" and not any(w in r.phrase for w in skip)]
    ind = (tables or {}).get("indicators")
    if ind is None:
        ind = indicators_table(report, {"sentences": sentences, "quantities": quantities})
    by_pos = {}
    for key, value_start, growth_start in zip(ind["indicator"].tolist(), ind["value_start"].tolist(),
                                              ind["growth_start"].tolist()):
        for pos in (value_start, growth_start):
            if pos is not pd.NA and not pd.isna(pos):
                by_pos.setdefault(int(pos), key)
    rows = []
    for r in q:
        s = plan[r.sentence_no]
        rows.append({
            "report_id": report.report_id, "sentence_no": int(r.sentence_no),
            "period": report.report_year, "section_no": int(s.section_no), "section": s.section,
            "item": s.item, "label": r.phrase,
            "value": r.number, "unit": r.unit_written, "qualifier": _qual(r),
            "hardness": hardness(r.qualifier), "range_low": r.range_low, "range_high": r.range_high,
            "kind": r.kind, "direction": r.direction, "indicator": by_pos.get(int(r.start), ""),
            "start": int(r.start), "end": int(r.end), "raw_start": int(r.raw_start),
            "raw_end": int(r.raw_end), "text": r.text, "sentence_text": s.text,
        })
    out = frame(rows, TARGET_COLUMNS[:-2], {
        "sentence_no": "int64", "period": "int64", "section_no": "int64", "value": "float64",
        "range_low": "float64", "range_high": "float64", "direction": "Int64", "start": "int64",
        "end": "int64", "raw_start": "int64", "raw_end": "int64"})
    out["page"] = report.normalized.pages_of(out["raw_start"].to_numpy())
    out["text_source"] = report.text_source
    return out
