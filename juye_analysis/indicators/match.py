"""Quantities → canonical indicators, targets and rank claims, each row pointing at its sentence.

- ``indicators_table``: the economic indicators defined in ``resources/indicators.csv`` (keys,
  Chinese and English names, aliases), matched longest alias first. A value, a growth rate and a
  rank claim attach to the indicator whose name opens their clause ("实现地区生产总值447.6亿元，
  增长6.9%"); "分别" lists ("存贷款余额达到A、B，分别增长x%、y%") give one row per member
  (``paired_terms.csv``). Period and kind come from a year written in the sentence, else from the
  part (review → actual for the review year, plan → target for the report year), else, in a text
  without parts, from its words (预计/实现/完成 → actual; 力争/目标 → target).
- ``targets_table``: every quantified commitment of the plan part, canonical or not.
- ``rank_claims_table``: every claim of standing (全市第一, 居全市第二位, 全省领先, 全市唯一 …).

A number whose unit does not fit the indicator is not attached (the field stays empty); a number
with no indicator stays only in ``quantities``.
"""
from __future__ import annotations

import re
import numpy as np
import pandas as pd
from ..numbers.table import frame
from ..numbers.units import units
from ..numbers.lexicon import words
from ..numbers.clauses import DEBRIS, _clause_start
from ..read.parts import is_review_role
from .aliases import _AMOUNTS, _defs_by_key, find_aliases
from .rows import _by_sentence, _inputs, _records
from .ranks import _link_ranks, find_rank_claims
from . import spans
from .segments import _fenbie_across_names, _gap_ok, joined_list, _is_period_year, _period_kind, _segment_end
from .segments import shared_list_qualifiers
from .asides import increment, index_qualifier, milestone_spans, names_a_change
from .asides import target_compare_spans, without_marks
from . import fields


# A row is one statement of a name: its year's figure, and beside it (same name, same start) an
# average over several years (年均增长) or a second basis (名义…，实际…) as rows of their own.
INDICATOR_KEY = ["report_id", "indicator", "period", "kind", "average_annual", "basis", "start"]

INDICATOR_COLUMNS = [
    "report_id", "indicator", "name_en", "period", "kind", "value", "unit", "growth_pct",
    "qualifier", "estimated", "rank_scope", "rank", "sentence", "start", "end", "name_zh",
    "category", "growth_qualifier", "change_pp", "rank_measure", "alias", "part_role",
    "value_start", "value_end", "growth_start", "growth_end", "raw_start", "raw_end",
    "sentence_text", "value_low", "value_high", "value_qualifier", "growth_low", "growth_high",
    "modifier", "average_annual", "period_start", "basis", "rule", "evidence", "page", "text_source",
]


def _is_usable(q) -> bool:
    """An amount that parsed and is neither quoted, a modifier, vague nor unparsed."""
    return (q.kind in _AMOUNTS or q.kind == "avg_growth_pct") and q.parse_ok and q.flag == ""


def _scale_only(q) -> bool:
    """A number written with a scale and no unit (农村贫困人口减少290万), parsed and unflagged."""
    return q.kind == "" and q.unit == "" and bool(q.scale) and q.parse_ok and q.flag == ""


def _implied_unit(q, defs_row) -> str:
    """The unit a scale-only number takes from its indicator (extraction_words kind
    ``implied_unit``: 290万 of a count of people is 290万人), or ''."""
    if not _scale_only(q):
        return ""
    unit = defs_row["unit"].split("|")[0]
    for u in words("implied_unit"):
        if unit == q.scale + u:
            return u
    return ""


