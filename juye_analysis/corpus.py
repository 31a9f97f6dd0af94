"""A report as data: its metadata, its normalised text and its structure, sentence by sentence.

``read_report(path)`` reads any report file; ``sentences_table(report)`` gives one row per sentence
with its part (一、二、三), section ((一)… or the "这一年，我们…" paragraphs of the review part),
item (一是…, 1.…10.) and offsets into the normalised text and into the raw file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import resources
from .errors import UserError
from .text import (LIST_ITEM, PART_HEADING, SALUTATION, SECTION_HEADING, NormalizedText, is_heading,
                   normalize, read_text)

SENTENCE_COLUMNS = [
    "report_id", "sentence_no", "paragraph_no", "part_no", "part", "part_role", "section_no",
    "section", "item_no", "item", "parent_item", "is_heading", "heading", "start", "end", "raw_start",
    "raw_end", "text",
]

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_ordinal(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (ordinals of headings and items, up to 99)."""
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@dataclass
class Report:
    """One report: metadata, raw and normalised text."""

    report_id: str
    path: Path
    normalized: NormalizedText
    encoding: str
    sha256: str
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def report_year(self) -> int:
        return int(self.meta["report_year"])

    @property
    def review_year(self) -> int:
        return int(self.meta["review_year"])


# --- the report year and the county -----------------------------------------------------------

_REVIEW_YEAR = [
    re.compile(r"(\d{4})年(?:的)?工作回顾"),
    re.compile(r"回顾(?:了)?(\d{4})年(?:的)?工作"),
    re.compile(r"过去的?(\d{4})年"),
]
_PLAN_YEAR = [
    re.compile(r"(\d{4})年(?:的)?(?:目标任务|工作安排|主要任务|重点工作|政府工作安排|主要预期目标)"),
    re.compile(r"(\d{4})年(?:政府)?工作(?:的)?总体要求"),
]


def infer_years(text: str) -> tuple[int | None, int | None]:
    """(report_year, review_year) from the text, e.g. "一、2023年工作回顾" → (2024, 2023).

    A review year y gives report year y + 1 and vice versa; a contradiction gives (None, None).
    """
    head = text[:200_000]
    review = next((int(m.group(1)) for p in _REVIEW_YEAR for m in [p.search(head)] if m), None)
    plan = next((int(m.group(1)) for p in _PLAN_YEAR for m in [p.search(head)] if m), None)
    if review and plan and plan != review + 1:
        return None, None
    if plan:
        return plan, plan - 1
    if review:
        return review + 1, review
    return None, None


_COUNTY = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:自治县|县|市|区|旗))第[一二三四五六七八九十]+届人民代表大会")


def infer_county(text: str) -> str | None:
    """The county named in "巨野县第十九届人民代表大会…", with province or city prefixes removed."""
    m = _COUNTY.search(text[:5000])
    if not m:
        return None
    name = m.group(1)
    for prefix in sorted(resources.admin_prefixes(), key=len, reverse=True):
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix):]
            break
    return name


# --- reading ----------------------------------------------------------------------------------

def read_report(path: str | Path, *, year: int | None = None, meta: dict | None = None,
                report_id: str | None = None) -> Report:
    """Read and normalise any report file.

    The report (session) year comes from ``meta`` (a row of ``reports.csv``), else ``year``, else
    the text; when none gives it a :class:`UserError` asks for ``--year``.
    """
    import hashlib

    path = Path(path)
    raw, encoding, data = read_text(path)
    try:
        norm = normalize(raw)
    except UserError as exc:
        raise UserError(path, exc.problem) from None
    meta = dict(meta or {})
    text_year = infer_years(norm.text)[0]
    if meta.get("report_year") not in (None, ""):
        report_year, given = int(meta["report_year"]), "reports.csv says"
    elif year is not None:
        report_year, given = int(year), "--year"
    elif text_year is not None:
        report_year, given = text_year, ""
    else:
        raise UserError(path, "cannot infer the report year from the text; give it with --year YEAR "
                              "(or report_year in reports.csv)")
    if given and text_year is not None and text_year != report_year:
        raise UserError(path, f"{given} {report_year} but the text says {text_year} (its review and "
                              "plan headings); a report of session year Y reviews Y-1")
    meta["report_year"] = report_year
    if meta.get("review_year") in (None, ""):
        meta["review_year"] = report_year - 1
    if not meta.get("county"):
        meta["county"] = infer_county(norm.text) or ""
    rid = report_id or meta.get("report_id") or path.stem
    meta["report_id"] = rid
    return Report(rid, path, norm, encoding, hashlib.sha256(data).hexdigest(), meta)


def report_from_text(text: str, *, report_id: str = "text", year: int | None = None) -> Report:
    """A report from a string (tests, notebooks)."""
    import hashlib

    norm = normalize(text)
    report_year = year or infer_years(norm.text)[0]
    if report_year is None:
        raise UserError(report_id, "cannot infer the report year from the text; give it with year=")
    meta = {"report_id": report_id, "report_year": report_year, "review_year": report_year - 1,
            "county": infer_county(norm.text) or ""}
    return Report(report_id, Path(report_id), norm, "utf-8",
                  hashlib.sha256(text.encode()).hexdigest(), meta)


