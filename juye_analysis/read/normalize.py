"""Read a report file as it comes and normalise it, keeping a map back to the raw text.

Normalisation only ever *deletes* characters or *replaces one character by one*, so every
character of the normalised text has exactly one position in the decoded raw text
(``NormalizedText.offsets``) and no Han character, digit or letter is lost (tests check this)
except the pinyin glosses a page glues after characters (``會(huì)``), which are no report text.

What it repairs (all seen in reports extracted from PDF or copied from web pages):
line ends (CRLF, CR); full-width digits, letters, spaces and ``％``; half-width brackets around
Chinese (``(二)`` → ``（二）``); stray ``**`` bold markers; spaces next to Chinese characters
(``5.1 万亩`` → ``5.1万亩``); sentences broken by page breaks and blank lines (joined); blank
lines (one paragraph per line). Headings and real paragraph breaks stay. Repairs of
:mod:`.breaks`, each counted in ``notes`` (the ``cleaning`` column): numbers split by a space at a
PDF wrap (``2 .7倍``, ``20 11年``), ``○`` for the zero of Arabic digits (``2○23年``), pinyin glosses
(``報(bào)告``); zero-width characters dropped are counted too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
import numpy as np
from ..errors import UserError
from .headings import SALUTATION, SECTION_HEADING, SPEAKER, _ends_sentence, _starts_block, is_heading
from .traditional import to_simplified, traditional_share
from .web import drop_data_uris, drop_navigation_lines, looks_like_html, strip_html
from .breaks import circle_zeros, drop_pinyin_glosses, join_split_numbers, radicals_to_han
from .chars import _HAN_RANGES, _INVISIBLE, _WIDTH, _is_cjk


_WIDTH.update({i: i - 0xFEE0 for i in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ


_WIDTH.update({i: i - 0xFEE0 for i in range(0xFF41, 0xFF5B)})  # ａ-ｚ


_WIDTH.update({0x3000: 0x20, 0xFF05: ord("%"), 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20,
               0x2009: 0x20, 0x202F: 0x20, 0x0009: 0x20, 0x000B: 0x20, 0x000C: 0x20, 0x000D: 0x0A})


@dataclass(frozen=True)
class NormalizedText:
    """The normalised text with, for each of its characters, the position in the raw text."""

    text: str
    raw: str
    offsets: np.ndarray  # len(text) + 1 entries; offsets[len(text)] == len(raw)
    notes: tuple[str, ...] = ()  # what was repaired beyond the usual ("html", "traditional→simplified: 812 characters")
    page_starts: tuple[int, ...] = ()  # raw offset where each page begins (PDF, Word); () when the file has no pages
    text_source: str = "text"  # text (a text or web page file), pdf_text, docx, ocr

    def raw_start(self, start: int) -> int:
        return int(self.offsets[start])

    def raw_end(self, end: int) -> int:
        """Raw end offset (exclusive) for a normalised end offset (exclusive)."""
        return int(self.offsets[end - 1]) + 1 if end > 0 else 0

    def page_at(self, raw_offset: int) -> int | None:
        """The page (1-based) of a raw offset, or None when the file has no pages."""
        if not self.page_starts:
            return None
        return int(np.searchsorted(np.asarray(self.page_starts), raw_offset, side="right"))

    def pages_of(self, raw_offsets) -> "pd.array":
        """The page of each raw offset as a nullable integer array (all <NA> without pages)."""
        import pandas as pd

        offsets = np.asarray(raw_offsets, dtype=np.int64)
        if not self.page_starts:
            return pd.array([pd.NA] * len(offsets), dtype="Int64")
        return pd.array(np.searchsorted(np.asarray(self.page_starts), offsets, side="right"), dtype="Int64")


class _Buffer:
    """Text plus raw offsets; edits are 1:1 replacements or deletions."""

    def __init__(self, raw: str):
        self.chars = np.frombuffer(raw.encode("utf-32-le"), dtype=np.uint32).copy()
        self.offsets = np.arange(len(self.chars), dtype=np.int64)

    @property
    def text(self) -> str:
        return self.chars.tobytes().decode("utf-32-le")

    def translate(self, table: dict[int, int]) -> None:
        text = self.text
        if any(chr(k) in text for k in table):
            self.chars = np.frombuffer(text.translate(table).encode("utf-32-le"), dtype=np.uint32).copy()

    def replace_at(self, positions, char: str) -> None:
        if len(positions):
            self.chars[np.asarray(positions, dtype=np.int64)] = ord(char)

    def delete_spans(self, spans) -> None:
        if not spans:
            return
        keep = np.ones(len(self.chars), dtype=bool)
        for start, end in spans:
            keep[start:end] = False
        self.chars = self.chars[keep]
        self.offsets = self.offsets[keep]

    def delete_matches(self, pattern: re.Pattern, group: int = 0) -> None:
        self.delete_spans([m.span(group) for m in pattern.finditer(self.text) if m.start(group) < m.end(group)])


_SPACES = re.compile(r"[ ]+")


_BOLD = re.compile(r"\*{2,}")


_HALF_PARENS = re.compile(rf"\(([^()\n]{{0,40}}?[{_HAN_RANGES}][^()\n]{{0,40}}?)\)")


_BLANK_RUN = re.compile(r"\n[ \n]*\n|^\n+|\n+$")


def normalize(raw: str, *, traditional: str = "convert", layer=None) -> NormalizedText:
    """Normalise a decoded report text (see the module docstring).

    Web pages lose their tags, entities and navigation lines, any text its data: URIs (inline
    images); Traditional Chinese is converted to
    Simplified with OpenCC (``traditional="convert"``) or refused (``"refuse"``). ``layer`` (a
    :class:`~.pages.TextLayer`, whose ``text`` is ``raw``) is a PDF's or Word file's: its
    running headers and footers are dropped and its wrapped lines joined first, and the
    normalised text keeps its pages.
    """
    notes = []
    buf = _Buffer(raw)
    if layer is not None:
        buf.delete_spans(sorted([*layer.drop, *((j, j + 1) for j in layer.joins)]))
        notes.extend(layer.notes)
    # CRLF → LF: delete the CR of CRLF; a lone CR becomes LF in the width table.
    buf.delete_spans([(m.start(), m.start() + 1) for m in re.finditer("\r\n", buf.text)])
    if looks_like_html(text := buf.text):
        notes.append(strip_html(buf))
    elif "data:" in text and (uris := drop_data_uris(buf))[0]:
        notes.append(f"{uris[0]} data URI{'s' * (uris[0] > 1)} ({uris[1]:,} characters) dropped")
    buf.translate(_WIDTH)
    if radicals := radicals_to_han(buf):
        notes.append(f"{radicals} CJK radical or compatibility code point{'s' * (radicals > 1)} (⼀ for 一) read as the character")
    _digit_punctuation(buf)
    if invisible := len(_INVISIBLE.findall(buf.text)):
        buf.delete_matches(_INVISIBLE)
        notes.append(f"{invisible} zero-width character{'s' * (invisible > 1)} dropped")
    if (share := traditional_share(buf.text)) > 0.02:
        if traditional == "refuse":
            raise UserError(None, f"the text is in Traditional Chinese ({share:.0%} of its characters)")
        notes.append(f"traditional→simplified: {to_simplified(buf)} characters (OpenCC t2s)")
    buf.delete_matches(_BOLD)
    _bracket_pairs(buf)
    _remove_artefact_spaces(buf)
    if joined := join_split_numbers(buf):
        notes.append(f"{joined} number{'s' * (joined > 1)} split by a space joined")
    if zeros := circle_zeros(buf):
        notes.append(f"{zeros} ○ inside Arabic digits read as 0")
    if dropped := drop_navigation_lines(buf):
        notes.append(f"{dropped} navigation lines dropped")
    _join_broken_lines(buf)
    if glosses := drop_pinyin_glosses(buf):
        notes.append(f"{glosses} pinyin gloss{'es' * (glosses > 1)} (會(huì)) dropped")
    return NormalizedText(buf.text, raw, np.append(buf.offsets, len(raw)), tuple(notes),
                          layer.page_starts if layer is not None else (),
                          layer.text_source if layer is not None else "text")


_FW_DECIMAL = re.compile(r"(?<=\d)．(?=\d)")


_FW_THOUSANDS = re.compile(r"(?<![\d,，.])\d{1,3}(?:，\d{3})+(?![\d，])")


def _digit_punctuation(buf: _Buffer) -> None:
    """Full-width punctuation inside numbers: １２３４．５ → 1234.5, １，２３４ → 1,234."""
    text = buf.text
    buf.replace_at([m.start() for m in _FW_DECIMAL.finditer(text)], ".")
    commas = [m.start() + i for m in _FW_THOUSANDS.finditer(text) for i, c in enumerate(m.group()) if c == "，"]
    buf.replace_at(commas, ",")


def _bracket_pairs(buf: _Buffer) -> None:
    text = buf.text
    opens, closes = [], []
    for m in _HALF_PARENS.finditer(text):
        opens.append(m.start())
        closes.append(m.end() - 1)
    buf.replace_at(opens, "（")
    buf.replace_at(closes, "）")


def _remove_artefact_spaces(buf: _Buffer) -> None:
    text = buf.text
    spans = []
    for m in _SPACES.finditer(text):
        s, e = m.span()
        before = text[s - 1] if s > 0 else "\n"
        after = text[e] if e < len(text) else "\n"
        if before == "\n" or after == "\n" or _is_cjk(before) or _is_cjk(after):
            spans.append((s, e))
    buf.delete_spans(spans)


def _join_broken_lines(buf: _Buffer) -> None:
    """One paragraph per line: join lines broken inside a sentence, collapse blank lines."""
    text = buf.text
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spans = []
    in_front = True  # title block before the first sentence or salutation
    open_heading = ""
    for (s1, e1), (s2, e2) in zip(lines, lines[1:]):
        a, b = text[s1:e1], text[s2:e2]
        if in_front and (SALUTATION.match(a) or _ends_sentence(a) or "。" in a):
            in_front = False
        if in_front:
            join = (not is_heading(a) and len(a) <= 25 and len(b) <= 25 and not re.search("[：:]", a + b)
                    and not SPEAKER.search(b) and not SPEAKER.search(a) and not _starts_block(b)
                    and not _ends_sentence(a))
        elif open_heading:  # a heading broken inside 《…》: 三、关于《 / …纲要（草案） / 》的说明
            open_heading += a
            join = open_heading.count("《") > open_heading.count("》")
            open_heading = open_heading if join else ""
        else:
            bare_section = bool(SECTION_HEADING.match(a)) and "。" not in a and len(a) <= 40
            join = not (_ends_sentence(a) or is_heading(a) or bare_section or _starts_block(b))
            if is_heading(a) and a.count("《") > a.count("》"):
                join, open_heading = True, a
        if join:
            spans.append((e1, s2))  # the line break(s) between the two halves of a sentence
        elif s2 - e1 > 1:
            spans.append((e1 + 1, s2))  # extra blank lines
    if lines:
        spans.append((0, lines[0][0]))
        spans.append((lines[-1][1], len(text)))
    buf.delete_spans(spans)