def _fits(q, defs_row, gap: str = "") -> str:
    """Which field a quantity fills for an indicator: value, growth, pp, avg (an average annual
    growth rate), or ''. The indicator's ``measure`` (indicators.csv) decides what a number in %
    is: the value of a rate (失业率 4.5%), the change of a measure given only as a change (居民消费
    价格上涨3%, 单位GDP能耗下降3%), or the growth of a level."""
    measure = defs_row.get("measure") or "level"
    if q.kind in ("level", "count", "") and increment(gap) and not names_a_change(defs_row):
        return ""  # 城镇居民人均可支配收入增加2000元: by how much it grew, not its level
    if _scale_only(q):
        return "value" if measure == "level" and _implied_unit(q, defs_row) else ""
    if q.kind == "avg_growth_pct":
        return "avg" if measure != "rate" else ""
    if q.kind == "pct_point":  # 提高0.2个百分点, not 高于全省平均1.2个百分点
        return "pp" if not pd.isna(q.direction) and measure != "change" else ""
    if measure == "rate":
        if q.unit != defs_row["unit"]:
            return ""
        if q.kind == "share_pct":
            return "value"
        # 人口自然增长率控制在7.2‰: the growth word is the name's own, the number its value; but
        # 研发投入强度增长3.35%: the level, or a growth of it? left out
        grows = words("growth_up") + words("growth_down")
        return "value" if q.kind == "growth_pct" and not any(w in gap for w in grows) else ""
    if measure == "change":
        if q.kind == "growth_pct" or (q.kind == "share_pct" and q.unit == "%"):
            return "growth"
        return ""
    if q.kind == "growth_pct":
        return "growth"
    if q.kind in ("level", "count"):
        if q.base_unit in defs_row["base_units"]:
            return "value"
        unit = defs_row["unit"].split("|")[0]
        if q.kind == "count" and units().get(unit[-1:], ("", 0, ""))[2] == "count":
            return "value"  # any counter fits a count indicator (家 for 个)
    return ""


def indicators_table(report, tables: dict | None = None) -> pd.DataFrame:
    """The canonical economic indicators stated in a report, one row per indicator and mention
    (key ``INDICATOR_KEY``: report_id, indicator, period, kind, average_annual, basis, start).

    Columns: report_id, indicator (key of indicators.csv), name_en, period (the year the number is
    about; the last year of an average), kind (actual | target), value (as written, in ``unit``),
    unit (as written: 亿元, 万亩, 人, %), growth_pct (rate in percent, negative for 下降, 回落, 负增长;
    for a measure given as a change (CPI, energy intensity) its change), qualifier (of the growth
    rate, else of the value), estimated (预计, 初步核算, 初步统计), rank_scope, rank (an integer as
    text or a band: 前列, 唯一 …), sentence (sentence_no), start, end (offsets of name … last
    number in the normalised text), name_zh, category, growth_qualifier, change_pp (a change in
    percentage points), rank_measure, alias (the name as matched), part_role, value_start,
    value_end, growth_start, growth_end, raw_start, raw_end, sentence_text, value_low, value_high
    (a range of levels), value_qualifier (of the level: 超过 in 超过126万亿元), growth_low,
    growth_high (a range of rates: 6%-6.5%; growth_pct is then empty), modifier (力争, 确保, 争取),
    average_annual (an average annual rate: 年均增长), period_start (its first year), basis (名义,
    实际, 可比, 同口径, 自然口径), rule (how the row was made: attachment/period, for audits),
    evidence (the text from the name to the last number), page (the page of its first number,
    from 1; <NA> for a text or web page file), text_source (as in ``sentences``: text,
    pdf_text, docx, ocr).

    Left out, because one year's headline figure is what the table promises: a name with a
    sub-sector, sub-group or product before it (fields.headline_scope), a number in a clause about
    several years (累计, 翻一番; fields.multi_year), an average whose span is not written, and a
    number whose period is unclear.
    """
    sentences, quantities = _inputs(report, tables)
    # rows grouped by sentence once (filtering a DataFrame per sentence costs 100× more)
    q_rows = _records(quantities)
    usable_by = _by_sentence(q for q in q_rows if _is_usable(q) or _scale_only(q))
    years_by = _by_sentence(q for q in q_rows if q.kind == "year")
    nums_by = _by_sentence(q for q in q_rows if q.kind not in ("year", "date", "rank"))
    rows = []
    para_years: dict[int, list[int]] = {}
    para_text: dict[int, list[str]] = {}
    for srow in _records(sentences):
        s_text, s0 = srow.text, srow.start
        s_years = [y for y in years_by.get(srow.sentence_no, ())
                   if _is_period_year(report.text, y.start, y.end)]
        bases = [y for y in years_by.get(srow.sentence_no, ()) if y not in s_years]
        pyears = para_years.setdefault(srow.paragraph_no, [])
        ptext = para_text.setdefault(srow.paragraph_no, [])
        qs = usable_by.get(srow.sentence_no, [])
        bare = any(q.unit == "" and q.scale == "" for q in nums_by.get(srow.sentence_no, ()))
        if not srow.is_heading and (qs or bare):  # bare: 居民消费价格指数为102.5  # a heading, or no number to attach: no indicator row
            s_rows = _sentence_rows(report, srow, qs, nums_by.get(srow.sentence_no, []), s_years,
                                    pyears, "".join(ptext), bases)
            rows.extend(s_rows)
        pyears.extend(int(y.number) for y in s_years)
        ptext.append(s_text)
    rows = spans.span_levels_yield(spans.parts_yield_to_whole(rows))
    return _with_pages(report, frame(rows, INDICATOR_COLUMNS[:-2], {
        "period": "int64", "value": "float64", "growth_pct": "float64", "estimated": "bool",
        "sentence": "int64", "start": "int64", "end": "int64", "change_pp": "float64",
        "value_start": "Int64", "value_end": "Int64", "growth_start": "Int64",
        "growth_end": "Int64", "raw_start": "int64", "raw_end": "int64", "value_low": "float64",
        "value_high": "float64", "growth_low": "float64", "growth_high": "float64",
        "average_annual": "bool", "period_start": "Int64"}))


