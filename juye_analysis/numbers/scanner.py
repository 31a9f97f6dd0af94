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
import re
from functools import lru_cache
from ..read.chars import _HAN
from .numerals import CN_DIGITS, _ARABIC, _CN, _NUMBER, _VAGUE, numeral_names, parse_arabic, parse_chinese
from .clauses import DEBRIS, _CLAUSE_END, _LIST_MARKER, _clause_start, _in_quotes
from .lexicon import _by_length, _first_match, _longest, _words_regex, words
from .units import _exact_product, scales, units
from .qualifiers import _qualifier_words
from .phrases import _rank_subject, _strip_head, _strip_tail, noun_phrase


_RANGE_SEP = re.compile(r"\s*[-—–~～－至到]\s*")


_LATIN = re.compile(r"[A-Za-z]")


_YEAR = re.compile(r"(19|20)\d\d")


_YEAR_RANGE = re.compile(r"\s*[-—–~～至到]\s*(?:19|20)\d\d年")


def _name_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for name in numeral_names():
        for m in re.finditer(re.escape(name), text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


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
    if unit or out["scale"]:  # 1000万以上: a scale alone takes its qualifier too
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


def _before_growth(seg: str) -> str:
    """``seg`` without the growth_gap and basis words at its end (年均分别实际增长: 年均)."""
    tails = words("growth_gap") + tuple(v.split(":", 1)[0] for v in words("basis"))
    cut = True
    while cut:
        cut = False
        for w in tails:
            if w and seg.endswith(w) and not seg.endswith(words("average_growth")):
                seg, cut = seg[:-len(w)], True
                break
    return seg


def _growth_context(text: str, start: int, clause_start: int) -> tuple[str, int]:
    """("growth"|"avg_growth"|"level"|"", direction) for a % or 个百分点 at ``start`` from the
    words before it (avg_growth: 年均增长, an average over several years)."""
    seg = DEBRIS.sub("", text[clause_start:start])
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
    if _before_growth(seg[:k]).endswith(words("average_growth")):  # 年均增长: an average
        return "avg_growth", direction
    gap = _words_regex("rate_gap").sub("", seg[k + len(w):])  # 增长目标为17%: still a rate
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
        if _LATIN.match(prev) or _LATIN.match(nxt) or prev in "._．":
            return None  # a code (S327, 4A级, 5G) or the tail of a dotted number
        if prev in " \u3000" and start >= 2 and text[start - 2].isdigit():
            # "2 0 9 0元", "5．4 %": the tail of a number spelt digit by digit; never a number
            return _row(text, start, end, None, flag="unparsed", parse_ok=False)
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
                    and between and _HAN.search(between)
                    and between.strip() not in words("list_joiner")  # 28100元和16042元
                    and not re.match(_CN, nxt["text"])):
                row["flag"] = "modifier"
                # it measures nothing itself: its phrase is the noun it belongs to (过10亿元项目)
                row["phrase"] = _strip_head(text[_clause_start(text, row["start"]):nxt["start"]])
                row["phrase"] = _strip_tail(row["phrase"])
