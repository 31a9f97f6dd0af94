"""The fields of an indicator row read from the words around its name and numbers: whether the
name is the headline indicator or a part of it (scope), whether the number is about several
years (multi-year), its modifier (力争, 确保), basis (名义, 实际, 可比, 同口径, 自然口径), whether
it is an estimate (预计, 初步核算), and the span of an average annual rate (年均增长 over
十三五, 过去五年 …). Every word list is in ``resources/extraction_words.csv`` and the spans in
``resources/periods.csv``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from ..numbers.lexicon import words
from .. import resource_files as resources
from .rows import _alt


_YEAR_WORD = re.compile(r"(?:19|20)\d\d年(?:全年|以来)?|[〇○零一二两三四五六七八九]{4}年"
                        r"|\d{1,2}[.．、]\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]|[●■◆▲•·]\s*")
_BASE_YEAR = re.compile(r"(?:比|较)((?:19|20)\d\d)年")
_YEARS_SPAN = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[-—–~～至到]\s*((?:19|20)\d\d)年")


@lru_cache(maxsize=None)
def _prefix_regex() -> re.Pattern:
    return re.compile("(?:" + _alt(words("scope_prefix")) + ")")


def _jurisdiction_names(report) -> tuple[str, ...]:
    """The report's own place name (巨野县) and its short form (巨野), when the metadata has one."""
    name = str((getattr(report, "meta", None) or {}).get("county") or "")
    if len(name) < 2:
        return ()
    short = re.sub(r"(?:自治县|县|市|区|旗|省|州)$", "", name)
    return tuple(n for n in (name, short) if len(n) >= 2)


def headline_scope(pre: str, report=None) -> bool:
    """True when the words between the clause start and an indicator name (``pre``) are only
    what may stand there (extraction_words kind ``scope_prefix``: 全县, 全年, 实现, 其中 …, a year,
    the report's own place name); anything else (租赁和商务服务业增加值, “新三样”出口) names a
    sub-sector, a sub-group or a product, not the headline indicator."""
    rest = pre.strip(" \u3000")
    names = _jurisdiction_names(report) if report is not None else ()
    while rest:
        m = _YEAR_WORD.match(rest) or _prefix_regex().match(rest)
        if m and m.end() > 0:
            rest = rest[m.end():]
            continue
        name = next((n for n in names if rest.startswith(n)), "")
        if name:
            rest = rest[len(name):]
            continue
        return False
    return True


