"""Numbers of a stretch of several years (a five-year review, 过去五年, “十三五”时期) that are one
year's figure after all, or an average: the level a span ended at (财政收入增加到20.4万亿元: the
review year's), the year written before the end of a change (由2002年7703元增加到2007年13786元:
2007's), and a level stated per year on average (城镇新增就业年均1270多万人, 平均每年…). The words
are in ``resources/extraction_words.csv`` (``span_end_verb``, ``average_growth``). Also the
two rules that keep one row a key when a report says a thing twice: a share yields to the whole
(中央财政赤字 to 财政赤字), a level read off the span to the year's own statement.
"""
from __future__ import annotations

import re
from ..numbers.lexicon import words
from ..read.parts import is_review_role, role_kinds
from . import fields

_TO_YEAR = re.compile(r"[到至]\s*((?:19|20)\d\d)年(?:的|底|末)?$")


def to_year(lead: str) -> int | None:
    """The year written between the verb of a change and its end value (增加到2007年13786元:
    2007), from the text before the value; None when there is none."""
    m = _TO_YEAR.search(lead)
    return int(m.group(1)) if m else None


def span_end(gap: str) -> bool:
    """A verb of a level reached (增加到, 提高到, 达到, 突破: ``span_end_verb``) between a name and
    its value: in a review of several years, the level the span ended at; not a sum of its years
    (合计达到, 共达: ``span_sum``)."""
    return any(w in gap for w in words("span_end_verb")) and not any(w in gap for w in words("span_sum"))


def average_value(before_name: str, clause: str) -> bool:
    """A level stated as a yearly average: 年均, 平均每年 (``average_growth``) at the end of the
    words before the name (平均每年城镇新增就业1000多万人) or in the number's own clause after it
    (城镇新增就业年均1270多万人)."""
    avg = words("average_growth")
    return before_name.endswith(avg) or any(w in clause for w in avg)


_BASE_YEAR = re.compile(r"(?:比|较|与|同)\s*((?:19|20)\d\d|[一二三四五六七八九〇○零]{4})年")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}


def one_year_base(clause: str, period: int | None) -> bool:
    """False when the clause of a growth rate compares with a year other than the one before its
    period (比2002年增长65.5% in a sentence about 2007, 比一九八○年增长…: a growth over several
    years, no year's)."""
    m = list(_BASE_YEAR.finditer(clause))
    if not m:
        return True
    year = int("".join(_CN_DIGIT.get(c, c) for c in m[-1].group(1)))
    return period is not None and year == period - 1


_JOINED_HEAD = re.compile(r"[和、及与][^，,；;。：:\d]{1,20}?(?=均)")


def shared_by_jun(gap: str) -> str:
    """The words between a name and its number without the other members of a list that 均 says
    the number is each member's (广义货币M2和社会融资规模余额预期增长均为12%: 均为); ``gap``
    unchanged when it does not open with a list joiner followed, in the clause, by 均."""
    m = _JOINED_HEAD.match(gap)
    return gap[m.end():] if m else gap


def looks_ahead(lead: str) -> bool:
    """Words of a goal before a number (目标, 力争: ``target_word``; 今后, 末, 将: ``future_word``):
    in a review of several years the number is then no level the span ended at."""
    return any(w in lead for w in words("target_word") + words("future_word"))


def several_years(report, srow, period, kind, rule: str, year_before: bool, from_to: bool,
                  lead: str, paragraph: str, part: str, gap: str):
    """(period, kind, rule, multi) of a number once the stretch of years around it is known.

    A number without a year of its own in a sentence, paragraph or part about several years
    (``multi_year_context`` words; a five-year review part) is no one year's (period None,
    multi True: only an average is sure), unless, in a review, it is the end of the span: the
    year written before an end value (``to_year``), the end of a change 从A到B (``from_to_end``)
    or a level reached (``span_end``), all the review year's. A year or a review cue in the
    paragraph (刚刚过去的2017年, 去年) names the period over the part's title; in a five-year plan
    part, numbers of a paragraph about years gone by (过去五年) are no goals (period None).
    """
    named = rule in ("paragraph_year", "review_cue") and not fields.multi_year(lead + paragraph)
    if rule == "plan_end":
        if fields.past_span_context(lead + paragraph):
            period = None  # 过去五年… inside a plan part: the achievements, not the goals
        return period, kind, rule, False
    if year_before or not (fields.multi_year_context(lead + paragraph + ("" if named else part))
                           or (period is None and role_kinds().get(srow.part_role) == "five_year")):
        return period, kind, rule, False
    end_year = to_year(lead)
    if not is_review_role(srow.part_role) or looks_ahead(lead):
        return None, kind, rule, True  # “十四五”末…达到500亿元, 力争…: a goal, not the span's end
    if from_to and end_year is not None and end_year <= report.review_year:
        return end_year, "actual", "to_year", True  # 由2002年7703元增加到2007年13786元
    if from_to:
        return report.review_year, "actual", "from_to_end", True  # 城镇化率从52.6%提高到58.5%
    if span_end(gap):
        return report.review_year, "actual", "span_end", True  # 财政收入增加到20.4万亿元
    return None, kind, rule, True


def parts_yield_to_whole(rows: list[dict]) -> list[dict]:
    """Drop a row whose name opens with a ``part_scope`` word (中央财政赤字) when the report
    states the same indicator, period and kind under a name without one (财政赤字合计,
    全国财政赤字): the whole is the headline, the central share a part of it."""
    parts = words("part_scope")
    whole = {(r["indicator"], r["period"], r["kind"]) for r in rows
             if not r["alias"].startswith(parts)}
    return [r for r in rows if not (r["alias"].startswith(parts)
                                    and (r["indicator"], r["period"], r["kind"]) in whole)]


_SPAN_RULES = ("/from_to_end", "/span_end", "/to_year")


def span_levels_yield(rows: list[dict]) -> list[dict]:
    """Drop a level read off a review of several years (国内生产总值从26.6万亿元增加到51.9万亿元)
    when the report states the same indicator for that year in its own words (国内生产总值增长
    7.8%, in the review of the year): the year's statement is the headline, one row a key."""
    own = {(r["indicator"], r["period"], r["kind"]) for r in rows
           if not r["average_annual"] and not r["rule"].endswith(_SPAN_RULES)}
    return [r for r in rows if not (r["rule"].endswith(_SPAN_RULES)
                                    and (r["indicator"], r["period"], r["kind"]) in own)]
