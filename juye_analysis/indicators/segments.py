"""Where an indicator's numbers are in its sentence: the segment after its name, the words allowed
between the name and its first number, 分别 clauses shared by several names, and the period and
kind (actual or target) of a number from the years, the part and the words around it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from ..numbers.lexicon import words
from ..numbers.clauses import DEBRIS
from .rows import _alt
from . import fields
from ..read.parts import role_kinds
from ..read.chars import _HAN_RANGES



@lru_cache(maxsize=None)
def _gap_regex() -> re.Pattern:
    """The words allowed between a name and its first number: verbs, growth words, qualifiers,
    the words of a basis (实际增长) and ``name_gap`` words (预期增长, 拟按)."""
    from ..numbers.qualifiers import qualifiers

    allowed = list(words("value_gap")) + list(words("growth_up")) + list(words("growth_down")) \
        + list(words("rate_gap")) + list(words("growth_gap")) + list(words("name_gap")) + list(qualifiers()["qualifier"]) \
        + [v.split(":", 1)[0] for v in words("basis")]
    return re.compile(_alt(allowed))
# a short note in brackets right after a name says how it is counted (实际利用外资（验资）,
# 财政收入（不含基金）, 固定资产投资（不含农户）): no word between the name and its number
_NAME_NOTE = re.compile(rf"^[(（][{_HAN_RANGES}]{{1,8}}[)）]")


@lru_cache(maxsize=None)
def _names_then_all() -> re.Pattern:
    """Further names of a list and a word that gives them all one number (固定资产投资、工业投资、
    服务业投资均增长12%: ``list_all`` words): the number is each name's."""
    return re.compile(rf"^(?:[、和及与][{_HAN_RANGES}]{{1,12}}?)+(?:" + _alt(words("list_all")) + ")")


def _gap_ok(gap: str) -> bool:
    gap = _NAME_NOTE.sub("", gap) if gap else gap
    gap = _names_then_all().sub("", gap) if gap else gap
    gap = _gap_regex().sub("", DEBRIS.sub("", gap)) if gap else gap
    return not gap.strip(" “”\"")
def _segment_end(sentence: str, start: int, stop: int) -> int:
    """End of an indicator's segment: its own clause, plus following clauses that continue it
    (增长…, 分别…, 总量全市第三, a milestone clause 突破千亿元，达…), never past a semicolon or
    full stop."""
    conts = words("continuation")
    marks = {k for span in milestone_spans(sentence, start, stop) for k in span}
    asides = {a for a, _ in target_compare_spans(sentence, start, stop)}
    i = start
    while i < stop:
        c = sentence[i]
        if c in "；;。":
            return i
        if c in "，,":
            rest = sentence[i + 1:]
            if not rest.startswith(conts) and i + 1 not in marks and i + 1 not in asides:
                return i
        i += 1
    return stop


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
def _fenbie_across_names(s_text, s0, matches, qs) -> dict[int, int]:
    """"城镇居民人均可支配收入38000元、农村居民人均可支配收入19000元，分别增长5%、7%": the rates
    of a 分别 clause, or of a clause listing them (实际增长8.4%和8%), go, in order, to the names
    before it in the same run. Returns
    {quantity start: index of its match}."""
    out: dict[int, int] = {}
    taken = 0  # names before an earlier list are that list's: a run starts after it
    for m in re.finditer(r"[^，,；;。]+", s_text):
        k_fb = m.group(0).find("分别")
        # the list starts after 分别 (财政总收入和地方财政收入分别增长10.6%和12.3%), else at its
        # first rate
        pivot = m.start() + k_fb if k_fb >= 0 else None
        rates = [q for q in qs if m.start() <= q.start - s0 < m.end()
                 and q.kind in ("growth_pct", "avg_growth_pct", "pct_point", "share_pct")
                 and (pivot is None or q.start - s0 > pivot)]
        if pivot is None:
            if not joined_list(s_text, s0, rates):
                continue
            pivot = rates[0].start - s0
        run_start = max(max(s_text.rfind(x, 0, m.start()) for x in "；;。") + 1, taken)
        taken = m.end()
        # a name with a rate of its own before the list (城镇化率提高2个百分点，…分别控制在…) is
        # not a member: the members follow the last such rate
        own = [q.end - s0 for q in qs if run_start <= q.start - s0 < pivot
               and q.kind in ("growth_pct", "pct_point", "share_pct")]
        floor = max(own, default=run_start)
        before = [k for k, f in enumerate(matches) if max(run_start, floor) <= f["start"] < pivot]
        if len(rates) < 2 or len(before) < len(rates) or any(len(matches[k]["keys"]) > 1 for k in before):
            continue
        if any(pivot < matches[k]["end"] for k in before):
            continue
        for q, k in zip(rates, before[-len(rates):]):
            out[q.start] = k
    return out
