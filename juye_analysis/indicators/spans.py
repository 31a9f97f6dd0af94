"""Numbers of a stretch of several years (a five-year review, 过去五年, “十三五”时期) that are one
year's figure after all, or an average: the level a span ended at (财政收入增加到20.4万亿元: the
review year's), the year written before the end of a change (由2002年7703元增加到2007年13786元:
2007's), and a level stated per year on average (城镇新增就业年均1270多万人, 平均每年…). The words
are in ``resources/extraction_words.csv`` (``span_end_verb``, ``average_growth``).
"""
from __future__ import annotations

import re
from ..numbers.lexicon import words

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


_BASE_YEAR = re.compile(r"(?:比|较|与|同)\s*((?:19|20)\d\d)年")


def one_year_base(clause: str, period: int | None) -> bool:
    """False when the clause of a growth rate compares with a year other than the one before its
    period (比2002年增长65.5% in a sentence about 2007: a growth over five years, no year's)."""
    m = list(_BASE_YEAR.finditer(clause))
    return not m or (period is not None and int(m[-1].group(1)) == period - 1)


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
