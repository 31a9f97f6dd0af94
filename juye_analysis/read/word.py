"""A Word file's (.docx) text, read with python-docx (MIT): the body's paragraphs and table
cells in order, one a line; its page breaks give the pages (the explicit ones, ``w:br
w:type="page"`` and ``pageBreakBefore``, else those Word recorded when it last laid the file out,
``w:lastRenderedPageBreak``; none: no page). Headers and footers are not in the body.
"""
from __future__ import annotations

import io
from pathlib import Path
from ..errors import UserError
from .pages import TextLayer


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph(p) -> tuple[str, list[int], list[int]]:
    """The paragraph's text, and the offsets in it of its explicit and its rendered page breaks."""
    out, explicit, rendered = [], [], []
    ppr = p.find(f"{_W}pPr")
    if ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None:
        explicit.append(0)
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag in (f"{_W}tab",):
            out.append(" ")
        elif tag == f"{_W}br":
            if el.get(f"{_W}type") == "page":
                explicit.append(len("".join(out)))
            elif el.get(f"{_W}type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == f"{_W}cr":
            out.append("\n")
        elif tag == f"{_W}lastRenderedPageBreak":
            rendered.append(len("".join(out)))
    return "".join(out), explicit, rendered


def _blocks(body):
    """Paragraph elements of the body in order, those inside tables included."""
    for el in body.iterchildren():
        if el.tag == f"{_W}p":
            yield el
        elif el.tag == f"{_W}tbl":
            yield from el.iter(f"{_W}p")


def docx_text_layer(data: bytes, path: str | Path) -> TextLayer:
    """The text of a .docx file's bytes; :class:`UserError` for one that cannot be opened."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise UserError(path, f"cannot open the Word file (damaged? {type(exc).__name__})") from None
    paragraphs = [_paragraph(p) for p in _blocks(document.element.body)]
    explicit = any(e for _, e, _ in paragraphs)
    rendered = any(r for _, _, r in paragraphs)
    parts, page_starts, pos = [], [0], 0
    for text, e, r in paragraphs:
        for cut in sorted(e if explicit else (r if rendered else [])):
            if pos + cut > 0:  # a break before the first text starts no page
                page_starts.append(pos + cut)
        if text.strip():
            parts.append(text)
            pos += len(text) + 1
    paged = explicit or rendered
    n = len(page_starts)
    note = f"docx: {n} page{'s' * (n != 1)} (from its page breaks)" if paged else "docx"
    return TextLayer("\n".join(parts), "docx", "docx", tuple(page_starts) if paged else (), notes=(note,))
