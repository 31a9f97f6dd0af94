"""A report as data: its metadata, its normalised text and its structure, sentence by sentence.

``read_report(path)`` reads any report file; ``sentences_table(report)`` gives one row per sentence
with its part (一、二、三), section ((一)… or the "这一年，我们…" paragraphs of the review part),
item (一是…, 1.…10.) and offsets into the normalised text and into the raw file.
"""
from __future__ import annotations

import re
import pandas as pd
from .. import resource_files as resources
from .headings import LIST_ITEM, PART_HEADING, SALUTATION, SECTION_HEADING, is_heading
from .report import Report, cn_ordinal


SENTENCE_COLUMNS = [
    "report_id", "sentence_no", "paragraph_no", "part_no", "part", "part_role", "section_no",
    "section", "item_no", "item", "parent_item", "is_heading", "heading", "start", "end", "raw_start",
    "raw_end", "text",
]


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
