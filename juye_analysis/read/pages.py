"""A paged document's text layer: its lines, page by page, made into one text with what the
normaliser must drop (running headers and footers) and join (lines wrapped at the page width).

The text (``TextLayer.text``) is the lines as extracted, joined by line breaks, and is what every
``raw_start``/``raw_end`` of a PDF or Word report points into; nothing is removed from it here:
the spans to drop and the line breaks to join are handed to :func:`.normalize.normalize`, which
deletes them on its offset-tracked buffer.

A line is a running header or footer when it is among the first or last two lines of its page
and is a page number (``resources/page_furniture.csv``: — 3 —, -3-, 第3页) or a line repeated at
the edge of half the pages or more (a running title). A line break is a wrap inside a paragraph
when the line before it reaches the right margin and the line after it is not indented and not
set apart by extra space (from the PDF's character boxes; a page end counts as a line break).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median


@dataclass
class Line:
    """One line of a page: its text and, when the document gives them, its left and right edges,
    its baseline (points, y up) and the size of its characters."""

    text: str
    page: int  # 1-based
    left: float | None = None
    right: float | None = None
    bottom: float | None = None
    em: float | None = None


@dataclass(frozen=True)
class TextLayer:
    """The text of a PDF or Word file and how to read it (see the module docstring)."""

    text: str
    fmt: str  # pdf | docx
    text_source: str  # pdf_text | docx | ocr
    page_starts: tuple[int, ...] = ()  # offset in text where each page begins; () when unknown
    drop: tuple[tuple[int, int], ...] = ()  # spans of running headers and footers
    joins: tuple[int, ...] = ()  # offsets of the line breaks that are wraps inside a paragraph
    notes: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def _furniture() -> tuple[tuple[re.Pattern, str], ...]:
    from ..resource_files import page_furniture

    return tuple((re.compile(p), kind) for p, kind in page_furniture())


_EDGE = 2  # lines at the top and at the bottom of a page that may be a header or footer


def _page_number(line: str) -> tuple[str, int] | None:
    """(kind, number) when the line is a page number of ``page_furniture.csv``."""
    s = "".join(line.split())
    for pattern, kind in _furniture():
        if pattern.fullmatch(s):
            return kind, int(re.search(r"\d+", s).group())
    return None


def _edges(pages: dict[int, list[int]]) -> dict[int, list[int]]:
    return {p: idx[:_EDGE] + [i for i in idx[-_EDGE:] if i not in idx[:_EDGE]] for p, idx in pages.items()}


def running_lines(lines: list[Line]) -> tuple[set[int], Counter]:
    """Indices of the lines that are running headers or footers, and a count by kind."""
    pages: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.text.strip():
            pages.setdefault(ln.page, []).append(i)
    edges = _edges(pages)
    found, counts = set(), Counter()
    bare: dict[int, list[int]] = {}
    for page, idx in edges.items():
        for i in idx:
            hit = _page_number(lines[i].text)
            if hit and hit[0] == "page_number":
                found.add(i)
                counts["page numbers"] += 1
            elif hit:
                bare.setdefault(hit[1] - page, []).append(i)
    if bare:
        shift, idx = max(bare.items(), key=lambda kv: len(kv[1]))
        if len(idx) >= 2:
            found.update(idx)
            counts["page numbers"] += len(idx)
    key = {i: re.sub(r"\d+", "#", "".join(lines[i].text.split())) for idx in edges.values() for i in idx}
    by_key = Counter(k for _, k in {(p, key[i]) for p, idx in edges.items() for i in idx if i not in found})
    needed = max(2, (len(pages) + 1) // 2)
    for page, idx in edges.items():
        for i in idx:
            k = key[i]
            if i not in found and by_key[k] >= needed and len(k) <= 40 and "。" not in k:
                found.add(i)
                counts["repeated title lines"] += 1
    return found, counts


def _wraps(lines: list[Line], body: list[int]) -> list[tuple[int, int]]:
    """Pairs (a, b) of consecutive body lines where b continues a's paragraph."""
    geo = [i for i in body if lines[i].right is not None]
    if len(geo) < 3:
        return []
    lefts = sorted(lines[i].left for i in geo)
    rights = sorted(lines[i].right for i in geo)
    ems = [lines[i].em for i in geo if lines[i].em]
    if not ems:
        return []
    em = median(ems)
    margin_left = lefts[len(lefts) // 10]
    margin_right = rights[(9 * len(rights)) // 10]
    pitches = [lines[a].bottom - lines[b].bottom for a, b in zip(geo, geo[1:])
               if lines[a].page == lines[b].page and lines[a].bottom > lines[b].bottom]
    pitch = median(pitches) if pitches else None
    out = []
    for a, b in zip(body, body[1:]):
        la, lb = lines[a], lines[b]
        if la.right is None or lb.left is None:
            continue
        full = la.right >= margin_right - 1.2 * em
        indented = lb.left >= margin_left + 1.2 * em
        spaced = (pitch is not None and la.page == lb.page
                  and la.bottom - lb.bottom > 1.4 * pitch)
        if full and not indented and not spaced:
            out.append((a, b))
    return out


def layer_from_lines(lines: list[Line], fmt: str, text_source: str, n_pages: int,
                     notes: tuple[str, ...] = (), paged: bool = True) -> TextLayer:
    """The text layer of a document's lines (in reading order): the text, each page's start,
    the running lines to drop and the wraps to join, and the notes for ``cleaning``."""
    starts, pos = [], 0
    page_starts: list[int] = []
    for ln in lines:
        while paged and len(page_starts) < ln.page:
            page_starts.append(pos)
        starts.append(pos)
        pos += len(ln.text) + 1
    while paged and len(page_starts) < n_pages:
        page_starts.append(max(pos - 1, 0))
    text = "\n".join(ln.text for ln in lines)
    running, counts = running_lines(lines) if paged else (set(), Counter())
    body = [i for i, ln in enumerate(lines) if i not in running and ln.text.strip()]
    wraps = _wraps(lines, body)
    drop = tuple((starts[i], min(starts[i] + len(lines[i].text) + 1, len(text))) for i in sorted(running))
    joins = tuple(starts[a] + len(lines[a].text) for a, _ in wraps if starts[a] + len(lines[a].text) < len(text))
    out = list(notes)
    if counts:
        out.append(f"{fmt}: " + ", ".join(f"{n} {what}" for what, n in counts.items())
                   + " (headers and footers) dropped")
    if joins:
        out.append(f"{len(joins)} lines wrapped at the page width joined")
    return TextLayer(text, fmt, text_source, tuple(page_starts), drop, joins, tuple(out))
