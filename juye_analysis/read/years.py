"""The years of a report, from its text: ``report_year`` (the year it plans for), ``review_year``
(the year it reviews, always one less) and the session date when the text gives it.

Evidence, strongest first (a stronger kind decides; a weaker one that disagrees is noted):

1. ``date_line``: the subtitle ——2023年1月6日在…人民代表大会…, (二○二二年十二月二十日), 工作报告(2023年1月9日),
   2015年4月27日的…政府工作报告. A session from October on plans for the next year (December 2022 → 2023).
2. ``heading``: the part headings (一、2023年工作回顾 → 2024; 二、2024年…总体要求 → 2024), the parts a news
   text lists (报告分为“2018年工作回顾”和“2019年工作安排”), 〇〇八年 (a lost 二) → 2008; 20XX (masked) gives none.
3. ``title``: a title line 2023年…政府工作报告 / 汉滨区2025年政府工作报告 / 政府工作报告提出：2010年….
4. ``phrase``: 回顾了2024年的工作, 刚刚过去的2017年, 2022年…计划执行情况 (→ the next year); 2018年…主要预期目标,
   2025年目标任务 (→ that year), anywhere in the text.
5. ``opening`` (weak): a paragraph opening 2009年，… or 据初步统计，2015年，… (→ the next year).

Within a kind the years must agree (a tie is ambiguous: no year); a kind 1–4 whose years are
unanimous is *unambiguous*: a ``--year`` or ``reports.csv`` that contradicts it is an error, while
an ambiguous or weak text defers to them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from .. import resource_files as resources
from .headings import PINYIN_DEBRIS, is_heading, outline_titles
from .parts import is_plan_role, is_review_role, title_role


_CN = "〇○零一二三四五六七八九十"
_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_Y = rf"(\d{{4}}|[{_CN[:-1]}]{{3,4}})年"
_MD = rf"(\d{{1,2}}|[{_CN}]{{1,3}})月(\d{{1,2}}|[{_CN}]{{1,3}})日"


def _number(s: str) -> int:
    """2023, 二○二二 (digit by digit), 〇〇八 (a lost leading 二: 2008), 十二, 二十, 三十一."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        digits = "".join(str(_DIGIT[c]) for c in s)
        return int("2" + digits) if len(s) == 3 and s[0] in "〇○零" else int(digits)
    tens, _, ones = s.partition("十")
    return (_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[ones] if ones else 0)


def _plans_for(year: int, month: int) -> int:
    """The year a session held in ``month`` of ``year`` plans for."""
    return year + 1 if month >= int(resources.structure()["session_next_year_from_month"][0]) else year


_DATE_LINES = [
    re.compile(rf"{_Y}{_MD}(?:在|[）)])"),
    re.compile(rf"[（(]{_Y}{_MD}[）)]"),
    re.compile(rf"{_Y}{_MD}的[^。\n]{{0,20}}政府工作报告"),
]


_TITLE = [re.compile(rf"{_Y}[^。\n]{{0,25}}?政府工作报告"),
          re.compile(rf"政府工作报告[^。\n]{{0,6}}?{_Y}")]


_REVIEW_PHRASE = re.compile(rf"回顾(?:了)?{_Y}(?:的)?工作|(?:刚刚|即将)?过去的{_Y}|{_Y}(?:的)?工作回顾"
                            rf"|{_Y}(?:国民经济和社会发展)?计划执行情况")


_PLAN_PHRASE = re.compile(rf"{_Y}(?:的)?(?:目标任务|工作安排|主要任务|重点工作|政府工作任务|工作总体部署"
                          rf"|(?:政府)?工作(?:的)?总体要求)|{_Y}[^。，；\n]{{0,16}}?(?:主要)?预期目标")


_OPENING = re.compile(rf"(?:^|\n)[“\"]?(?:据初步统计[，,]|预计)?{_Y}[，,是]")


_NEWS_DATE = re.compile(rf"{_MD[:-1]}(?:上午|下午)?[^。\n]{{0,40}}?人民代表大会第[{_CN}]+次会议[^。\n]{{0,30}}?开幕")