def _far_base(s_text: str, s0: int, q, bases, period: int) -> bool:
    """A base of comparison more than one year before ``period`` written before ``q`` in its
    clause (after the last ；or 。): 与2000年相比，国内生产总值增长57.3% is growth over five years."""
    clause = max(s_text.rfind(x, 0, q.start - s0) for x in "；;。") + 1
    return any(clause <= b.start - s0 < q.start - s0 and int(b.number) < period - 1 for b in bases)


def _with_pages(report, df: pd.DataFrame) -> pd.DataFrame:
    """page (of the row's first number: its value, else its growth rate, else its name) and
    text_source."""
    norm = report.normalized
    first = df["value_start"].fillna(df["growth_start"]).fillna(df["start"]).astype("int64")
    raw = [norm.raw_start(int(i)) for i in first]
    df["page"] = norm.pages_of(raw)
    df["text_source"] = report.text_source
    return df


def _sentence_rows(report, srow, qs, nums, s_years, pyears, paragraph, bases=()) -> list[dict]:
    s_text, s0 = srow.text, srow.start
    defs = _defs_by_key()
    matches = find_aliases(s_text)
    qs = shared_list_qualifiers(s_text, s0, qs)  # 分别增长10.6%和12.3%左右: 左右 for both
    s_rows = []
    shared = _fenbie_across_names(s_text, s0, matches, qs)
    for k, match in enumerate(matches):
        elliptic = DEBRIS.sub("", s_text[match["start"]:match["end"]]) != match["alias"]
        c0 = _clause_start(s_text, match["start"])
        pre = DEBRIS.sub("", _without_listed_names(s_text, c0, match["start"], matches[:k]))
        if not elliptic and not fields.headline_scope(pre, report) and not (
                _ELIDED.fullmatch(pre) and "分别" in s_text[match["end"]:]):
            continue  # a sub-sector, sub-group or product: not the headline indicator
        nxt = matches[k + 1]["start"] if k + 1 < len(matches) else len(s_text)
        seg_end = _segment_end(s_text, match["end"], nxt)
        # 城镇化率从47.5%提高到51.5%: the number after 从/由 is where the change started
        starts = fields.from_starts(s_text, s0, [q for q in nums if match["end"] <= q.start - s0 < seg_end])
        # 突破千亿元，达1082亿元: the mark passed is no value of the name
        # …，高于年初人代会12%的目标14.4个百分点，: the old target's numbers, an aside
        marks = milestone_spans(s_text, match["end"], seg_end) + \
            target_compare_spans(s_text, match["end"], seg_end)
        starts.update({q.start: (s0 + a, s0 + b) for a, b in marks for q in nums
                       if a <= q.start - s0 < b})
        seg_q = [q for q in qs
                 if ((match["end"] <= q.start - s0 < seg_end and q.start not in shared)
                     or shared.get(q.start) == k) and q.start not in starts
                 and not fields.multi_year(_number_clause(s_text, q.start - s0, match["end"]))]
        index_q = _index_growth(s_text, s0, match["alias"], nums, match["end"], seg_end)
        if index_q is not None:
            seg_q = [q for q in seg_q if q.start != index_q.start] + [index_q]
        if not seg_q:
            continue
        # the first number after the name (usable or not) must follow it with only verbs or
        # qualifiers in between: "地区生产总值达到450，增长5%" keeps the rate, not the 450
        first = [q.start for q in nums if match["end"] <= q.start - s0 < seg_end and q.start not in starts]
        own = [q for q in seg_q if shared.get(q.start) != k]
        gap = spans.shared_by_jun(without_marks(
            fields.without_starts(s_text, s0, match["end"], min(first) - s0, starts),
            s_text, marks)) if first else ""
        if own and (not first or not _gap_ok(gap)):
            continue
        before = [int(y.number) for y in s_years if y.start - s0 < match["start"]]
        lead = s_text[:min(q.start for q in seg_q) - s0]
        if fields.part_of_year(lead):
            continue  # 1—11月, 前三季度 …: a part of the year, not the year's figure
        period, kind, period_rule = _period_kind(report, srow, before, pyears, lead, paragraph)
        to_year = spans.to_year(lead)
        if to_year is not None and period_rule != "year" and not spans.looks_ahead(lead):
            # 从2019年的200亿元增加到2024年的300亿元 in any part: the year written is the period
            period, kind, period_rule = to_year, "actual" if to_year <= report.review_year else "target", "to_year"
        part = "" if re.search(r"(?:19|20)\d\d年", srow.part) else srow.part  # 2021年及本届政府…
        period, kind, period_rule, multi = spans.several_years(
            report, srow, period, kind, period_rule, bool(before), bool(starts), lead, paragraph,
            part, gap)
        keys = match["keys"]
        for member, key in enumerate(keys):
            d = defs[key]
            if fields.purpose_scope(key, s_text[:match["start"]]):
                continue  # 加大对科技、教育…的投入，全国财政支出2.82万亿元: the spending on them
            picked = {}
            for field in ("value", "growth", "pp", "avg"):
                cands = [q for q in seg_q
                         if _fits(q, d, _gap_words(s_text, match["end"], q.start - s0, matches)) == field]
                if len(keys) > 1:
                    cands = cands[member:member + 1] if len(cands) == len(keys) else []
                elif len(cands) > 1 and "分别" in s_text[match["end"]:seg_end]:
                    cands = _elided_member(s_text, match["start"], cands)
                elif len(cands) > 1 and joined_list(s_text, s0, cands[:2]):
                    cands = []  # 增长8.4%和8% after one name: whose is which? left out
                if cands:
                    picked[field] = cands[0]
            avg = picked.pop("avg", None)
            avg_level = None
            if "value" in picked and spans.average_value(
                    s_text[c0:match["start"]],
                    _number_clause(s_text, picked["value"].start - s0, match["end"])):
                avg_level = picked.pop("value")  # 城镇新增就业年均1270多万人: a yearly average
            g = picked.get("growth")
            if g is not None and not spans.one_year_base(
                    _number_clause(s_text, g.start - s0, match["end"]), period):
                picked.pop("growth")  # 比2002年增长65.5%: a growth over five years
            if "growth" in picked and period is not None and _far_base(s_text, s0, picked["growth"], bases, period):
                picked.pop("growth")  # 2005年与2000年相比，…增长57.3%: five years' growth, not one
            end_level = picked.get("value") if multi else None
            if period_rule in ("from_to_end", "span_end"):
                level = picked.get("value")
                # (with an average beside it, the level goes on the average's row, below)
                picked = {"value": level} if level is not None and avg is None \
                    and key not in words("yearly_flow") and (d.get("measure") or "level") != "change" else {}
            if period_rule == "plan_end":
                # a plan's goal for its last year: a level or rate then, or a change over the
                # plan (能耗降低16%); not a yearly flow (城镇新增就业5000万人 is five years') nor
                # a growth rate without 年均 (over which years?)
                if key in words("yearly_flow"):
                    picked = {}
                elif (d.get("measure") or "level") != "change":
                    picked.pop("growth", None)
                picked.pop("pp", None)
            attach = "fenbie" if len(keys) > 1 or any(q.start in shared for q in seg_q) else \
                ("elliptic" if elliptic else "name")
            if picked and period is not None:
                s_rows.append(_row(report, srow, k, match, d, picked, period, kind,
                                   f"{attach}/{period_rule}", names=matches))
            if avg is not None or avg_level is not None:
                at = (avg if avg is not None else avg_level).start - s0
                end_year = before[-1] if before else (
                    report.review_year if is_review_role(srow.part_role) else None)
                span = fields.average_span([s_text[:at], paragraph, srow.part],
                                           report.report_year, end_year, s_text[match["start"]:at])
                if span is not None:
                    a, b = span
                    avg_fields = {"growth": avg} if avg is not None else {}
                    if avg_level is not None:
                        avg_fields["value"] = avg_level
                    elif end_level is not None and b == report.review_year:
                        avg_fields["value"] = end_level  # 国内生产总值增加到121万亿元，五年年均增长5.2%
                    s_rows.append(_row(report, srow, k, match, d, avg_fields, b,
                                       "actual" if b <= report.review_year else "target",
                                       f"{attach}/average_span", period_start=a, names=matches))
    if s_rows:
        _link_ranks(s_text, s0, s_rows, matches, find_rank_claims(s_text), qs)
    return s_rows