def joined_list(s_text: str, s0: int, qs) -> bool:
    """Two or more numbers with only a list joiner between each and the next (8.4%和8%, 4.8%、
    7.2%): a list whose members go, in order, to as many names."""
    if len(qs) < 2:
        return False
    joiners = set(words("list_joiner")) | {"、"}
    return all(s_text[a.end - s0:b.start - s0].strip() in joiners for a, b in zip(qs, qs[1:]))


@lru_cache(maxsize=None)
def _after_qualifiers() -> frozenset[str]:
    from ..numbers.qualifiers import qualifiers

    q = qualifiers()
    return frozenset(q.loc[q["position"] == "after", "qualifier"])


def shared_list_qualifiers(s_text: str, s0: int, qs) -> list:
    """``qs`` with the qualifier written after the last number of a list (分别增长10.6%和12.3%
    左右; 4.2%、3%以内) given to the members before it that have none: the list's numbers of
    one kind and unit, joined only by list joiners (:func:`joined_list`)."""
    qs = list(qs)
    after = _after_qualifiers()
    i = 0
    while i < len(qs):
        j = i
        while (j + 1 < len(qs) and qs[j + 1].kind == qs[i].kind and qs[j + 1].unit == qs[i].unit
               and joined_list(s_text, s0, qs[j:j + 2])):
            j += 1
        last = [p for p in str(qs[j].qualifier).split("|") if p]
        if j > i and last and last[-1] in after and s_text.startswith(last[-1], qs[j].end - s0 - len(last[-1])):
            for k in range(i, j):
                if not str(qs[k].qualifier or ""):
                    qs[k] = qs[k]._replace(qualifier=last[-1])
        i = j + 1
    return qs


def _is_period_year(text: str, start: int, end: int) -> bool:
    """A year names the period of the sentence's numbers, unless it is a base of comparison:
    a ``base_year_before`` word before it (比2020年, 与2020年相比, 自2020年), a
    ``base_year_after`` word after it (2020年以来, 在2020年基础上), or a multiple of it (是2011年的
    1.74倍: ``base_year_multiple``, the words before and after it joined by ``:``)."""
    if text[max(0, start - 1):start] in words("base_year_before"):
        return False
    if text.startswith(words("base_year_after"), end):
        return False
    for pair in words("base_year_multiple"):
        before, after = pair.split(":", 1)
        if text[max(0, start - len(before)):start] == before and text.startswith(after, end):
            return False
    return True