KINDS = ("date_line", "heading", "title", "phrase", "opening")


@dataclass
class Years:
    """What the text says about its years: ``report_year`` (None when it does not say, or its
    strongest evidence is a tie), ``rule`` (the kind of evidence that decided), ``evidence`` (its
    words), ``unambiguous`` (see the module docstring), ``session_date`` (ISO or ""), ``notes``
    (weaker evidence that disagrees: "title says 2010")."""

    report_year: int | None = None
    rule: str = ""
    evidence: str = ""
    unambiguous: bool = False
    session_date: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def review_year(self) -> int | None:
        return None if self.report_year is None else self.report_year - 1


def _first_year(m: re.Match) -> int:
    return _number(next(g for g in m.groups() if g))


def _votes(text: str) -> tuple[dict[str, list[tuple[int, str]]], str]:
    """kind → [(report year, words)], and the session date found on a date line."""
    head = text[:3000]
    votes: dict[str, list[tuple[int, str]]] = {k: [] for k in KINDS}
    date = ""
    for pattern in _DATE_LINES:
        for m in pattern.finditer(head):
            y, mo, d = (_number(g) for g in m.groups()[:3])
            if 1 <= mo <= 12 and 1 <= d <= 31 and 1949 < y < 2100:
                votes["date_line"].append((_plans_for(y, mo), m.group(0)))
                date = date or f"{y:04d}-{mo:02d}-{d:02d}"
    headings = [ln.strip() for ln in text.split("\n") if is_heading(ln)] or outline_titles(text)
    for title in headings:
        role = title_role(title)[0]
        if (m := re.search(_Y, title)) and (is_review_role(role) or (is_plan_role(role) and role != "five_year_plan")):
            y = _number(m.group(1))
            votes["heading"].append((y + 1 if is_review_role(role) else y, title))
    front = [ln for ln in head.split("\n") if ln.strip() and len(ln) <= 80 and "。" not in ln][:10]
    for line in front:  # the first title line only: a later one may be a news line
        if m := next((m for p in _TITLE for m in [p.search(line)] if m), None):
            votes["title"].append((_number(m.group(1)), line.strip()))
            break
    body = text[:200_000]
    votes["phrase"] += [(_first_year(m) + 1, m.group(0)) for m in _REVIEW_PHRASE.finditer(body)]
    votes["phrase"] += [(_first_year(m), m.group(0)) for m in _PLAN_PHRASE.finditer(body)]
    votes["opening"] += [(_number(m.group(1)) + 1, m.group(0).strip()) for m in _OPENING.finditer(body)]
    return votes, date


def infer_report_years(text: str) -> Years:
    """The report's years as the text gives them (see the module docstring)."""
    text = PINYIN_DEBRIS.sub("", text)
    votes, date = _votes(text)
    out = Years()
    for kind in KINDS:
        if not votes[kind]:
            continue
        counts = Counter(y for y, _ in votes[kind]).most_common()
        if out.report_year is None and not out.rule:
            out.rule = kind
            if len(counts) > 1 and counts[0][1] == counts[1][1]:
                out.notes.append(f"{kind} says {' and '.join(str(y) for y, _ in counts)}")
                continue
            out.report_year = counts[0][0]
            out.evidence = next(w for y, w in votes[kind] if y == out.report_year)
            out.unambiguous = len(counts) == 1 and kind != "opening"
        elif out.report_year is not None and counts[0][0] != out.report_year and kind != "opening":
            out.notes.append(f"{kind} says {counts[0][0]}")
    if not date and out.report_year is not None and (m := _NEWS_DATE.search(text[:5000])):
        mo, d = _number(m.group(1)), _number(m.group(2))
        y = out.report_year - 1 if mo >= 10 else out.report_year
        date = f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""
    out.session_date = date
    if out.report_year is None and re.search(r"20[Xx]{2}年", text):
        out.notes.append("the page masks its years as 20XX")
    return out
