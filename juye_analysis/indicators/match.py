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
from functools import lru_cache
import numpy as np
import pandas as pd
from ..numbers.table import frame
from ..numbers.units import units
from ..numbers.lexicon import words
from .aliases import _AMOUNTS, _defs_by_key, find_aliases
from .rows import _alt, _by_sentence, _inputs, _records
from .ranks import find_rank_claims
from ..read.parts import is_plan_role, is_review_role


INDICATOR_COLUMNS = [
    "report_id", "indicator", "name_en", "period", "kind", "value", "unit", "growth_pct",
    "qualifier", "estimated", "rank_scope", "rank", "sentence", "start", "end", "name_zh",
    "category", "growth_qualifier", "change_pp", "rank_measure", "alias", "part_role",
    "value_start", "value_end", "growth_start", "growth_end", "raw_start", "raw_end",
    "sentence_text",
]


def _period_kind(report, srow, years_before: list[int], para_years: list[int], sentence: str):
    """(period, kind) for a number in a sentence, or (None, None) when unclear."""
    review, plan = report.review_year, report.report_year
    if years_before:
        y = years_before[-1]
        return y, ("actual" if y <= review else "target")
    role = srow.part_role
    if is_review_role(role):
        return review, "actual"
    if is_plan_role(role, year_only=True):
        return plan, "target"
    if para_years:
        y = para_years[-1]
        return y, ("actual" if y <= review else "target")
    if any(w in sentence for w in words("target_word")):
        return plan, "target"
    if any(w in sentence for w in words("actual_word")):
        return review, "actual"
    return None, None


def _is_usable(q) -> bool:
    """An amount that parsed and is neither quoted, a modifier, vague nor unparsed."""
    return q.kind in _AMOUNTS and q.parse_ok and q.flag == ""


@lru_cache(maxsize=None)
def _gap_regex() -> re.Pattern:
    """The words allowed between a name and its first number: verbs, growth words, qualifiers."""
    from ..numbers.qualifiers import qualifiers

    allowed = list(words("value_gap")) + list(words("growth_up")) + list(words("growth_down")) \
        + list(words("growth_gap")) + list(qualifiers()["qualifier"])
    return re.compile(_alt(allowed))


def _gap_ok(gap: str) -> bool:
    gap = _gap_regex().sub("", gap) if gap else gap
    return not gap.strip(" “”\"")


def _fits(q, defs_row) -> str:
    """Which field a quantity fills for an indicator: value, growth, pp, or ''."""
    if q.kind == "pct_point":  # 提高0.2个百分点, not 高于全省平均1.2个百分点
        return "pp" if not pd.isna(q.direction) else ""
    if defs_row["unit"] == "%":
        return "value" if q.kind in ("share_pct", "growth_pct") else ""
    if q.kind == "growth_pct":
        return "growth"
    if q.kind in ("level", "count"):
        want = defs_row["base_unit"]
        if q.base_unit == want:
            return "value"
        if q.kind == "count" and units().get(defs_row["unit"][-1:], ("", 0, ""))[2] == "count":
            return "value"  # any counter fits a count indicator (家 for 个)
    return ""


def _segment_end(sentence: str, start: int, stop: int) -> int:
    """End of an indicator's segment: its own clause, plus following clauses that continue it
    (增长…, 分别…, 总量全市第三), never past a semicolon or full stop."""
    conts = words("continuation")
    i = start
    while i < stop:
        c = sentence[i]
        if c in "；;。":
            return i
        if c in "，,":
            rest = sentence[i + 1:]
            if not rest.startswith(conts):
                return i
        i += 1
    return stop