@lru_cache(maxsize=None)
def _purpose_words() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for v in words("purpose_scope"):
        key, word = v.split(":", 1)
        out.setdefault(key, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


def purpose_scope(key: str, before: str) -> bool:
    """True when the sentence before an indicator's name says what the amount is for
    (extraction_words kind ``purpose_scope``, ``key:word``: 加大对科技、教育…的投入，全国财政支出
    2.82万亿元 is the spending on them, not all spending)."""
    return any(w in before for w in _purpose_words().get(key, ()))


@lru_cache(maxsize=None)
def _from_regex() -> re.Pattern:
    """A from-word (从, 由) with an optional year (从2009年的) right before a number."""
    return re.compile("(?:" + _alt(words("from_word")) + r")(?:(?:(?:19|20)\d\d年|去年|上年)(?:的|底|末)?)?"
                      r"(?:" + _alt(words("from_qualifier")) + ")?$")


def from_starts(s_text: str, s0: int, qs) -> dict[int, tuple[int, int]]:
    """{start of a number: (start of its from-word, end of the number)} for the numbers a change
    starts from (城镇化率从47.5%提高到51.5%; 由2002年7703元增加到2007年13786元): never the
    indicator's value."""
    out = {}
    for q in qs:
        m = _from_regex().search(s_text, 0, q.start - s0)
        if m:
            out[q.start] = (s0 + m.start(), int(q.end))
    return out


def without_starts(s_text: str, s0: int, lo: int, hi: int, starts: dict) -> str:
    """The words of ``s_text[lo:hi]`` with each from-stretch (从47.5%) and the year of the end
    point (提高到2012年的) cut out: what stands between a name and its value."""
    parts, i = [], lo
    spans = sorted((a - s0, b - s0) for a, b in starts.values())
    for a, b in spans:
        if lo <= a < hi:
            parts.append(s_text[i:a])
            i = min(b, hi)
    parts.append(s_text[i:hi])
    gap = "".join(parts)
    return re.sub(r"(?<=[到至])(?:(?:19|20)\d\d年|去年)的?", "", gap) if spans else gap


def past_span_context(text: str) -> bool:
    """Words of years gone by (过去五年, 五年来; ``past_span`` words) in a plan part's paragraph:
    its numbers are achievements, not the plan's goals."""
    return any(w in text for w in words("past_span"))


def plan_end(title: str, review_year: int) -> int | None:
    """The last year of the five-year plan a part title names (the latest, when it names two:
    “十三五”时期发展成就和“十四五”时期主要目标任务 → 2025), if it ends after the review year."""
    best = None
    for phrase, relative, a, b in _periods():
        if relative != "true" and phrase in title and b > review_year:
            best = b if best is None else max(best, b)
    return best


def multi_year(clause: str) -> bool:
    """A clause about several years or a multiple (累计, 翻一番, 五年来 …; ``multi_year`` words)."""
    return any(w in clause for w in words("multi_year"))


def multi_year_context(text: str) -> bool:
    """A sentence, paragraph or part about several years (过去五年, 五年来, “十三五”时期 …;
    ``multi_year_context`` words): its numbers without a year of their own are not one year's."""
    return any(w in text for w in words("multi_year_context"))


def modifier(before: str) -> str:
    """力争, 确保, 争取 … written in the clause before a number (the last one written)."""
    best, pos = "", -1
    for w in words("modifier"):
        k = before.rfind(w)
        if k > pos:
            best, pos = w, k
    return best


@lru_cache(maxsize=None)
def _basis_words() -> tuple[tuple[str, str], ...]:
    pairs = [tuple(v.split(":", 1)) for v in words("basis")]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def basis(gap: str) -> str:
    """The basis of a growth rate written between the name and the rate (名义增长, 可比增长,
    同口径增长, 自然增幅, 现价增长 → 名义), as the table writes it; "" when none is written."""
    best, pos = "", -1
    for word, value in _basis_words():
        k = gap.rfind(word)
        if k > pos:
            best, pos = value, k
    return best


def level_basis(before: str) -> str:
    """The basis of a level without a rate, from the words before its name in the sentence:
    constant prices (按2010年价格计算，2015年国内生产总值将超过55万亿元 → 可比; ``level_basis``
    words, ``word:basis``); "" when none is written."""
    for v in words("level_basis"):
        word, value = v.split(":", 1)
        if word in before:
            return value
    return ""


def estimated(before: str) -> bool:
    """预计, 初步核算, 初步统计 (``estimate_word``) written before the number in its sentence."""
    return any(w in before for w in words("estimate_word"))


@lru_cache(maxsize=None)
def _periods() -> tuple[tuple[str, str, int, int], ...]:
    df = resources.periods()
    rows = [(p, r, int(a), int(b)) for p, r, a, b in
            zip(df["phrase"], df["relative"], df["start"], df["end"])]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


def average_span(texts: list[str], report_year: int,
                 end_year: int | None = None) -> tuple[int, int] | None:
    """(first year, last year) of an average annual rate, from the first of ``texts`` (the text
    before the rate in its sentence, then the paragraph, then the part title) that names a span:
    2019—2023年; a base year in the rate's sentence (比2002年增长65.5%，年均增长10.6%: from the
    year after it to ``end_year``, the year the sentence is about, when known); or a phrase of
    periods.csv (十三五 → 2016, 2020; 过去五年 in a report of year Y → Y-5, Y-1). None when no
    text names one: the row is then left out."""
    for n, text in enumerate(texts):
        if not text:
            continue
        spans = list(_YEARS_SPAN.finditer(text))
        if spans:
            a, b = spans[-1].groups()
            return int(a), int(b)
        base = list(_BASE_YEAR.finditer(text)) if n == 0 and end_year is not None else []
        if base and int(base[-1].group(1)) < end_year:
            return int(base[-1].group(1)) + 1, end_year
        best = None
        for phrase, relative, a, b in _periods():
            k = text.rfind(phrase)
            if k >= 0 and (best is None or k > best[0]):
                best = (k, (report_year + a, report_year + b) if relative == "true" else (a, b))
        if best:
            return best[1]
    return None
