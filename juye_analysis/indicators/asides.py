"""Asides around an indicator's numbers, read so that they are never taken for its value or end its
segment: a note in brackets after the name (（验资）), a milestone passed (突破千亿元，达…), a comparison
with an old target (，高于年初人代会12%的目标14.4个百分点，), an amount after a growth word (增加2000元: the
increase), and the qualifier of an index written without a unit (控制在103以内). Words in
``resources/extraction_words.csv`` (kinds milestone_word, milestone_then, target_compare,
growth_up, growth_down) and ``qualifiers.csv``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from ..numbers.lexicon import words
from ..read.chars import _HAN_RANGES
from .rows import _alt


# a short note in brackets right after a name says how it is counted (实际利用外资（验资）,
# 财政收入（不含基金）, 固定资产投资（不含农户）): no word between the name and its number
_NAME_NOTE = re.compile(rf"^[(（][{_HAN_RANGES}]{{1,8}}[)）]")


def strip_gap_asides(gap: str) -> str:
    """``gap`` (the words between a name and its first number) without a note in brackets right
    after the name."""
    if not gap:
        return gap
    return _NAME_NOTE.sub("", gap)


@lru_cache(maxsize=None)
def _milestone_regex() -> re.Pattern:
    """A milestone clause (``milestone_word`` … ，) followed by the value's verb
    (``milestone_then``): 突破千亿元，达 …; 首次突破百亿元大关，达到 …"""
    return re.compile("(?:" + _alt(words("milestone_word")) + r")[^，,；;。]{1,12}[，,]"
                      "(?=" + _alt(words("milestone_then")) + ")")


@lru_cache(maxsize=None)
def _target_compare_regex() -> re.Pattern:
    """A clause comparing the outcome with an old target (``target_compare`` word … 目标 …，):
    高于年初人代会12%的目标14.4个百分点，"""
    return re.compile("(?:" + _alt(words("target_compare")) + r")[^，,；;。]{0,20}目标[^，,；;。]{0,15}[，,]")


def target_compare_spans(sentence: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The clauses between ``lo`` and ``hi`` that compare an outcome with its old target
    (…增长26.4%，高于年初人代会12%的目标14.4个百分点，年均增长20%): an aside whose numbers are
    the target's, never the outcome's; the clauses after it still continue the name."""
    out = []
    for k in range(lo + 1, hi):
        if sentence[k - 1] in "，,":
            m = _target_compare_regex().match(sentence, k)
            if m and m.end() <= hi:
                out.append((m.start(), m.end()))
    return out


def milestone_spans(sentence: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The milestone clauses (突破千亿元，) between ``lo`` and ``hi``, as (start, end) offsets:
    a round mark the level passed, never its value; the value follows (达1082.18亿元)."""
    out = []
    for k in range(lo, hi):
        if k == lo or sentence[k - 1] in "，,":
            m = _milestone_regex().match(sentence, k)
            if m and m.end() <= hi:
                out.append((m.start(), m.end()))
    return out


def without_marks(gap: str, s_text: str, marks: list[tuple[int, int]]) -> str:
    """``gap`` without the milestone clauses (突破千亿元，) and old-target asides in it."""
    for a, b in marks:
        gap = gap.replace(s_text[a:b], "", 1)
    return gap


def _growth_words() -> tuple[str, ...]:
    return tuple(words("growth_up")) + tuple(words("growth_down"))


def increment(gap: str) -> bool:
    """The words before a level end with a growth word (增加, 净增, 比上年减少 …; not 增加到, 增至):
    the number is a change, not the level."""
    from ..numbers.qualifiers import qualifiers

    tail = gap.rstrip(" ")
    for w in sorted(qualifiers()["qualifier"], key=len, reverse=True):
        if tail.endswith(w):
            tail = tail[:-len(w)]
            break
    return tail.endswith(_growth_words())


def names_a_change(defs_row) -> bool:
    """An indicator whose name is a change (农村贫困人口减少, 新增贷款): its value is one."""
    return any(w in defs_row["name_zh"] for w in _growth_words())


def index_qualifier(s_text: str, end: int, qualifier) -> str:
    """The qualifier of an index written without a unit: one written right after it (控制在103
    以内 → 以内, which the scanner reads only after a unit), else the scanner's."""
    after = next((w for w in sorted(_after_qualifiers()) if s_text.startswith(w, end)), "")
    return after or str(qualifier or "")


@lru_cache(maxsize=None)
def _after_qualifiers() -> frozenset[str]:
    from ..numbers.qualifiers import qualifiers

    q = qualifiers()
    return frozenset(q.loc[q["position"] == "after", "qualifier"])