def indicators_table(report, tables: dict | None = None) -> pd.DataFrame:
    """The canonical economic indicators stated in a report, one row per indicator and mention.

    Columns: report_id, indicator (key of indicators.csv), name_en, period (the year the number is
    about), kind (actual | target), value (as written, in ``unit``), unit (as written: 亿元, 万亩,
    人, %), growth_pct (rate in percent, negative for 下降), qualifier (of the value, else of the
    growth), estimated (预计), rank_scope, rank (an integer as text or a band: 前列, 唯一 …),
    sentence (sentence_no), start, end (offsets of name … last number in the normalised text),
    name_zh, category, growth_qualifier, change_pp (a change in percentage points), rank_measure,
    alias (the name as matched), part_role, value_start, value_end, growth_start, growth_end,
    raw_start, raw_end, sentence_text.
    """
    sentences, quantities = _inputs(report, tables)
    defs = _defs_by_key()
    # rows grouped by sentence once (filtering a DataFrame per sentence costs 100× more)
    q_rows = _records(quantities)
    usable_by = _by_sentence(q for q in q_rows if _is_usable(q))
    years_by = _by_sentence(q for q in q_rows if q.kind == "year")
    nums_by = _by_sentence(q for q in q_rows if q.kind not in ("year", "date", "rank"))
    rows = []
    para_years: dict[int, list[int]] = {}
    for srow in _records(sentences):
        s_text, s0 = srow.text, srow.start
        s_years = [y for y in years_by.get(srow.sentence_no, ())
                   if _is_period_year(report.text, y.start, y.end)]
        pyears = para_years.setdefault(srow.paragraph_no, [])
        qs = usable_by.get(srow.sentence_no, [])
        if srow.is_heading or not qs:  # a heading, or no number to attach: no indicator row
            pyears.extend(int(y.number) for y in s_years)
            continue
        nums = nums_by.get(srow.sentence_no, [])
        matches = find_aliases(s_text)
        s_rows = []
        shared = _fenbie_across_names(s_text, s0, matches, qs)
        for k, match in enumerate(matches):
            nxt = matches[k + 1]["start"] if k + 1 < len(matches) else len(s_text)
            seg_end = _segment_end(s_text, match["end"], nxt)
            seg_q = [q for q in qs
                     if (match["end"] <= q.start - s0 < seg_end and q.start not in shared)
                     or shared.get(q.start) == k]
            if not seg_q:
                continue
            # the first number after the name (usable or not) must follow it with only verbs or
            # qualifiers in between: "地区生产总值达到450，增长5%" keeps the rate, not the 450
            first = [q.start for q in nums if match["end"] <= q.start - s0 < seg_end]
            if not _gap_ok(s_text[match["end"]:min(first) - s0]):
                continue
            before = [int(y.number) for y in s_years if y.start - s0 < match["start"]]
            period, kind = _period_kind(report, srow, before, pyears, s_text)
            if period is None:
                continue
            estimated = "预计" in s_text[:max(q.end for q in seg_q) - s0]
            keys = match["keys"]
            for member, key in enumerate(keys):
                d = defs[key]
                picked = {}
                for field in ("value", "growth", "pp"):
                    cands = [q for q in seg_q if _fits(q, d) == field]
                    if len(keys) > 1:
                        cands = cands[member:member + 1] if len(cands) == len(keys) else []
                    if cands:
                        picked[field] = cands[0]
                if not picked:
                    continue
                v, g, pp = picked.get("value"), picked.get("growth"), picked.get("pp")
                last = max((q.end for q in picked.values()))
                row = {
                    "report_id": report.report_id, "indicator": key, "name_en": d["name_en"],
                    "period": int(period), "kind": kind,
                    "value": v.number if v is not None else np.nan,
                    "unit": v.unit_written if v is not None else "",
                    "growth_pct": (g.number if g is not None else np.nan),
                    "qualifier": _qual(v) if v is not None else (_qual(g) if g is not None else ""),
                    "estimated": estimated, "rank_scope": "", "rank": "",
                    "sentence": int(srow.sentence_no), "start": s0 + match["start"], "end": int(last),
                    "name_zh": d["name_zh"], "category": d["category"],
                    "growth_qualifier": _qual(g) if g is not None else "",
                    "change_pp": pp.number if pp is not None else np.nan, "rank_measure": "",
                    "alias": match["alias"], "part_role": srow.part_role,
                    "value_start": v.start if v is not None else pd.NA,
                    "value_end": v.end if v is not None else pd.NA,
                    "growth_start": g.start if g is not None else pd.NA,
                    "growth_end": g.end if g is not None else pd.NA,
                    "raw_start": report.normalized.raw_start(s0 + match["start"]),
                    "raw_end": report.normalized.raw_end(int(last)), "sentence_text": s_text,
                    "_match": k, "_used": {q.start for q in picked.values()},
                }
                if g is not None and g.direction == -1 and row["growth_pct"] > 0:
                    row["growth_pct"] = -row["growth_pct"]
                if pp is not None and pp.direction == -1 and row["change_pp"] > 0:
                    row["change_pp"] = -row["change_pp"]  # 下降0.2个百分点
                s_rows.append(row)
        if s_rows:
            _link_ranks(s_text, s0, s_rows, matches, find_rank_claims(s_text), qs)
        rows.extend(s_rows)
        pyears.extend(int(y.number) for y in s_years)
    return frame(rows, INDICATOR_COLUMNS, {
        "period": "int64", "value": "float64", "growth_pct": "float64", "estimated": "bool",
        "sentence": "int64", "start": "int64", "end": "int64", "change_pp": "float64",
        "value_start": "Int64", "value_end": "Int64", "growth_start": "Int64",
        "growth_end": "Int64", "raw_start": "int64", "raw_end": "int64"})