def _period_kind(report, srow, years_before: list[int], para_years: list[int], before: str,
                 paragraph: str = ""):
    """(period, kind, rule) for a number, from the text ``before`` it in its sentence, or
    (None, None, "") when unclear. In order: a year written before the name (``year``); target
    wording before the number (``target_word``: 主要预期目标, 力争 …; not 完成…目标, which reviews
    an old target); the part's role (``part_role``: review → the review year's outcome, plan,
    targets, tasks → the report year's target; in a review part only the strong
    ``target_cue`` words count), except that in a part of targets or of several years a
    ``review_cue`` (过去一年, 去年 …) later in the ``paragraph`` and sentence than any
    ``target_cue`` or ``plan_cue`` word makes the number the review year's outcome (``review_cue``: "过去一年，
    我们…。国内生产总值增长10.3%" in a part headed 2011年的工作); a year up to the review year
    earlier in the paragraph (``paragraph_year``), unless the paragraph opens a list of targets
    (主要预期目标是：, in a part of no plan role or a text without parts: ``paragraph_target``);
    words of a review (``actual_word``)."""
    review, plan = report.review_year, report.report_year
    if years_before:
        y = years_before[-1]
        return y, ("actual" if y <= review else "target"), "year"
    kind = role_kinds().get(srow.part_role, "")
    if kind == "five_year" and f"{review}年" in str(srow.part or ""):
        # "2021年及本届政府工作回顾": the part reviews the year as well as the term; its multi-year
        # figures (过去五年, 年均, 累计) are told apart by the multi-year rules of fields.py
        kind = "actual"
    cues = words("target_cue") if kind == "actual" else words("target_word")
    # in a five-year plan part, target words (预期目标) name the plan's goals, unless 今年 says
    # the year's
    if kind != "five_year" and _target_words(before, cues) and (
            kind != "plan_end" or any(w in before for w in words("plan_cue"))):
        return plan, "target", "target_word"
    if kind in ("target", "five_year") and _review_cue_last(paragraph + before):
        return review, "actual", "review_cue"
    if kind == "plan_end":  # a five-year plan part: goals for the plan's last year
        end = fields.plan_end(str(srow.part or ""), review)
        return (end, "target", "plan_end") if end is not None else (None, None, "")
    if kind == "actual":
        return review, "actual", "part_role"
    if kind == "target":
        return plan, "target", "part_role"
    if kind == "five_year":
        # "刚刚过去的2017年，…。国内生产总值增长6.9%": a year earlier in the paragraph (not a base
        # of comparison: 2012年以来) makes the part's numbers that year's
        if para_years and para_years[-1] <= review:
            return para_years[-1], "actual", "paragraph_year"
        return None, None, ""
    if _opens_targets(paragraph) and not _review_cue_last(paragraph + before):
        # a text without parts (a news summary): 主要预期目标是：… opens the paragraph's targets,
        # on after a full stop (…控制在7.2‰以内。城镇居民人均可支配收入实际增长8%)
        return plan, "target", "paragraph_target"
    if para_years and para_years[-1] <= review:  # a later year earlier in the paragraph is
        return para_years[-1], "actual", "paragraph_year"  # no commitment by itself
    if any(w in before for w in words("actual_word")):
        return review, "actual", "actual_word"
    return None, None, ""


def _last(text: str, ws) -> int:
    """Where the last of ``ws`` starts in ``text`` that is no base of comparison (比去年), or -1."""
    best = -1
    skip = words("base_year_before")
    for w in ws:
        k = text.rfind(w)
        while k > 0 and text[k - 1] in skip:
            k = text.rfind(w, 0, k)
        best = max(best, k)
    return best


def _review_cue_last(text: str) -> bool:
    """A review cue (过去一年, 去年) in ``text`` after every plan word or strong target cue
    (今年, 主要预期目标; not 预期 alone: 超预期因素)."""
    cue = _last(text, words("review_cue"))
    return cue >= 0 and cue > _last(text, words("target_cue") + words("plan_cue"))


@lru_cache(maxsize=None)
def _targets_opening() -> re.Pattern:
    """A strong target cue that opens a list (主要预期目标是：, 预期目标为): the cue, then 是, 为
    or a colon; not 主要预期目标全面完成, which reviews them."""
    return re.compile("(?:" + _alt(words("target_cue")) + r")[是为]?[:：]|(?:"
                      + _alt(words("target_cue")) + ")[是为]")


def _opens_targets(paragraph: str) -> bool:
    return bool(paragraph) and _targets_opening().search(paragraph) is not None


_DONE_TARGET = re.compile(r"(?:完成|实现|超额|提前|达到|超过|高于)[^，,；;。]{0,12}目标")


def _target_words(before: str, cues) -> bool:
    """Target wording (``cues``) in ``before`` that is not the review of an old target
    (完成…目标, 高于…的目标: ``review_target``)."""
    for w in words("review_target"):
        before = before.replace(w, "")
    before = _DONE_TARGET.sub("", before)
    return any(w in before for w in cues)
