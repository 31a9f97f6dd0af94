"""Test material made from a report's text: a PDF typeset the way county reports are (A4, a CJK
font, about 28 characters a line, the title block centred, paragraphs indented two characters,
page numbers "— 3 —" in the footer, the title repeated in the header from page 2), the same as a
Word file (page breaks where the PDF's pages break), and a scanned variant (pages as images).

Each writer returns the page on which every character of the (normalised) text it was given
starts, so a test can check every sentence's page.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from juye_analysis.read.headings import SALUTATION

PAGE_W, PAGE_H = 210.0, 297.0  # A4, mm
MARGIN_X, TOP, BOTTOM = 28.0, 37.0, 35.0
FONT_PT = 15.5  # 28 full-width characters in 154 mm
LINE_MM = 9.0
RUNNING_TITLE = "巨野县人民政府工作报告"


def cjk_font_file():
    """(path, face) of the CJK font the plots use, or None (the test is then skipped)."""
    from juye_analysis.plots.fonts import find_cjk_font

    font = find_cjk_font()
    return (font.path, font.face) if font and font.truetype_outlines else None


def _lines(text: str):
    """(start offset, line, is_title_block) of each non-empty line of a normalised text."""
    pos, out, front = 0, [], True
    for line in text.split("\n"):
        if SALUTATION.match(line):
            front = False
        if line.strip():
            out.append((pos, line, front))
        pos += len(line) + 1
    return out


def _wrap(pdf, line: str, width: float, indent: float) -> list[tuple[int, str]]:
    """(offset in line, piece) of the line broken at the text width (first line indented)."""
    pieces, start, avail = [], 0, width - indent
    for i in range(1, len(line) + 1):
        if pdf.get_string_width(line[start:i]) > avail:
            pieces.append((start, line[start:i - 1]))
            start, avail = i - 1, width
    pieces.append((start, line[start:]))
    return pieces


def typeset_pdf(text: str, path: Path, font: tuple[Path, int]) -> np.ndarray:
    """Write ``text`` (one paragraph a line) as a typeset PDF; return the page of each character."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_X, TOP, MARGIN_X)
    pdf.add_font("cjk", fname=str(font[0]), collection_font_number=font[1])
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))  # reproducible bytes
    width = PAGE_W - 2 * MARGIN_X
    page_of = np.zeros(len(text) + 1, dtype=np.int64)
    y = [PAGE_H]  # forces the first page

    def new_page():
        pdf.add_page()
        n = pdf.page_no()
        pdf.set_font("cjk", size=10.5)
        if n > 1:
            pdf.set_xy(MARGIN_X, 15)
            pdf.cell(width, 6, RUNNING_TITLE, align="C")
        pdf.set_xy(MARGIN_X, PAGE_H - 22)
        pdf.cell(width, 6, f"— {n} —", align="C")
        pdf.set_font("cjk", size=FONT_PT)
        y[0] = TOP

    for start, line, front in _lines(text):
        pdf.set_font("cjk", size=FONT_PT)
        indent = 0.0 if front else 2 * pdf.get_string_width("一")
        for k, (off, piece) in enumerate(_wrap(pdf, line, width, indent)):
            if y[0] + LINE_MM > PAGE_H - BOTTOM:
                new_page()
            x = MARGIN_X + (indent if k == 0 else 0.0)
            if front:
                x = MARGIN_X + (width - pdf.get_string_width(piece)) / 2
            pdf.set_xy(x, y[0])
            pdf.cell(pdf.get_string_width(piece) + 0.01, LINE_MM, piece)
            page_of[start + off:start + off + len(piece) + 1] = pdf.page_no()
            y[0] += LINE_MM
        if front:
            y[0] += LINE_MM / 2
    pdf.output(str(path))
    return page_of


def write_docx(text: str, path: Path, page_of: np.ndarray) -> None:
    """Write ``text`` as a Word file, one paragraph a line, with a page break (``w:br
    w:type="page"``) before the character where ``page_of`` starts a new page."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    for start, line, _front in _lines(text):
        par = doc.add_paragraph()
        cuts = [i for i in range(1, len(line)) if page_of[start + i] != page_of[start + i - 1]]
        if start > 0 and page_of[start] != page_of[start - 1] and page_of[start - 1]:
            par.add_run().add_break(WD_BREAK.PAGE)
        pos = 0
        for cut in cuts:
            par.add_run(line[pos:cut]).add_break(WD_BREAK.PAGE)
            pos = cut
        par.add_run(line[pos:])
    doc.save(str(path))


def scanned_pdf(pdf_path: Path, out: Path, scale: float = 3.0, pages: int | None = None) -> None:
    """The PDF (its first ``pages``) rendered to images and wrapped as an image-only PDF (a
    scan, no text layer)."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    src = pdfium.PdfDocument(str(pdf_path))
    img_pdf = FPDF(format="A4", unit="mm")
    for i in range(min(len(src), pages or len(src))):
        image = src[i].render(scale=scale, grayscale=True).to_pil()
        img_pdf.add_page()
        img_pdf.image(image, x=0, y=0, w=PAGE_W, h=PAGE_H)
    img_pdf.output(str(out))