def _fenbie_across_names(s_text, s0, matches, qs) -> dict[int, int]:
    """"城镇居民人均可支配收入38000元、农村居民人均可支配收入19000元，分别增长5%、7%": the rates
    of a 分别 clause go, in order, to the names before it in the same run. Returns
    {quantity start: index of its match}."""
    out: dict[int, int] = {}
    if "分别" not in s_text:
        return out
    for m in re.finditer(r"[^，,；;。]*分别[^，,；;。]*", s_text):
        rates = [q for q in qs if m.start() <= q.start - s0 < m.end()
                 and q.kind in ("growth_pct", "pct_point")]
        run_start = max(s_text.rfind(x, 0, m.start()) for x in "；;。") + 1
        before = [k for k, f in enumerate(matches) if run_start <= f["start"] < m.start()]
        if len(rates) < 2 or len(before) < len(rates) or any(len(matches[k]["keys"]) > 1 for k in before):
            continue
        if any(m.start() <= matches[k]["start"] for k in before):
            continue
        for q, k in zip(rates, before[-len(rates):]):
            out[q.start] = k
    return out


def _is_period_year(text: str, start: int, end: int) -> bool:
    """A year names the period of the sentence's numbers, unless it is a base of comparison
    (比2020年, 与2020年相比, 2020年以来, 在2020年基础上)."""
    if text[max(0, start - 1):start] in ("比", "较", "与", "同", "自", "从") :
        return False
    return not text.startswith(("基础上", "的基础", "同期", "以来", "相比", "比", "水平"), end)


def _qual(q) -> str:
    return "|".join(p for p in str(q.qualifier).split("|") if p and p != "range")


def _link_ranks(s_text, s0, s_rows, matches, claims, qs) -> None:
    """Give an indicator row the rank claimed right after its numbers (总量全市第三), or by name
    (签约落地项目数量全市前列 → 签约…, 落地…), or to every row before a 均 (数量均居全市第一)."""
    generic = set(words("generic_measure"))
    for c in claims:
        run_start = max(s_text.rfind(x, 0, c["start"]) for x in "；;") + 1
        cands = [r for r in s_rows if run_start <= r["start"] - s0 < c["start"]]
        if not cands:
            continue
        measure = c["measure"]
        chosen = []
        parts = [p for p in re.split("[和、及与]", measure) if p]
        if not measure or all(p in generic for p in parts):  # 总量和增速均居全市第二
            if c["distributive"]:
                chosen = cands
            else:
                prior = [q for q in qs if run_start <= q.start - s0 < c["start"]
                         and q.kind not in ("duration", "rank")]  # 连续四年 is not the measure
                if prior:
                    last = prior[-1].start
                    chosen = [r for r in cands if last in r["_used"]]
        else:
            core = measure
            for g in sorted(generic, key=len, reverse=True):
                if core.endswith(g) and len(core) > len(g):
                    core = core[: -len(g)]
                    break
            chosen = [r for r in cands if core in r["alias"] or r["alias"] in core]
            if not chosen and len(core) >= 4 and len(core) % 2 == 0:
                chunks = [core[i:i + 2] for i in range(0, len(core), 2)]
                hits = {ch: [r for r in cands if r["alias"].startswith(ch)] for ch in chunks}
                if all(hits.values()):
                    chosen = [r for ch in chunks for r in hits[ch]]
        for r in chosen:
            if not r["rank"]:
                r.update(rank_scope=c["scope"], rank=c["rank"], rank_measure=measure,
                         end=max(r["end"], s0 + c["end"]))