def _gap_words(s_text: str, lo: int, hi: int, matches: list[dict]) -> str:
    """The words between a name and a number of it, other indicator names left out (城镇登记
    失业率、人口自然增长率分别控制在4.2%: the 增长 of the second name is no growth word of 4.2%)."""
    parts, i = [], lo
    for f in matches:
        if f["start"] >= i and f["end"] <= hi:
            parts.append(s_text[i:f["start"]])
            i = f["end"]
    parts.append(s_text[i:max(i, hi)])
    return "".join(parts)


def _without_listed_names(s_text: str, lo: int, hi: int, earlier: list[dict]) -> str:
    """``s_text[lo:hi]`` without the names listed before this one (财政总收入和地方财政收入分别…:
    the words before 地方财政收入 are another headline name and a joiner, no sub-sector)."""
    joiners = tuple(words("list_joiner")) + ("、",)
    parts, i = [], lo
    for f in earlier:
        if f["start"] >= i and f["end"] <= hi and s_text.startswith(joiners, f["end"]):
            parts.append(s_text[i:f["start"]])
            i = f["end"] + 1
    parts.append(s_text[i:hi])
    return "".join(parts)


_ELIDED = re.compile(r"(?:[^\d、和及与，,；;。：:]{1,4}[、和及与])+")


