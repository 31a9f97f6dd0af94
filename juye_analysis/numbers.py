"""Every numeric expression of a report, parsed on the normalised text (never from tokens).

``quantities_table(report)`` scans ``report.text`` for Arabic numbers (``447.6``, ``1,234.5``),
Chinese numerals that are quantities (``两次``, ``三千余人``, ``十二个``, ``百分之五``), ranges
(``2-3处``, ``2—3处``, ``2至3处``), ranks (``全市第三``, ``居全市第二位``), years and dates.
Units, scales, qualifiers and the names that look like numbers (十四五, 两个确立, 一企一策 …) are
resource files (``units.csv``, ``scales.csv``, ``qualifiers.csv``, ``numeral_names.txt``).

Choices where the text is not a quantity:
- a name or slogan (numeral_names.txt) and an ordinal outside a rank claim (第十九届, 第三季度,
  第一引擎) are not in the table; neither are codes glued to Latin letters (S327, 4A级, 5G) nor the
  markers of numbered lists (``10.新建…``);
- years (``2023年``) and dates (``1月16日``) are kept, with kind ``year`` / ``date``, so that nobody
  mistakes them for amounts and the indicator step can read the period from them;
- numbers inside quotation marks (``“20条意见”``, ``“231”产业``) are kept with flag ``quoted``: they
  are usually names;
- a number that modifies the noun of a later number in the same clause (``110千伏变电站1座``,
  ``集体收入50万元以上的行政村达到20%``) gets flag ``modifier``;
- a Chinese numeral counts only with a unit after it (``六个方面`` yes, ``十大产业链`` no);
- vague amounts (``数十个``, ``上千人``) and spans that do not parse stay with ``parse_ok`` False.
"""
from __future__ import annotations

import math
from decimal import Decimal
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .resources import read_resource_csv, resource_path

QUANTITY_COLUMNS = [
    "report_id", "sentence_no", "start", "end", "raw_start", "raw_end", "raw", "text", "number",
    "unit", "scale", "unit_written", "value", "base_unit", "kind", "direction", "qualifier",
    "range_low", "range_high", "phrase", "parse_ok", "flag",
]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿点]*"
_NUMBER = re.compile(rf"(?P<pct>百分之)?(?:(?P<ar>{_ARABIC})|(?P<cn>{_CN}))")
_VAGUE = re.compile(r"(?:数|几|上)[十百千万亿]+(?:余|多)?")
_RANGE_SEP = re.compile(r"\s*[-—–~～至到]\s*")
_CLAUSE_END = "，,；;。：:！？!?、（）()\n"
_LIST_MARKER = re.compile(r"\d{1,2}[.．、](?!\d)")
_ARABIC_RE = re.compile(_ARABIC)
_LATIN = re.compile(r"[A-Za-z]")
_YEAR = re.compile(r"(19|20)\d\d")
_YEAR_RANGE = re.compile(r"\s*[-—–~～至到]\s*(?:19|20)\d\d年")


# --- resources --------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def units() -> dict[str, tuple[str, float, str]]:
    """unit → (base_unit, factor, kind), from units.csv."""
    df = read_resource_csv("units.csv")
    return {r.unit: (r.base_unit, float(r.factor), r.kind) for r in df.itertuples()}


def _exact_product(*factors: float) -> float:
    product = Decimal(1)
    for f in factors:
        if f != f:  # NaN
            return math.nan
        product *= Decimal(repr(f))
    return float(product)


def unit_in_base(unit_written: str) -> tuple[float, str] | None:
    """(factor, base unit) of a unit as written: "亿元" → (1e8, "元"), "万亩" → (1e4, "亩"),
    "公顷" → (15, "亩"); None for a unit not in units.csv."""
    for s in sorted(scales(), key=len, reverse=True):
        rest = unit_written[len(s):]
        if unit_written.startswith(s) and rest in units():
            return scales()[s] * units()[rest][1], units()[rest][0]
    if unit_written in units():
        return units()[unit_written][1], units()[unit_written][0]
    return None


@lru_cache(maxsize=None)
def scales() -> dict[str, float]:
    return {r.scale: float(r.factor) for r in read_resource_csv("scales.csv").itertuples()}