# --- structure --------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？!?]*?(?:[。！？!?]+|……|$)[”’」』）)】》]*")
_ITEM = re.compile(r"^([一二三四五六七八九十]{1,3})是")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a paragraph; ends after 。！？ and any closing quote."""
    spans = []
    for m in _SENTENCE.finditer(paragraph):
        s, e = m.span()
        if e > s and paragraph[s:e].strip():
            spans.append((s, e))
    return spans


def _clean_title(s: str) -> str:
    return s.strip().rstrip("。；;：:，,").strip()


def part_role(title: str) -> str:
    """review | plan | self_building | other, from the part title (keywords in structure.csv)."""
    for role, keywords in resources.part_roles().items():
        if any(k in title for k in keywords):
            return role
    return "other"


def sentences_table(report: Report) -> pd.DataFrame:
    """One row per sentence of the report.

    Columns: report_id, sentence_no (1-based), paragraph_no (1-based), part_no (0 = the title block
    and opening before the first part heading; 1 when the text has no parts), part (the part's
    title without its number, "2023年工作回顾"), part_role (preamble, review, plan, self_building,
    other, unknown), section_no (0 = outside any section), section (its title), item_no, item (the
    marker as written: "一是", "1."), parent_item (the item a numbered list sits in, "四是"),
    is_heading (the sentence is a part heading line, "一、2023年工作回顾"), heading (part | section |
    item | "": the sentence that names its part, section or item, e.g. "（一）聚焦固根本…。" or
    "一是双招双引成效突出。"), start, end (offsets into the normalised text), raw_start, raw_end
    (offsets into the decoded raw file), text.
    """
    text = report.text
    norm = report.normalized
    has_parts = any(is_heading(line) for line in text.split("\n"))
    part_no, part, role = (0, "", "preamble") if has_parts else (1, "", "unknown")
    section_no, section = 0, ""
    item_no, item, parent_item = 0, "", ""
    openers = resources.section_openers()
    rows = []
    pos = 0
    for paragraph_no, line in enumerate(text.split("\n"), start=1):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        heading = False
        names_section = False
        list_match = LIST_ITEM.match(line)
        if is_heading(line):
            part_no += 1
            part = _clean_title(PART_HEADING.sub("", line, count=1))
            role = part_role(part)
            section_no, section, item_no, item, parent_item = 0, "", 0, "", ""
            heading = True
        elif (m := SECTION_HEADING.match(line)) and part_no >= 1:
            section_no = cn_ordinal(m.group(0)[1:-1])
            first = split_sentences(line)[0]
            section = _clean_title(line[m.end():first[1]])
            item_no, item, parent_item = 0, "", ""
            names_section = True
        elif role == "review" and any(line.startswith(o) for o in openers):
            section_no += 1
            first = split_sentences(line)[0]
            section = _clean_title(line[first[0]:first[1]])
            item_no, item, parent_item = 0, "", ""
            names_section = True
        elif SALUTATION.match(line):
            section_no, section, item_no, item, parent_item = 0, "", 0, "", ""
        elif list_match and item:
            parent_item = parent_item or item
        if list_match and (parent_item or section_no):
            item_no = int(list_match.group(1))
            item = list_match.group(0)
            parent_item = parent_item or ""
        for k, (s, e) in enumerate(split_sentences(line)):
            sentence = line[s:e]
            lead = sentence.lstrip()
            names = "part" if heading else ("section" if names_section and k == 0 else "")
            if not list_match and (m := _ITEM.match(lead)):
                item_no, item, parent_item = cn_ordinal(m.group(1)), m.group(0), ""
                names = names or "item"
            start, end = line_start + s, line_start + e
            rows.append({
                "report_id": report.report_id, "paragraph_no": paragraph_no, "part_no": part_no,
                "part": part, "part_role": role, "section_no": section_no, "section": section,
                "item_no": item_no, "item": item, "parent_item": parent_item,
                "is_heading": heading, "heading": names, "start": start, "end": end,
                "raw_start": norm.raw_start(start), "raw_end": norm.raw_end(end), "text": sentence,
            })
    df = pd.DataFrame(rows, columns=[c for c in SENTENCE_COLUMNS if c != "sentence_no"])
    df.insert(1, "sentence_no", range(1, len(df) + 1))
    return df.astype({"sentence_no": "int64", "paragraph_no": "int64", "part_no": "int64",
                      "section_no": "int64", "item_no": "int64", "start": "int64", "end": "int64",
                      "raw_start": "int64", "raw_end": "int64", "is_heading": "bool"})


def structure_summary(sentences: pd.DataFrame) -> pd.DataFrame:
    """Size of each part and section.

    Columns: report_id, part_no, part, part_role, section_no, section, n_sentences, n_chars,
    share_chars (of the report's characters in sentences).
    """
    keys = ["report_id", "part_no", "part", "part_role", "section_no", "section"]
    df = sentences.assign(n_chars=sentences["end"] - sentences["start"])
    out = (df.groupby(keys, sort=False, dropna=False)
             .agg(n_sentences=("sentence_no", "size"), n_chars=("n_chars", "sum"))
             .reset_index())
    out["share_chars"] = out["n_chars"] / out.groupby("report_id")["n_chars"].transform("sum")
    return out