def _elided_member(s_text: str, start: int, cands: list) -> list:
    """The number of a name that closes a list whose other members are elided (一、二、三产增加值
    分别增长a、b、c; 城镇和农村居民人均可支配收入分别达到a、b): the last of the 分别 numbers when
    there are as many as members; none otherwise (which member a number is would be a guess)."""
    i = start
    while i > 0 and s_text[i - 1] not in "，,；;。：:\n":
        i -= 1
    pre = s_text[i:start]
    m = _ELIDED.search(pre)
    if not m or m.end() != len(pre):
        return []
    members = len(re.findall("[、和及与]", m.group(0))) + 1
    return cands[-1:] if len(cands) == members else []


def _number_clause(s_text: str, pos: int, floor: int) -> str:
    """The clause of a number up to it (not before ``floor``, the end of the name)."""
    i = pos
    while i > floor and s_text[i - 1] not in "，,；;。":
        i -= 1
    return s_text[i:pos]


def _row(report, srow, k, match, d, picked, period, kind, rule, period_start=None,
         names=()) -> dict:
    s_text, s0 = srow.text, srow.start
    v, g, pp = picked.get("value"), picked.get("growth"), picked.get("pp")
    last = max((q.end for q in picked.values()))
    lead = s_text[:min(q.start for q in picked.values()) - s0]
    row = {
        "report_id": report.report_id, "indicator": d["indicator"],
        "name_en": _level_name(report, d, "name_en"),
        "period": int(period), "kind": kind,
        "value": v.number if v is not None else np.nan,
        "unit": (v.unit_written + _implied_unit(v, d)) if v is not None else "",
        "growth_pct": (g.number if g is not None else np.nan),
        "qualifier": _qual(g) if g is not None else (_qual(v) if v is not None else ""),
        "estimated": fields.estimated(lead), "rank_scope": "", "rank": "",
        "sentence": int(srow.sentence_no), "start": s0 + match["start"], "end": int(last),
        "name_zh": _level_name(report, d, "name_zh"), "category": d["category"],
        "growth_qualifier": _qual(g) if g is not None else "",
        "change_pp": pp.number if pp is not None else np.nan, "rank_measure": "",
        "alias": match["alias"], "part_role": srow.part_role,
        "value_start": v.start if v is not None else pd.NA,
        "value_end": v.end if v is not None else pd.NA,
        "growth_start": g.start if g is not None else pd.NA,
        "growth_end": g.end if g is not None else pd.NA,
        "raw_start": report.normalized.raw_start(s0 + match["start"]),
        "raw_end": report.normalized.raw_end(int(last)), "sentence_text": s_text,
        "value_low": v.range_low if v is not None else np.nan,
        "value_high": v.range_high if v is not None else np.nan,
        "value_qualifier": _qual(v) if v is not None else "",
        "growth_low": g.range_low if g is not None else np.nan,
        "growth_high": g.range_high if g is not None else np.nan,
        "modifier": fields.modifier(_clause_lead(s_text, match["start"], lead)),
        "average_annual": period_start is not None,
        "period_start": period_start if period_start is not None else pd.NA,
        # the basis is read between the name and its rate, other names left out (人口自然增长率
        # in a list is no 自然口径 of the CPI before it)
        "basis": fields.basis(_gap_words(s_text, match["end"], g.start - s0, list(names)))
        if g is not None else fields.level_basis(s_text[:match["start"]]),
        "rule": rule, "evidence": report.text[s0 + match["start"]:int(last)],
        "_match": k, "_used": {q.start for q in picked.values()},
    }
    if g is not None and not pd.isna(g.direction) and g.direction == -1:
        for col in ("growth_pct", "growth_low", "growth_high"):
            if row[col] > 0:
                row[col] = -row[col]
        if row["growth_low"] > row["growth_high"]:  # 下降3%-4%: from -4 to -3
            row["growth_low"], row["growth_high"] = row["growth_high"], row["growth_low"]
    if pp is not None and not pd.isna(pp.direction) and pp.direction == -1 and row["change_pp"] > 0:
        row["change_pp"] = -row["change_pp"]  # 下降0.2个百分点
    return row