@lru_cache(maxsize=None)
def qualifiers() -> pd.DataFrame:
    return read_resource_csv("qualifiers.csv")


@lru_cache(maxsize=None)
def hardness_of() -> dict[str, str]:
    return dict(zip(qualifiers()["qualifier"], qualifiers()["hardness"]))


@lru_cache(maxsize=None)
def numeral_names() -> tuple[str, ...]:
    lines = resource_path("numeral_names.txt").read_text(encoding="utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=None)
def words(kind: str) -> tuple[str, ...]:
    """Words of one kind from extraction_words.csv, longest first."""
    df = read_resource_csv("extraction_words.csv")
    return tuple(sorted(df.loc[df["kind"] == kind, "value"], key=len, reverse=True))


def _longest(text: str, pos: int, options) -> str:
    return next((o for o in sorted(options, key=len, reverse=True) if text.startswith(o, pos)), "")


def _first_match(text: str, pos: int, kind: str) -> str:
    """:func:`_longest` for the options of one kind (see :func:`_by_length`)."""
    m = _options_regex(kind).match(text, pos)
    return m.group(0) if m else ""


@lru_cache(maxsize=None)
def _by_length(kind: str) -> tuple[str, ...]:
    """Options sorted longest first, as :func:`_longest` sorts them (a stable sort): units,
    scales, qualifiers placed after / before a number, the tails of :func:`_strip_tail`, the
    heads of :func:`_strip_head`."""
    if kind == "units":
        options = list(units())
    elif kind == "scales":
        options = list(scales())
    elif kind in ("after", "before"):
        options = [q for q, p in zip(qualifiers()["qualifier"], qualifiers()["position"]) if p == kind]
    elif kind == "strip_tail":
        options = list(words("value_gap")) + list(qualifiers()["qualifier"])
    elif kind == "label_strip":
        options = list(words("label_strip"))
    else:
        raise ValueError(kind)
    return tuple(sorted(options, key=len, reverse=True))


@lru_cache(maxsize=None)
def _options_regex(kind: str) -> re.Pattern:
    """The options of :func:`_by_length` as one pattern tried in that order, longest first: its
    match at a position is the longest option that starts there."""
    return re.compile("|".join(map(re.escape, _by_length(kind))))


@lru_cache(maxsize=None)
def _suffix_regex(kind: str) -> re.Pattern:
    """The options of :func:`_by_length` as one pattern anchored at the end of the text: its
    (leftmost) match is the longest option the text ends with."""
    return re.compile("(?:" + _options_regex(kind).pattern + r")\Z")


@lru_cache(maxsize=None)
def _words_regex(*kinds: str) -> re.Pattern:
    """Any of the words of ``kinds`` (extraction_words.csv), as one pattern, in that order."""
    return re.compile("|".join(map(re.escape, [w for kind in kinds for w in words(kind)])))


@lru_cache(maxsize=None)
def _qualifier_words() -> tuple[str, ...]:
    return tuple(qualifiers()["qualifier"])


# --- parsing numerals -------------------------------------------------------------------------

def parse_arabic(s: str) -> float | None:
    """"1,234.5" → 1234.5; None if it is not a well-formed number."""
    if not _ARABIC_RE.fullmatch(s):
        return None
    return float(s.replace(",", ""))


def parse_chinese(s: str) -> float | None:
    """Chinese numeral → number: 两 → 2, 十二 → 12, 一千 → 1000, 三千五百万 → 35000000,
    十二点五 → 12.5, 二〇二三 → 2023 (digit by digit). None if it does not parse."""
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_chinese(whole)
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    if all(c in CN_DIGITS for c in s):
        return float("".join(str(CN_DIGITS[c]) for c in s)) if len(s) > 1 else float(CN_DIGITS[s])
    total, section, digit = 0, 0, None
    for c in s:
        if c in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[c] != 0:
                return None  # two digits in a row with no multiplier (一二三七)
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[c]
            digit = None
        elif c in CN_BIG:
            section += digit or 0
            if section == 0 and total == 0:
                return None
            total = (total + section) * CN_BIG[c] if CN_BIG[c] > 10_000 else total + section * CN_BIG[c]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


# --- the scanner ------------------------------------------------------------------------------

def _name_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for name in numeral_names():
        for m in re.finditer(re.escape(name), text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


def _in_quotes(text: str, pos: int) -> bool:
    """True if pos sits inside “…” on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("“") > before.count("”")


def _clause_start(text: str, pos: int, ends: str = _CLAUSE_END) -> int:
    i = pos
    while i > 0 and text[i - 1] not in ends:
        i -= 1
    return i


def _clause_end(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and text[i] not in _CLAUSE_END:
        i += 1
    return i


def _after_unit(text: str, i: int, cn: bool) -> dict:
    """Read [余/多] [scale] [余/多] unit [qualifier] from position i."""
    out = {"scale": "", "unit": "", "mid": "", "post": "", "end": i}
    if text.startswith(" ", i) and (_first_match(text, i + 1, "units")
                                    or _first_match(text, i + 1, "scales")):
        i += 1  # "7 %": a space between two non-Chinese characters survives normalisation
    mids = ("余", "多")
    if text.startswith(mids, i):
        out["mid"], i = text[i], i + 1
    unit = _first_match(text, i, "units")
    if not unit and not cn:
        scale = _first_match(text, i, "scales")
        if scale:
            out["scale"], i = scale, i + len(scale)
            if not out["mid"] and text.startswith(mids, i):
                out["mid"], i = text[i], i + 1
            unit = _first_match(text, i, "units")
    out["unit"], i = unit, i + len(unit)
    if unit:
        post = _first_match(text, i, "after")
        out["post"], i = post, i + len(post)
    out["end"] = i
    return out


def _pre_qualifier(text: str, start: int) -> str:
    for q in _by_length("before"):
        if text.endswith(q, 0, start):
            return q
    return ""


_EARLIER_RATE = re.compile(rf"(?:{_ARABIC})(?:%|个百分点)[、和及与]?")


def _growth_context(text: str, start: int, clause_start: int) -> tuple[str, int]:
    """("growth"|"avg_growth"|"level"|"", direction) for a % or 个百分点 at ``start`` from the
    words before it (avg_growth: 年均增长, an average over several years)."""
    seg = text[clause_start:start]
    # drop earlier rates of a 分别 list ("分别增长9.6%、") and qualifiers
    seg = _EARLIER_RATE.sub("", seg)
    best = None
    for kind in ("growth_up", "growth_down"):
        for w in words(kind):
            k = seg.rfind(w)
            if k >= 0 and (best is None or k + len(w) > best[0] + len(best[1])
                           or (k + len(w) == best[0] + len(best[1]) and len(w) > len(best[1]))):
                best = (k, w, 1 if kind == "growth_up" else -1)
    if best is None:
        return "", 0
    k, w, direction = best
    if seg[:k].endswith(words("average_growth")):  # 年均增长: an average over several years
        return "avg_growth", direction
    gap = seg[k + len(w):]
    for q in _qualifier_words():
        gap = gap.replace(q, "")
    if w in words("growth_noun"):
        gap = _words_regex("value_gap", "growth_gap").sub("", gap)
        return ("growth", direction) if not gap.strip() else ("", 0)
    if any(g in gap for g in words("growth_level_gap")):
        return "level", direction
    gap = _words_regex("growth_gap").sub("", gap)
    return ("growth", direction) if not gap.strip() else ("", 0)


_RANK_TAIL = re.compile(r"[位名]")


@lru_cache(maxsize=None)
def _rank_lead_regex() -> re.Pattern:
    """A scope or a ranking verb at the end of the text (before 第)."""
    before = "|".join(map(re.escape, words("rank_scope") + ("县域", "居", "位居", "位列", "排名", "排在", "列")))
    return re.compile(rf"(?:{before})(?:均|都|也|仍)?$")


def _rank_context(text: str, start: int) -> bool:
    """第X is a rank when a scope or a ranking verb stands right before it (全市第三, 位居第一名)."""
    head = text[max(0, start - 8):start - 1]  # without the 第
    return bool(_rank_lead_regex().search(head))


def parse_quantities(text: str) -> list[dict]:
    """Every numeric expression of ``text`` as dicts (columns of :data:`QUANTITY_COLUMNS` minus
    report_id, sentence_no, raw offsets and raw)."""
    names = _name_mask(text)
    rows = []
    pos = 0
    vague = _VAGUE.search(text, 0)
    while True:
        m = _NUMBER.search(text, pos)
        if vague is not None and vague.start() < pos:
            # the first vague amount at or after pos (the one found before still is, if not passed)
            vague = _VAGUE.search(text, pos)
        if vague and (not m or vague.start() < m.start()):
            u = _first_match(text, vague.end(), "units")
            if u and not names[vague.start()]:
                rows.append(_row(text, vague.start(), vague.end() + len(u), None, unit=u,
                                 flag="vague", parse_ok=False))
                pos = vague.end() + len(u)
                continue
        if not m:
            break
        start, num_end = m.start(), m.end()
        pos = num_end
        if names[start] or (m.group("cn") and names[m.start("cn")]):
            continue
        row = _scan_one(text, m)
        if row is None:
            continue
        rows.append(row)
        pos = max(pos, row["end"])
    _mark_modifiers(text, rows)
    return rows


def _scan_one(text: str, m: re.Match) -> dict | None:
    start, end = m.start(), m.end()
    prev = text[start - 1] if start else "\n"
    nxt = text[end] if end < len(text) else "\n"
    pct = bool(m.group("pct"))
    if prev == "第" and m.group("ar"):
        if not _rank_context(text, start):
            return None
        stop = end + (1 if end < len(text) and _RANK_TAIL.match(text[end]) else 0)
        return _row(text, start - 1, stop, parse_arabic(m.group("ar")), kind="rank")
    if m.group("ar"):
        s = m.group("ar")
        if _LATIN.match(prev) or _LATIN.match(nxt) or prev in "._":
            return None  # a code (S327, 4A级, 5G) or the tail of a dotted number
        if prev == "\n" or start == 0:
            if _LIST_MARKER.match(text, start):
                return None  # "10.新建…": the marker of a numbered list
        if prev in "（(" and nxt in "）)" and len(s) <= 2:
            return None  # "（1）": an item marker
        if nxt == "." and end + 1 < len(text) and text[end + 1].isdigit():
            stop = re.match(r"[\d.]+", text[start:]).end() + start
            return _row(text, start, stop, None, flag="unparsed", parse_ok=False)
        number = parse_arabic(s)
        if number is not None and prev in "-−" and not (start >= 2 and text[start - 2].isdigit()):
            number, start = -number, start - 1
        cn = False
    else:
        s = m.group("cn")
        if prev == "第":
            if not _rank_context(text, start):
                return None
            tail = re.match(_CN + "|" + _ARABIC, text[start:]).group(0)
            # 第一方阵 / 第一等次 are bands (rank_claims), not ordinal numbers
            after = text[start + len(tail):start + len(tail) + 2]
            if any(after.startswith(t) for t in words("rank_tier")):
                return None
            number = parse_chinese(tail)
            stop = start + len(tail)
            if stop < len(text) and _RANK_TAIL.match(text[stop]):
                stop += 1
            return _row(text, start - 1, stop, number, kind="rank",
                        flag="" if number is not None else "unparsed", parse_ok=number is not None)
        if prev in "统唯进同之万专单划逐第" and s.startswith("一"):
            return None
        if s == "一" and text.startswith("年", end) and not text.startswith(("年内", "年多", "年半"), end):
            return None  # 关键一年, 新的一年: "a year", not a duration
        number = None
        # a Chinese big-unit suffix is a scale: 两万人 → 2 万 人
        scale_in = ""
        if len(s) > 1 and s[-1] in "万亿" and not pct:
            scale_in, s = s[-1], s[:-1]
        number = parse_chinese(s)
        cn = True
    if pct:
        if number is None:
            return _row(text, start, end, None, unit="%", flag="unparsed", parse_ok=False)
        return _finish(text, start, end, number, {"unit": "%", "scale": "", "mid": "", "post": "",
                                                   "end": end}, pct_words=True)
    # years and dates
    year_range = _YEAR_RANGE.match(text, end)
    if m.group("ar") and _YEAR.fullmatch(s) and (text.startswith("年", end) or year_range):
        stop = year_range.end() if year_range else end + 1
        return _row(text, start, stop, number, unit="年", kind="year")
    if cn and len(s) == 4 and all(c in CN_DIGITS for c in s) and text.startswith("年", end):
        return _row(text, start, end + 1, number, unit="年", kind="year")
    if number is not None and text.startswith("月", end) and not text.startswith("个月", end) \
            and 1 <= number <= 12 and float(number).is_integer():
        d = re.match(r"月(?:(\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?", text[end:])
        return _row(text, start, end + d.end(), None, kind="date")
    if cn:
        after = _after_unit(text, end, cn=True)
        if not after["unit"] and scale_in:
            after = _after_unit(text, end, cn=False)
        if scale_in:
            after["scale"] = scale_in + after["scale"] if not after["scale"] else after["scale"]
        if not after["unit"]:
            return None  # a Chinese numeral without a unit is a word, not a quantity
        if number is None:
            return _row(text, start, after["end"], None, unit=after["unit"], flag="unparsed",
                        parse_ok=False)
        return _finish(text, start, end, number, after)
    # a range: 2-3处, 2—3处, 2至3处, 5%-6%
    first_unit = _longest(text, end, ("%", "‰"))
    rm = _RANGE_SEP.match(text, end + len(first_unit))
    if rm and number is not None:
        m2 = re.match(_ARABIC, text[rm.end():])
        if m2:
            high = parse_arabic(m2.group(0))
            after = _after_unit(text, rm.end() + m2.end(), cn=False)
            if after["unit"] or first_unit:
                if not after["unit"]:
                    after["unit"] = first_unit
                return _finish(text, start, end, number, after, high=high)
    after = _after_unit(text, end, cn=False)
    return _finish(text, start, end, number, after)


def _finish(text: str, start: int, num_end: int, number, after: dict, *, high=None,
            pct_words: bool = False) -> dict:
    unit, scale = after["unit"], after["scale"]
    stop = after["end"]
    base_unit, factor, ukind = units().get(unit, ("", math.nan, ""))
    sfactor = scales().get(scale, 1.0) if scale else 1.0
    qual = [q for q in (_pre_qualifier(text, start), after["mid"], after["post"]) if q]
    if "控制在" in qual and len(qual) > 1:
        qual.remove("控制在")
    kind, direction = "", ""
    if ukind == "percent" or ukind == "pct_point":
        ctx, d = _growth_context(text, start, _clause_start(text, start, "，,；;。：:！？!?\n"))
        if ukind == "pct_point":
            kind = "pct_point"
            direction = d if ctx == "growth" else ""
        elif ctx == "growth":
            kind, direction = "growth_pct", d
        elif ctx == "avg_growth":  # kept, but never one year's growth (see indicators)
            kind, direction = "avg_growth_pct", d
        else:
            kind = "share_pct"
    elif ukind in ("level", "count", "duration", "multiple"):
        kind = ukind
    elif not unit:
        kind = ""  # unit unclear: leave the fields empty rather than guess
    if isinstance(number, float) and number < 0 and kind in ("growth_pct", "avg_growth_pct", "pct_point"):
        direction = -1
    # in decimal, so that 35.3亿元 is 3530000000 元 and not 3529999999.9999995
    value = _exact_product(number, sfactor, factor) if number is not None and unit else math.nan
    row = _row(text, start, stop, number, unit=unit, scale=scale, value=value,
               base_unit=base_unit, kind=kind, direction=direction, qualifier="|".join(qual))
    if high is not None:
        row.update(number=math.nan, value=math.nan, range_low=number, range_high=high,
                   qualifier="|".join(["range"] + qual))
    if pct_words:
        row["unit"] = "%"
    return row


def _row(text, start, end, number, *, unit="", scale="", value=math.nan, base_unit="",
         kind="", direction="", qualifier="", flag="", parse_ok=True) -> dict:
    if flag == "" and _in_quotes(text, start):
        flag = "quoted"
    return {"start": start, "end": end, "text": text[start:end],
            "number": math.nan if number is None else float(number), "unit": unit, "scale": scale,
            "unit_written": scale + unit, "value": value, "base_unit": base_unit, "kind": kind,
            "direction": direction, "qualifier": qualifier, "range_low": math.nan,
            "range_high": math.nan, "phrase": "", "parse_ok": parse_ok, "flag": flag}


_AMOUNT_KINDS = {"level", "count", "growth_pct", "avg_growth_pct", "share_pct", "pct_point",
                 "duration", "multiple"}


def _mark_modifiers(text: str, rows: list[dict]) -> None:
    """Flag a number that only qualifies the noun of a later number in its clause
    (110千伏变电站1座; 集体收入50万元以上的行政村达到20%); fill each row's phrase."""
    ends = {r["end"] for r in rows} | {r["end"] - len(r["qualifier"].split("|")[-1]) for r in rows}
    for i, row in enumerate(rows):
        if row["kind"] == "rank":  # what is ranked: 蛋鸡存栏量全省第一 → 蛋鸡存栏量
            row["phrase"] = _rank_subject(text[_clause_start(text, row["start"]):row["start"]])
        elif row["kind"] not in ("year", "date"):
            row["phrase"] = noun_phrase(text, row["start"], row["end"], ends)
        if row["kind"] not in _AMOUNT_KINDS or row["flag"]:
            continue
        for nxt in rows[i + 1:i + 2]:
            between = text[row["end"]:nxt["start"]]
            if (nxt["kind"] in _AMOUNT_KINDS and not re.search(f"[{_CLAUSE_END}]", between)
                    and between and re.search(r"[\u4e00-\u9fff]", between)
                    and not re.match(_CN, nxt["text"])):
                row["flag"] = "modifier"
                # it measures nothing itself: its phrase is the noun it belongs to (过10亿元项目)
                row["phrase"] = _strip_head(text[_clause_start(text, row["start"]):nxt["start"]])
                row["phrase"] = _strip_tail(row["phrase"])


def noun_phrase(text: str, start: int, end: int, number_ends=frozenset()) -> str:
    """The noun phrase a number measures: the words before it in its clause ("引进高层次人才200人"
    → 引进高层次人才) or, when those are only a verb or a list of examples ending in 等, the noun
    right after it ("等21个在谈项目" → 在谈项目). Best effort; for reading, not for joins."""
    cs = _clause_start(text, start)
    # 、 inside a phrase joins words (新建、改扩建中小学; 小麦、玉米单产); after a number it lists items
    while cs > 0 and text[cs - 1] == "、" and (cs - 1) not in number_ends:
        cs = _clause_start(text, cs - 1)
    pre = _LIST_MARKER.sub("", text[cs:start], count=1) if cs == 0 or text[cs - 1] == "\n" else text[cs:start]
    pre = _strip_tail(pre)
    post_end = _clause_end(text, end)
    post = text[end:post_end]
    post = re.split(r"[，；。、\d]", post)[0] if post else ""
    for p in words("predicate_end"):
        if post.endswith(p) and len(post) > len(p):
            post = post[: -len(p)]
    for w in words("phrase_break"):  # 推进养老服务体系建设和助老食堂10处 → 助老食堂
        if w in pre:
            pre = pre[pre.rindex(w) + len(w):]
    pre_core = _strip_head(pre)
    if post and re.match(r"[\u4e00-\u9fff“]", post):
        if "等" in pre:  # 对已签约的A、B等8个项目 → 已签约项目
            m = re.match(r"(?:对|将|把)?([\u4e00-\u9fff]{1,6})的", pre)
            return (m.group(1) if m else "") + post
        if "、" in pre_core or not pre_core:
            return post
        if pre_core.endswith(tuple(words("label_strip"))):
            return _strip_head(pre_core[:-len(next(w for w in words("label_strip")
                                                   if pre_core.endswith(w)))]) + post
        return pre_core + post
    return pre_core


def _rank_subject(pre: str) -> str:
    tails = words("rank_verb") + words("rank_scope")
    changed = True
    while changed and pre:
        changed = False
        for w in tails:
            if pre.endswith(w):
                pre, changed = pre[: -len(w)], True
                break
    return pre.strip("“”\"")


def _strip_tail(pre: str) -> str:
    """``pre`` without the verbs and qualifiers it ends with (longest first, repeatedly); "" when
    it is nothing else."""
    while pre and (m := _suffix_regex("strip_tail").search(pre)) and m.group(0):
        if m.start() == 0:
            return ""
        pre = pre[:m.start()]
    return pre.strip("“”\"' ")


def _strip_head(pre: str) -> str:
    """``pre`` without the labels it starts with (label_strip, longest first, repeatedly); ""
    when it is nothing else."""
    while pre and (head := _first_match(pre, 0, "label_strip")):
        if head == pre:
            return ""
        pre = pre[len(head):]
    return pre


def quantities_table(report, tables: dict | None = None) -> pd.DataFrame:
    """One row per numeric expression of the report.

    Columns: report_id, sentence_no, start, end (offsets into report.text), raw_start, raw_end,
    raw (the span as written in the raw file, "5.1 万亩"), text (as in the normalised text),
    number (as written, before scale), unit (as written, without scale: 元, 亩, %, 个百分点),
    scale (万, 亿 …), unit_written (scale + unit: 亿元), value (in base units), base_unit, kind
    (level, count, growth_pct, avg_growth_pct (年均增长: an average over several years, which the
    indicators and targets never take as one year's growth), share_pct, pct_point, duration,
    multiple, rank, year, date, or empty when the unit is unclear), direction (+1 增长/提高, -1 下降/减少, empty), qualifier
    (左右, 以上, 以内, 不低于, 超过, 近, 约, 余, 多, range … joined by "|"), range_low, range_high
    (a range's ends as written: 2-3处 → 2, 3; number and value are then empty), phrase (the noun
    phrase it measures), parse_ok, flag (quoted, modifier, vague, unparsed or empty).
    """
    text = report.text
    rows = parse_quantities(text)
    sentences = (tables or {}).get("sentences")
    if sentences is None:
        from .corpus import sentences_table

        sentences = sentences_table(report)
    norm = report.normalized
    starts = sentences["start"].to_numpy()
    idx = starts.searchsorted([r["start"] for r in rows], side="right") - 1
    sentence_nos = sentences["sentence_no"].to_numpy()[idx.clip(0)].tolist()
    for row, sentence_no in zip(rows, sentence_nos):
        row.update(report_id=report.report_id, sentence_no=sentence_no,
                   raw_start=norm.raw_start(row["start"]), raw_end=norm.raw_end(row["end"]))
        row["raw"] = norm.raw[row["raw_start"]:row["raw_end"]]
        if row["direction"] == "":
            row["direction"] = None
    return frame(rows, QUANTITY_COLUMNS, {
        "report_id": "string", "sentence_no": "int64", "start": "int64", "end": "int64",
        "raw_start": "int64", "raw_end": "int64", "raw": "string", "text": "string",
        "number": "float64", "unit": "string", "scale": "string", "unit_written": "string",
        "value": "float64", "base_unit": "string", "kind": "string", "direction": "Int64",
        "qualifier": "string", "range_low": "float64", "range_high": "float64",
        "phrase": "string", "parse_ok": "bool", "flag": "string"})


def frame(rows: list[dict], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns).astype(dtypes)``, built a column at a time: a column
    of ``dtypes`` directly in its dtype, any other inferred as from the rows (text → str, object
    when there are no rows). Under pandas 3, ``astype`` with a dict costs milliseconds."""
    return pd.DataFrame({c: pd.array([r[c] for r in rows], dtype=dtypes[c]) if c in dtypes
                         else np.array([r[c] for r in rows], dtype=object) for c in columns})


def hardness(qualifier: str) -> str:
    """point | around | floor | ceiling | range, from a qualifier string ("以上", "range", "约|以上")."""
    parts = [q for q in str(qualifier or "").split("|") if q]
    if "range" in parts:
        return "range"
    kinds = {hardness_of().get(q, "") for q in parts} - {""}
    if not kinds:
        return "point"
    for k in ("ceiling", "floor", "around"):
        if k in kinds:
            return k
    return "point"
