"""PDF and Word reports (read/pdf.py, read/word.py, read/pages.py, read/decode.py): the 2024
report typeset as a county PDF and saved as a .docx gives the same tables as its text file, and
every sentence and number its page; a scanned PDF is read by OCR or refused with one line."""
from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest

from juye_analysis.errors import UserError
from juye_analysis.pipeline.steps import report_tables, reports_row
from juye_analysis.read.report import read_report
from tests.conftest import REPORT_2024

pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) makes the test PDFs: pip install -e '.[dev]'")
from tests import pdf_fixtures as fx  # noqa: E402

# what differs by nature: offsets into and text of the file as received, pages, the source
OFFSETS = ["raw_start", "raw_end", "raw", "page", "text_source"]


@pytest.fixture(scope="module")
def font():
    found = fx.cjk_font_file()
    if found is None:
        pytest.skip("no TrueType CJK font to typeset the test PDF: apt-get install fonts-wqy-microhei")
    return found


@pytest.fixture(scope="module")
def text_report():
    return read_report(REPORT_2024, report_id="juye_2024")


@pytest.fixture(scope="module")
def made(tmp_path_factory, font, text_report):
    """The typeset PDF, the .docx with the same page breaks, and the page of every character."""
    folder = tmp_path_factory.mktemp("incoming")
    pdf, docx = folder / "juye_2024.pdf", folder / "juye_2024.docx"
    page_of = fx.typeset_pdf(text_report.text, pdf, font)
    fx.write_docx(text_report.text, docx, page_of)
    return {"pdf": pdf, "docx": docx, "page_of": page_of}


@pytest.fixture(scope="module")
def text_tables(text_report):
    return report_tables(text_report)


def _tables(path):
    report = read_report(path, year=2024, report_id="juye_2024")
    return report, report_tables(report)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    keep = [c for c in a.columns if c not in OFFSETS]
    assert len(a) and len(a) == len(b)
    pd.testing.assert_frame_equal(a[keep].reset_index(drop=True), b[keep].reset_index(drop=True))


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_pdf_and_docx_give_the_tables_of_the_text_file(made, text_tables, kind):
    report, tables = _tables(made[kind])
    for name in ("sentences", "indicators", "targets", "rank_claims", "quantities"):
        _same(text_tables[name], tables[name])
    assert set(tables["sentences"]["text_source"]) == {"pdf_text" if kind == "pdf" else "docx"}
    assert reports_row(report, tables["sentences"])["format"] == kind


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_every_sentence_and_number_has_its_page(made, kind):
    report, tables = _tables(made[kind])
    page_of = made["page_of"]
    s = tables["sentences"]
    assert s["page"].tolist() == [int(page_of[i]) for i in s["start"]]
    across = s[[page_of[a] != page_of[b - 1] for a, b in zip(s["start"], s["end"])]]
    assert len(across) >= 3  # the test PDF breaks pages inside sentences
    ind = tables["indicators"]
    first = ind["value_start"].fillna(ind["growth_start"]).fillna(ind["start"]).astype(int)
    assert ind["page"].tolist() == [int(page_of[i]) for i in first]
    t = tables["targets"]
    assert t["page"].tolist() == [int(page_of[i]) for i in t["start"]] and t["page"].min() > 1
    assert s["page"].max() == page_of.max() == reports_row(report, s)["n_pages"]


def test_a_word_file_without_page_breaks_has_its_tables_and_no_pages(tmp_path, text_report, text_tables):
    import numpy as np

    path = tmp_path / "juye_2024.docx"
    fx.write_docx(text_report.text, path, np.ones(len(text_report.text), dtype=int))  # one page
    report, tables = _tables(path)
    for name in ("sentences", "indicators", "targets"):
        _same(text_tables[name], tables[name])
        assert tables[name]["page"].isna().all()
    assert report.normalized.page_starts == ()


def test_a_text_file_has_no_pages(text_tables):
    for name in ("sentences", "indicators", "targets"):
        assert text_tables[name]["page"].isna().all() and set(text_tables[name]["text_source"]) == {"text"}


def test_offsets_map_back_to_the_pdf_text_layer(made):
    report, tables = _tables(made["pdf"])
    raw, s = report.normalized.raw, tables["sentences"]
    for r in s.itertuples():
        assert raw[r.raw_start] == r.text[0] and raw[r.raw_end - 1] == r.text[-1]
    # the text layer keeps what the normalised text drops: the footers and running titles
    assert "— 3 —" in raw and fx.RUNNING_TITLE in raw
    assert "— 3 —" not in report.text and fx.RUNNING_TITLE not in report.text


def test_headers_footers_and_wraps_are_noted_in_cleaning(made):
    report, tables = _tables(made["pdf"])
    cleaning = reports_row(report, tables["sentences"])["cleaning"]
    n = int(made["page_of"].max())
    assert f"pdf: {n} pages" in cleaning
    assert f"{n} page numbers, {n - 1} repeated title lines (headers and footers) dropped" in cleaning
    assert "lines wrapped at the page width joined" in cleaning


def test_the_format_is_told_by_content_not_by_name(made, tmp_path, text_report):
    pdf_as_txt = tmp_path / "report.txt"
    docx_as_pdf = tmp_path / "report.pdf"
    shutil.copy(made["pdf"], pdf_as_txt)
    shutil.copy(made["docx"], docx_as_pdf)
    assert read_report(pdf_as_txt, year=2024).text == text_report.text
    assert read_report(docx_as_pdf, year=2024).text_source == "docx"


