"""The ``quantities`` table: every number of a report with its sentence and offsets.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from .scanner import parse_quantities


QUANTITY_COLUMNS = [
    "report_id", "sentence_no", "start", "end", "raw_start", "raw_end", "raw", "text", "number",
    "unit", "scale", "unit_written", "value", "base_unit", "kind", "direction", "qualifier",
    "range_low", "range_high", "phrase", "parse_ok", "flag",
]


def quantities_table(report, tables: dict | None = None) -> pd.DataFrame:
    """One row per numeric expression of the report.

    Columns: report_id, sentence_no, start, end (offsets into report.text), raw_start, raw_end,
    raw (the span as written in the raw file, "5.1 万亩"), text (as in the normalised text),
    number (as written, before scale), unit (as written, without scale: 元, 亩, %, 个百分点),
    scale (万, 亿 …), unit_written (scale + unit: 亿元), value (in base units), base_unit, kind
    (level, count, growth_pct, avg_growth_pct (年均增长: an average over several years, which the
    indicators and targets never take as one year's growth), share_pct, pct_point, duration,
    multiple, rank, year, date, or empty when the unit is unclear), direction (+1 增长/提高, -1 下降/减少, empty), qualifier
    (左右, 以上, 以内, 不低于, 超过, 近, 约, 余, 多, range … joined by "|"), range_low, range_high
    (a range's ends as written: 2-3处 → 2, 3; number and value are then empty), phrase (the noun
    phrase it measures), parse_ok, flag (quoted, modifier, vague, unparsed or empty).
    """
    text = report.text
    rows = parse_quantities(text)
    sentences = (tables or {}).get("sentences")
    if sentences is None:
        from ..read.structure import sentences_table

        sentences = sentences_table(report)
    norm = report.normalized
    starts = sentences["start"].to_numpy()
    idx = starts.searchsorted([r["start"] for r in rows], side="right") - 1
    sentence_nos = sentences["sentence_no"].to_numpy()[idx.clip(0)].tolist()
    for row, sentence_no in zip(rows, sentence_nos):
        row.update(report_id=report.report_id, sentence_no=sentence_no,
                   raw_start=norm.raw_start(row["start"]), raw_end=norm.raw_end(row["end"]))
        row["raw"] = norm.raw[row["raw_start"]:row["raw_end"]]
        if row["direction"] == "":
            row["direction"] = None
    return frame(rows, QUANTITY_COLUMNS, {
        "report_id": "string", "sentence_no": "int64", "start": "int64", "end": "int64",
        "raw_start": "int64", "raw_end": "int64", "raw": "string", "text": "string",
        "number": "float64", "unit": "string", "scale": "string", "unit_written": "string",
        "value": "float64", "base_unit": "string", "kind": "string", "direction": "Int64",
        "qualifier": "string", "range_low": "float64", "range_high": "float64",
        "phrase": "string", "parse_ok": "bool", "flag": "string"})


def frame(rows: list[dict], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns).astype(dtypes)``, built a column at a time: a column
    of ``dtypes`` directly in its dtype, any other inferred as from the rows (text → str, object
    when there are no rows). Under pandas 3, ``astype`` with a dict costs milliseconds."""
    return pd.DataFrame({c: pd.array([r[c] for r in rows], dtype=dtypes[c]) if c in dtypes
                         else np.array([r[c] for r in rows], dtype=object) for c in columns})
