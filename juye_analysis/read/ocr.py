"""OCR of a scanned PDF (the optional ``ocr`` extra): pages rendered with pypdfium2 at 300 dpi,
read by Tesseract (``chi_sim``) through pytesseract. Rows from such text carry
``text_source`` = ocr: check their numbers in the audit view before citing them.
"""
from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path
from ..errors import UserError
from .pages import Line, TextLayer, layer_from_lines


OCR_LANG = "chi_sim"


def ocr_install_hint() -> str:
    return ("to read it by OCR install Tesseract with Simplified Chinese (Debian/Ubuntu: apt-get "
            "install tesseract-ocr tesseract-ocr-chi-sim) and pytesseract (pip install -e '.[ocr]'), "
            "or give the report as text")


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Tesseract on the PATH with ``chi_sim`` data, and pytesseract importable."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return OCR_LANG in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - any failure to run tesseract means no OCR
        return False


def ocr_text_layer(data: bytes, path: str | Path, why: str) -> TextLayer:
    """The text of a scanned PDF by OCR, page by page (no line geometry: the text repairs join
    its lines)."""
    import pypdfium2 as pdfium
    import pytesseract

    doc = pdfium.PdfDocument(data)
    lines = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=300 / 72, grayscale=True).to_pil()
            text = pytesseract.image_to_string(image, lang=OCR_LANG)
            lines += [Line(t.strip(), i + 1) for t in text.splitlines() if t.strip()]
        n_pages = len(doc)
    finally:
        doc.close()
    if not lines:
        raise UserError(path, f"{why}; OCR found no text in it either")
    return layer_from_lines(lines, "pdf", "ocr", n_pages,
                            notes=(f"pdf: {n_pages} pages read by OCR (Tesseract {OCR_LANG}; check the numbers)",))