@pytest.mark.parametrize("data,problem", [
    (b"PK\x03\x04" + b"\x00" * 40, "a damaged zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "a Word 97-2003 .doc file"),
    (b"%PDF-1.7\n" + b"garbage" * 20, "cannot open the PDF"),
])
def test_other_binaries_are_one_clear_error(tmp_path, data, problem):
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    with pytest.raises(UserError) as err:
        read_report(path, year=2024)
    assert problem in err.value.problem


def test_a_zip_that_is_not_a_word_file(tmp_path):
    import zipfile

    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<x/>")
    with pytest.raises(UserError, match="not a Word .docx"):
        read_report(path, year=2024)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_add_keeps_the_file_as_received_with_its_sha256(made, tmp_path, capsys, kind):
    from juye_analysis.cli.main import main

    raw = tmp_path / "raw"
    before = made[kind].read_bytes()
    status = main(["add", str(made[kind]), "--year", "2024", "--raw", str(raw)])
    assert status == 0, capsys.readouterr().err
    assert sorted(p.name for p in raw.iterdir()) == [f"juye_2024.{kind}", "reports.csv"]
    assert (raw / f"juye_2024.{kind}").read_bytes() == before == made[kind].read_bytes()
    row = pd.read_csv(raw / "reports.csv", dtype=str).iloc[0]
    assert row["file"] == f"juye_2024.{kind}" and row["sha256"] == hashlib.sha256(before).hexdigest()
    assert row["county"] == "巨野县"


def test_a_build_of_a_pdf_has_pages_and_its_text(made, tmp_path, text_report):
    from juye_analysis import load_table, load_text
    from juye_analysis.pipeline.build import build

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(made["docx"], raw / "juye_2024.docx")
    shutil.copy(made["pdf"], raw / "juye_2024.pdf")
    (raw / "juye_2024.docx").unlink()  # one report a year: the PDF alone
    build(raw, tmp_path / "processed", progress=False, use_cache=False)
    s = load_table("sentences", tmp_path / "processed")
    assert s["page"].notna().all() and load_text("juye_2024", tmp_path / "processed") == text_report.text
    reports = load_table("reports", tmp_path / "processed")
    assert reports["format"].tolist() == ["pdf"] and reports["n_pages"].tolist() == [made["page_of"].max()]


def test_the_audit_view_shows_the_page(made):
    from juye_analysis.indicators.views import audit_table

    _, tables = _tables(made["pdf"])
    audit = audit_table(tables["indicators"], tables["sentences"], "juye_2024")
    assert audit["page"].tolist() == tables["indicators"]["page"].tolist()
    assert set(audit["text_source"]) == {"pdf_text"}


def test_a_30_page_pdf_reads_whole_with_its_pages(font, tmp_path, text_report):
    """Its speed is measured by bench/bench_pdf.py against reading the same text file (no
    wall-clock time is asserted here)."""
    text = text_report.text + "\n" + text_report.text  # two copies: 32 pages
    path = tmp_path / "long.pdf"
    page_of = fx.typeset_pdf(text, path, font)
    assert page_of.max() >= 30
    report = read_report(path, year=2024)
    assert report.text.startswith(text_report.text)  # the second copy's title block is body text
    assert abs(len(report.text) - len(text)) < 10
    assert len(report.normalized.page_starts) == page_of.max()


@pytest.fixture(scope="module")
def scanned(made, tmp_path_factory):
    out = tmp_path_factory.mktemp("scan") / "juye_2024_scan.pdf"
    fx.scanned_pdf(made["pdf"], out, scale=4.0, pages=SCANNED_PAGES)  # 288 dpi; OCR takes ~6 s a page
    return out


SCANNED_PAGES = 3


def test_a_scanned_pdf_without_ocr_is_one_line_saying_what_to_install(scanned, monkeypatch, capsys):
    from juye_analysis.cli.main import main
    from juye_analysis.read import ocr

    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    status = main(["indicators", str(scanned), "--year", "2024"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2 and len(err) == 1 and "Traceback" not in err[0]
    assert "the PDF has no text layer" in err[0] and "tesseract-ocr-chi-sim" in err[0]


@pytest.mark.slow  # ~25 s: three pages through Tesseract
def test_a_scanned_pdf_is_read_by_ocr(scanned, made):
    from juye_analysis.indicators.views import headline_rows
    from juye_analysis.read.ocr import ocr_available

    if not ocr_available():
        pytest.skip("Tesseract with chi_sim is not installed (apt-get install tesseract-ocr "
                    "tesseract-ocr-chi-sim; pip install pytesseract): OCR path not tested")
    report, tables = _tables(scanned)
    assert set(tables["indicators"]["text_source"]) == {"ocr"} and report.file_format == "pdf"
    _, typeset = _tables(made["pdf"])
    key = ["indicator", "period", "kind"]
    want = headline_rows(typeset["indicators"])
    want = want[want["page"] <= SCANNED_PAGES - 1]  # the last page's last sentence runs on
    got = headline_rows(tables["indicators"])
    both = want.merge(got, on=key, suffixes=("", "_ocr"))
    # the headline outcomes of the first page are found, and no number found by OCR differs
    assert {"gdp", "general_budget_revenue", "fixed_asset_investment", "industrial_value_added",
            "foreign_trade"} <= set(both["indicator"])
    assert len(both) >= 0.8 * len(want)
    for col in ("value", "growth_pct", "page"):
        assert both[col].fillna(-1).tolist() == both[f"{col}_ocr"].fillna(-1).tolist()


def test_the_pages_found_by_pdfium_are_in_reading_order(made):
    """Header and footer are drawn first in the test PDF's content stream; lines come top to bottom."""
    report = read_report(made["pdf"], year=2024)
    raw = report.normalized.raw
    first_page = raw[:report.normalized.page_starts[1]]
    assert first_page.rstrip().endswith("— 1 —")
    assert np.all(np.diff(report.normalized.page_starts) > 0)
