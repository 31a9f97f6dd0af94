"""A report as data: its metadata, its normalised text and its structure, sentence by sentence.

``read_report(path)`` reads any report file; ``sentences_table(report)`` gives one row per sentence
with its part (一、二、三), section ((一)… or the "这一年，我们…" paragraphs of the review part),
item (一是…, 1.…10.) and offsets into the normalised text and into the raw file.
"""
from __future__ import annotations

import re
import pandas as pd
from .. import resource_files as resources
from .headings import INLINE_HEADING, LIST_ITEM, PART_HEADING, SALUTATION, SECTION_HEADING, is_heading, outline_titles
from .parts import decide_roles, is_review_role, part_role, title_role  # noqa: F401 (part_role re-exported)
from .report import Report, cn_ordinal


SENTENCE_COLUMNS = [
    "report_id", "sentence_no", "paragraph_no", "part_no", "part", "part_role", "part_role_rule", "section_no",
    "section", "item_no", "item", "parent_item", "is_heading", "heading", "start", "end", "raw_start",
    "raw_end", "page", "text_source", "text",
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


def _heading_lines(lines: list[str]) -> tuple[list[tuple[int, str]], set[int]]:
    """[(line index, title)] of the part heading lines, and the indices of those that are a table
    of contents (提纲): a run of headings whose first title is repeated by a later heading."""
    heads = [(i, _clean_title(PART_HEADING.sub("", ln.strip(), count=1))) for i, ln in enumerate(lines)
             if is_heading(ln)]
    for k in range(1, len(heads)):
        if heads[k][1] == heads[0][1]:
            return heads, {i for i, _ in heads[:k]}
    return heads, set()


def sentences_table(report: Report) -> pd.DataFrame:
    """One row per sentence of the report.

    Columns: report_id, sentence_no (1-based), paragraph_no (1-based), part_no (0 = the title block
    and opening before the first part heading; 1 when the text has no parts), part (the part's
    title without its number, "2023年工作回顾"), part_role (preamble, review, five_year_review,
    targets, tasks, plan, five_year_plan, self_building, other, unknown: see
    ``read.parts``), part_role_rule (the rule of ``part_roles.csv`` that decided it, or
    before_first_part, no_parts, after_plan_part …), section_no (0 = outside any section),
    section (its title), item_no, item (the marker as written: "一是", "1."), parent_item (the item a numbered list sits in, "四是"),
    is_heading (the sentence is a part heading, "一、2023年工作回顾", also one run into its first sentence),
    heading (part | section | item | outline (a line of the table of contents) | "": the
    sentence that names its part, section or item, e.g. "（一）聚焦固根本…。" or
    "一是双招双引成效突出。"), start, end (offsets into the normalised text), raw_start, raw_end
    (offsets into the decoded raw file; for a PDF or Word file, into its extracted text
    layer), page (the page where the sentence starts, from 1; <NA> for a text or web page file),
    text_source (text: a text or web page file; pdf_text: a PDF's text layer; docx; ocr: read
    by OCR from a scanned PDF, to be checked), text.
    """
    text = report.text
    norm = report.normalized
    lines = text.split("\n")
    heads, outline = _heading_lines(lines)
    has_parts = bool(set(i for i, _ in heads) - outline) or any(
        INLINE_HEADING.match(s.lstrip()) for ln in lines for s in _line_sentences(ln))
    part_no, part, review = (0 if has_parts else 1), "", False
    section_no, section = 0, ""
    item_no, item, parent_item = 0, "", ""
    openers = resources.section_openers()
    rows = []
    pos = 0
    for paragraph_no, line in enumerate(lines, start=1):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        heading = False
        names_section = False
        list_match = LIST_ITEM.match(line)
        if is_heading(line) and paragraph_no - 1 not in outline:
            part_no += 1
            part = _clean_title(PART_HEADING.sub("", line.strip(), count=1))
            review = is_review_role(title_role(part)[0])
            section_no, section, item_no, item, parent_item = 0, "", 0, "", ""
            heading = True
        elif (m := SECTION_HEADING.match(line)) and part_no >= 1:
            section_no = cn_ordinal(m.group(0)[1:-1])
            first = split_sentences(line)[0]
            section = _clean_title(line[m.end():first[1]])
            item_no, item, parent_item = 0, "", ""
            names_section = True
        elif review and any(line.startswith(o) for o in openers):
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
        for k, (s, e) in enumerate(_line_sentences(line, spans=True)):
            sentence = line[s:e]
            lead = sentence.lstrip()
            names = "part" if heading else ("section" if names_section and k == 0 else "")
            if paragraph_no - 1 in outline:
                names = "outline"
            elif not heading and (m := INLINE_HEADING.match(lead)):  # 一、过去五年工作回顾本届政府…
                part_no += 1
                part = m.group(1)
                review = is_review_role(title_role(part)[0])
                section_no, section, item_no, item, parent_item = 0, "", 0, "", ""
                cut = s + (len(sentence) - len(lead)) + m.end()
                rows.append(_row(report, norm, paragraph_no, part_no, part, 0, "", 0, "", "", True,
                                 "part", line_start + s, line_start + cut, line[s:cut]))
                s, sentence, lead = cut, line[cut:e], line[cut:e]
            if not list_match and (m := _ITEM.match(lead)):
                item_no, item, parent_item = cn_ordinal(m.group(1)), m.group(0), ""
                names = names or "item"
            rows.append(_row(report, norm, paragraph_no, part_no, part, section_no, section, item_no,
                             item, parent_item, heading, names, line_start + s, line_start + e, sentence))
    df = pd.DataFrame(rows, columns=[c for c in SENTENCE_COLUMNS
                                     if c not in ("sentence_no", "part_role", "part_role_rule", "page", "text_source")])
    df.insert(1, "sentence_no", range(1, len(df) + 1))
    df.insert(len(df.columns) - 1, "page", norm.pages_of(df["raw_start"].to_numpy()))
    df.insert(len(df.columns) - 1, "text_source", report.text_source)
    roles = _roles(df, has_parts)
    df.insert(5, "part_role", [roles[p][0] for p in df["part_no"]])
    df.insert(6, "part_role_rule", [roles[p][1] for p in df["part_no"]])
    return df.astype({"page": "Int64", "sentence_no": "int64", "paragraph_no": "int64", "part_no": "int64",
                      "section_no": "int64", "item_no": "int64", "start": "int64", "end": "int64",
                      "raw_start": "int64", "raw_end": "int64", "is_heading": "bool"})


def _line_sentences(line: str, spans: bool = False):
    """The sentences of a line (their spans with ``spans``)."""
    out = split_sentences(line)
    return out if spans else [line[s:e] for s, e in out]


def _row(report, norm, paragraph_no, part_no, part, section_no, section, item_no, item, parent_item,
         heading, names, start, end, sentence) -> dict:
    return {"report_id": report.report_id, "paragraph_no": paragraph_no, "part_no": part_no,
            "part": part, "section_no": section_no, "section": section, "item_no": item_no,
            "item": item, "parent_item": parent_item, "is_heading": heading, "heading": names,
            "start": start, "end": end, "raw_start": norm.raw_start(start),
            "raw_end": norm.raw_end(end), "text": sentence}


def _roles(df: pd.DataFrame, has_parts: bool) -> dict[int, tuple[str, str]]:
    """part_no → (role, rule): part 0 is the preamble, a text without parts is unknown."""
    if not has_parts:
        return {p: ("unknown", "no_parts") for p in set(df["part_no"])}
    body = df[~df["is_heading"]]
    parts = df[df["part_no"] > 0].drop_duplicates("part_no")
    contents = [" ".join(body.loc[body["part_no"] == p, "text"]) or None for p in parts["part_no"]]
    decided = decide_roles(parts["part"].tolist(), contents)
    return {0: ("preamble", "before_first_part"), **dict(zip(parts["part_no"].tolist(), decided))}


def report_parts(report: Report, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The report's parts as the text shows them: its part headings; the table of contents
    (提纲) when it lists more parts than the text shows; else the parts a news text lists
    ("报告共分为三个部分：…"). Empty when the text shows none.

    Columns: part_no, part (its title), part_role, part_role_rule, source (heading | outline |
    news_outline).
    """
    cols = ["part_no", "part", "part_role", "part_role_rule", "source"]
    s = sentences if sentences is not None else sentences_table(report)
    body = s[s["part_no"] > 0].drop_duplicates("part_no")
    if s["is_heading"].any():
        rows = [(r.part_no, r.part, r.part_role, r.part_role_rule, "heading") for r in body.itertuples()]
    else:
        rows = []
    lines = report.text.split("\n")
    heads, outline = _heading_lines(lines)
    listed = [(i, t) for i, t in heads if i in outline]
    if len(listed) > len(rows):
        bounds = [i for i, _ in listed] + [max(listed[-1][0] + 1, next(
            (i for i, ln in enumerate(lines) if i > listed[-1][0] and SALUTATION.match(ln)), len(lines)))]
        contents = ["\n".join(ln for ln in lines[a + 1:b] if ln.strip()) or None for a, b in zip(bounds, bounds[1:])]
        decided = decide_roles([t for _, t in listed], contents)
        rows = [(k, t, r, rule, "outline") for k, ((_, t), (r, rule)) in enumerate(zip(listed, decided), start=1)]
    elif not rows and (titles := outline_titles(report.text)):
        decided = decide_roles(titles, [None] * len(titles))
        rows = [(k, t, r, rule, "news_outline") for k, (t, (r, rule)) in enumerate(zip(titles, decided), start=1)]
    return pd.DataFrame(rows, columns=cols)


def parts_summary(parts: pd.DataFrame) -> str:
    """The parts as one string, "2023年工作回顾=review | 2024年…=plan" (the gold's format)."""
    return " | ".join(f"{r.part}={r.part_role}" for r in parts.itertuples())


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