def _level_name(report, d: dict, col: str) -> str:
    """An indicator's name (name_zh, name_en) as the report's level says it: 国内生产总值 / Gross
    domestic product in a national report (indicators.csv ``<col>_national``), else 地区生产总值."""
    national = str((getattr(report, "meta", None) or {}).get("level") or "") == "national"
    return (d.get(f"{col}_national") or d[col]) if national else d[col]


def _index_growth(s_text: str, s0: int, alias: str, nums, lo: int, hi: int):
    """居民消费价格指数为102.5: the first number after a price index name (``index_base`` words,
    ``alias:base``) written without a unit, as a growth quantity (102.5 → 2.5), or None."""
    base = next((float(v.split(":", 1)[1]) for v in words("index_base")
                 if v.split(":", 1)[0] == alias), None)
    if base is None:
        return None
    for q in nums:
        if lo <= q.start - s0 < hi:
            if q.unit or q.scale or not q.parse_ok or q.flag or pd.isna(q.number):
                return None  # the first number is not the index: nothing
            if not 0.5 * base < q.number < 1.5 * base:
                return None
            return q._replace(number=round(q.number - base, 9), kind="growth_pct", direction="",
                              qualifier=index_qualifier(s_text, q.end - s0, q.qualifier))
    return None


def _clause_lead(s_text: str, name_start: int, lead: str) -> str:
    """The words of the name's clause up to its number (where 力争, 确保 … stand)."""
    return lead[_clause_start(s_text, name_start, "，,；;。：:\n"):]


def _qual(q) -> str:
    return "|".join(p for p in str(q.qualifier).split("|") if p and p != "range")
