"""A PDF's text layer, read with pypdfium2 (PDFium: fast, good with CJK fonts' Unicode maps,
Apache-2.0/BSD), line by line with each line's edges, in reading order (top to bottom).

A text layer that is empty (a scanned PDF) or garbled (a font without a Unicode map: no Han
characters, private-use code points) is one clear line; a scanned PDF is read by OCR instead
when Tesseract with its Simplified Chinese data and pytesseract are installed (:mod:`.ocr`).
"""
from __future__ import annotations

from pathlib import Path
from ..errors import UserError
from .chars import _HAN
from .pages import Line, TextLayer, layer_from_lines


def _page_lines(textpage, page_no: int) -> list[Line]:
    """The lines of one page, sorted top to bottom, with their edges when PDFium's character
    list lines up with its text (it does unless a character lies outside the BMP)."""
    text = textpage.get_text_range()
    geometry = len(text) == textpage.count_chars()
    lines, pos = [], 0
    for piece in text.split("\n"):
        start, pos = pos, pos + len(piece) + 1
        body = piece.rstrip("\r")
        if not body.strip():
            continue
        if not geometry:
            lines.append(Line(body, page_no))
            continue
        first = start + len(body) - len(body.lstrip())
        last = start + len(body.rstrip()) - 1
        l0, b0, r0, t0 = textpage.get_charbox(first)
        _, _, r1, _ = textpage.get_charbox(last)
        em = (t0 - b0) / 0.9 if _HAN.match(text[first]) else None  # a Han glyph's box is ~0.9 em
        lines.append(Line(body.strip(), page_no, l0, r1, b0, em))
    if geometry:
        lines.sort(key=lambda ln: (-round(ln.bottom), ln.left))
    return lines


def text_layer_problem(text: str, n_pages: int) -> str | None:
    """Why a PDF's text layer cannot be read as a report, or None: fewer than 20 characters a
    page (a scan, or pages of images), or a layer that is not Chinese text (a font whose
    characters map to private-use code points or to no Han character)."""
    chars = "".join(text.split())
    if len(chars) < 20 * max(n_pages, 1):
        return (f"the PDF has no text layer ({len(chars)} characters on {n_pages} "
                f"page{'s' * (n_pages != 1)}): a scanned PDF?")
    han = len(_HAN.findall(chars))
    odd = sum(1 for c in chars if 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd")
    if han < len(chars) / 5 or odd > len(chars) / 50:
        return (f"the PDF's text layer is garbled ({han} Han characters of {len(chars)}, {odd} "
                "private-use or unknown): its fonts map characters to no Unicode")
    return None


def pdf_text_layer(data: bytes, path: str | Path) -> TextLayer:
    """The text layer of a PDF file's bytes (see the module docstring); :class:`UserError` for
    a PDF that cannot be opened (damaged, password-protected) or has no usable text layer."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        why = "it is password-protected" if "password" in str(exc).lower() else f"damaged? {exc}"
        raise UserError(path, f"cannot open the PDF ({why})") from None
    try:
        n_pages = len(doc)
        lines = []
        for i in range(n_pages):
            page = doc[i]
            textpage = page.get_textpage()
            lines += _page_lines(textpage, i + 1)
            textpage.close()
            page.close()
    finally:
        doc.close()
    layer = layer_from_lines(lines, "pdf", "pdf_text", n_pages,
                             notes=(f"pdf: {n_pages} page{'s' * (n_pages != 1)}",))
    problem = text_layer_problem(layer.text, n_pages)
    if problem is None:
        return layer
    from .ocr import ocr_available, ocr_install_hint, ocr_text_layer

    if ocr_available():
        return ocr_text_layer(data, path, problem)
    raise UserError(path, f"{problem}; {ocr_install_hint()}")
