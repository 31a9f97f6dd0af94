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
from collections import namedtuple
from functools import lru_cache

import numpy as np
import pandas as pd

from .numbers import frame, hardness, parse_arabic, parse_chinese, quantities_table, units, words
from .resources import read_resource_csv

INDICATOR_COLUMNS = [
    "report_id", "indicator", "name_en", "period", "kind", "value", "unit", "growth_pct",
    "qualifier", "estimated", "rank_scope", "rank", "sentence", "start", "end", "name_zh",
    "category", "growth_qualifier", "change_pp", "rank_measure", "alias", "part_role",
    "value_start", "value_end", "growth_start", "growth_end", "raw_start", "raw_end",
    "sentence_text",
]
CLI_COLUMNS = INDICATOR_COLUMNS[1:15]
TARGET_COLUMNS = [
    "report_id", "sentence_no", "period", "section_no", "section", "item", "label", "value", "unit",
    "qualifier", "hardness", "range_low", "range_high", "kind", "direction", "indicator", "start",
    "end", "raw_start", "raw_end", "text", "sentence_text",
]
RANK_COLUMNS = [
    "report_id", "sentence_no", "part_no", "part_role", "kind", "scope", "rank", "rank_number",
    "measure", "subject", "years_running", "start", "end", "raw_start", "raw_end", "text",
    "sentence_text",
]

_AMOUNTS = {"level", "count", "growth_pct", "share_pct", "pct_point", "duration", "multiple"}
_CN_NUM = "零〇一二两三四五六七八九十百"


# --- indicator definitions --------------------------------------------------------------------

@lru_cache(maxsize=None)
def indicator_defs() -> pd.DataFrame:
    """indicators.csv indexed by key, with the base unit of each indicator's unit."""
    df = read_resource_csv("indicators.csv").set_index("indicator", drop=False)
    df["base_unit"] = [_base_of(u) for u in df["unit"]]
    return df


@lru_cache(maxsize=None)
def _defs_by_key() -> dict[str, dict]:
    """:func:`indicator_defs` as {key: {column: value}}, for a lookup per mention."""
    return {d["indicator"]: d for d in indicator_defs().to_dict("records")}


def _base_of(unit_written: str) -> str:
    from .numbers import scales

    for s in sorted(scales(), key=len, reverse=True):
        if unit_written.startswith(s) and unit_written[len(s):] in units():
            return units()[unit_written[len(s):]][0]
    return units().get(unit_written, ("",))[0]


@lru_cache(maxsize=None)
def alias_map() -> dict[str, tuple[str, ...]]:
    """alias → indicator keys: one key, or several for a combined term (城乡…, 存贷款…)."""
    out: dict[str, tuple[str, ...]] = {}
    defs = indicator_defs()
    for key, aliases in zip(defs["indicator"], defs["aliases"]):
        for a in aliases.split("|"):
            if a:
                out.setdefault(a, (key,))
    pairs = read_resource_csv("paired_terms.csv")
    for combined, first, second in zip(pairs["combined"], pairs["first"], pairs["second"]):
        for a, keys in list(out.items()):
            if len(keys) == 1 and first in a:
                other = a.replace(first, second, 1)
                if other in out and len(out[other]) == 1 and out[other] != keys:
                    out.setdefault(a.replace(first, combined, 1), keys + out[other])
    return out


_ALIAS_REGEX: dict = {}


def _alias_regex(amap: dict) -> re.Pattern:
    """One pattern for every alias, longest first, so that a search finds the next position where
    an alias starts and, there, the longest alias (memo per alias map). The pattern also finds
    the compounds of extraction_words.csv kind ``not_indicator`` (住户存款余额, 绿色贷款余额 …),
    which :func:`find_aliases` passes over, so that the alias inside them is not taken."""
    cached = _ALIAS_REGEX.get(id(amap))
    if cached is not None and cached[0] is amap:
        return cached[1]
    pattern = re.compile(_alt(list(amap) + list(words("not_indicator"))))
    _ALIAS_REGEX.clear()
    _ALIAS_REGEX[id(amap)] = (amap, pattern)
    return pattern


@lru_cache(maxsize=None)
def _elliptic_head_pattern():
    return re.compile("(?:^|(?<=[，,；;、]))(" + "|".join(map(re.escape, words("elliptic_head"))) + ")")


def find_aliases(sentence: str) -> list[dict]:
    """Indicator names in a sentence, longest alias at each position, left to right; a clause
    opening with an elliptic head (营业收入, 总产) after a named subject takes the subject's name."""
    amap = alias_map()
    alias_regex = _alias_regex(amap)
    blockers = words("alias_block")
    found, i = [], 0
    while (m := alias_regex.search(sentence, i)) is not None:
        hit = m.group(0)
        if hit not in amap:  # a not_indicator compound: a part of an indicator, not the whole
            i = m.end()
        elif not sentence.startswith(blockers, m.end()):
            found.append({"start": m.start(), "end": m.end(), "alias": hit, "keys": amap[hit]})
            i = m.end()
        else:
            i = m.start() + 1
    # elliptic heads at a clause start: "规模以上农副产品加工企业达到103家，营业收入超过100亿元"
    for m in _elliptic_head_pattern().finditer(sentence):
        if any(f["start"] <= m.start(1) < f["end"] for f in found):
            continue
        before = [f for f in found if f["end"] <= m.start(1)]
        if not before:
            continue
        subject = before[-1]["alias"]
        for w in words("subject_strip"):
            if subject.startswith(w):
                subject = subject[len(w):]
        for k in range(len(subject), 1, -1):
            compound = subject[:k] + m.group(1)
            if compound in amap and len(amap[compound]) == 1:
                found.append({"start": m.start(1), "end": m.end(1), "alias": compound,
                              "keys": amap[compound]})
                break
    return sorted(found, key=lambda f: f["start"])


# --- rank claims ------------------------------------------------------------------------------

def _alt(ws) -> str:
    return "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))


@lru_cache(maxsize=None)
def _rank_regex() -> re.Pattern:
    scope = _alt(words("rank_scope"))
    bands = _alt(words("rank_band"))
    tiers = _alt(words("rank_tier"))
    num = rf"[{_CN_NUM}]+|\d+"
    core = (rf"第(?P<ord>{num})(?:(?P<tier>{tiers})|[位名])?|前(?P<top>{num})(?:位|名)?"
            rf"|(?P<band>{bands})")
    return re.compile(rf"(?P<scope>{scope})(?:县域|范围内|同类县市?)?(?:{core})"
                      rf"|(?P<verb>位居|居于|排名|排在|位列|居)(?P<ord2>第(?:{num})[位名]?)"
                      rf"|(?P<first>率先)")


def _to_int(s: str) -> int | None:
    v = parse_arabic(s) if s[0].isdigit() else parse_chinese(s)
    return int(v) if v is not None and float(v).is_integer() else None


def find_rank_claims(sentence: str) -> list[dict]:
    """Claims of standing in one sentence: dicts with start, end (in the sentence), scope, rank
    (an integer as text, or the band as written), rank_number, measure, subject, years_running."""
    claims = []
    last_end = 0
    for m in _rank_regex().finditer(sentence):
        scope = m.group("scope") or ""
        if m.group("ord2"):
            ordinal = re.sub(r"[第位名]", "", m.group("ord2"))
            number = _to_int(ordinal)
            rank = str(number) if number is not None else m.group("ord2")
            before_end = m.start("ord2")
        elif m.group("first"):
            rank, number, before_end = "率先", None, m.start()
        elif m.group("tier"):
            rank, number, before_end = f"第{m.group('ord')}{m.group('tier')}", None, m.start()
        elif m.group("ord"):
            number = _to_int(m.group("ord"))
            rank = str(number) if number is not None else m.group("ord")
            before_end = m.start()
        elif m.group("top"):
            number = None
            rank, before_end = f"前{_to_int(m.group('top')) or m.group('top')}", m.start()
        else:
            rank, number, before_end = m.group("band"), None, m.start()
            if rank == "首位":
                rank, number = "1", 1
        clause_start = max(last_end, _clause_start(sentence, before_end))
        before = sentence[clause_start:before_end]
        if not scope:  # 在全市…中位居第一名 / 在全市率先…
            sm = re.search(_alt(words("rank_scope")), before)
            scope = sm.group(0) if sm else ""
        if rank in ("唯一", "率先"):
            measure = _measure_after(sentence, m.end())
            years = None
        else:
            measure, years = _measure_before(before, scope)
        distributive = bool(re.search(r"均(?:居|为|位居|保持|列)?$", before.rstrip()))
        claims.append({"start": m.start() if not m.group("verb") else m.start("ord2") - 0,
                       "end": m.end(), "scope": scope, "rank": rank, "rank_number": number,
                       "measure": measure, "years_running": years, "distributive": distributive})
        if m.group("verb"):
            claims[-1]["start"] = m.start("verb")
        last_end = m.end()
    return claims


def _clause_start(s: str, pos: int) -> int:
    k = max(s.rfind(c, 0, pos) for c in "，,；;。：:")
    return k + 1


def _measure_before(before: str, scope: str) -> tuple[str, int | None]:
    text = before.strip().strip("“”\"、")
    years = None
    changed = True
    while changed and text:
        changed = False
        for w in words("rank_verb"):
            if text.endswith(w):
                text, changed = text[: -len(w)], True
                break
        m = re.search(rf"连续([{_CN_NUM}]+|\d+)年$", text)
        if m:
            years, text, changed = _to_int(m.group(1)), text[: m.start()], True
        if scope and text.endswith(scope):
            text, changed = text[: -len(scope)], True
    m = re.search(r"在(.+)中$", text)
    if m:
        text = m.group(1)
        for s in words("rank_scope"):
            if text.startswith(s):
                text = text[len(s):]
    for w in words("rank_verb"):
        if text.startswith(w):
            text = text[len(w):]
    text = text.strip("“”\"、 ")
    if re.search(r"\d", text):  # "…达1.39%居全市第一": the subject is before the number
        text = re.split(r"\d", text)[0]
        text = re.sub(f"(?:{_alt(words('value_gap'))})$", "", text)
    return text, years


def _measure_after(sentence: str, pos: int) -> str:
    after = re.split(r"[，,；;。：:]", sentence[pos:])[0]
    m = re.search(rf"(?:\d+|[{_CN_NUM}]+)(?:个|家|项|处|条|座|所|名|位)(.+)$", after)
    if m:
        after = m.group(1)
    return after.strip("“”\"")


# --- period and kind --------------------------------------------------------------------------

def _period_kind(report, srow, years_before: list[int], para_years: list[int], sentence: str):
    """(period, kind) for a number in a sentence, or (None, None) when unclear."""
    review, plan = report.review_year, report.report_year
    if years_before:
        y = years_before[-1]
        return y, ("actual" if y <= review else "target")
    role = srow.part_role
    if role == "review":
        return review, "actual"
    if role == "plan":
        return plan, "target"
    if para_years:
        y = para_years[-1]
        return y, ("actual" if y <= review else "target")
    if any(w in sentence for w in words("target_word")):
        return plan, "target"
    if any(w in sentence for w in words("actual_word")):
        return review, "actual"
    return None, None


# --- the tables -------------------------------------------------------------------------------

def _inputs(report, tables):
    tables = tables or {}
    sentences = tables.get("sentences")
    if sentences is None:
        from .corpus import sentences_table

        sentences = sentences_table(report)
    q = tables.get("quantities")
    if q is None:
        q = quantities_table(report, {"sentences": sentences})
    return sentences, q


@lru_cache(maxsize=None)
def _row_type(columns: tuple[str, ...]) -> type:
    """The named tuple of :func:`_records` for these columns (made once)."""
    return namedtuple("Row", columns, rename=True)


def _records(df: pd.DataFrame, columns: list[str] | None = None) -> list[tuple]:
    """The rows of ``df`` (its ``columns``, default all) as named tuples, like
    ``itertuples(index=False)``, but read a column at a time (``tolist()``): element by element,
    pyarrow-backed columns cost far more."""
    columns = tuple(df.columns if columns is None else columns)
    return list(map(_row_type(columns)._make, zip(*(df[c].tolist() for c in columns))))


def _by_sentence(rows) -> dict[int, list[tuple]]:
    """Rows (see :func:`_records`) grouped by sentence_no, in order."""
    out: dict[int, list[tuple]] = {}
    for row in rows:
        out.setdefault(row.sentence_no, []).append(row)
    return out


def _is_usable(q) -> bool:
    """An amount that parsed and is neither quoted, a modifier, vague nor unparsed."""
    return q.kind in _AMOUNTS and q.parse_ok and q.flag == ""


@lru_cache(maxsize=None)
def _gap_regex() -> re.Pattern:
    """The words allowed between a name and its first number: verbs, growth words, qualifiers."""
    from .numbers import qualifiers

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


def targets_table(report, tables: dict | None = None) -> pd.DataFrame:
    """Every quantified commitment of the plan part (canonical or not), one row per number.

    Columns: report_id, sentence_no, period (the report year), section_no, section, item (一是,
    or 1.…10. in a numbered list), label (the noun phrase the number measures), value (as
    written; empty for a range), unit (as written, with scale: 万亩, %), qualifier (as written:
    以上, 左右, 以内, 不低于, 超过 …), hardness (point | around | floor | ceiling | range: see
    ``qualifiers.csv``), range_low, range_high, kind (level, count, growth_pct, share_pct, …),
    direction, indicator (the canonical key when the number is one), start, end, raw_start,
    raw_end, text (the number as written), sentence_text.
    """
    sentences, quantities = _inputs(report, tables)
    plan = {s.sentence_no: s for s in _records(sentences)
            if s.part_role == "plan" and not s.is_heading}
    skip = words("not_target_noun")
    q = [r for r in _records(quantities) if _is_usable(r) and r.sentence_no in plan
         and r.unit != "" and not any(w in r.phrase for w in skip)]
    ind = (tables or {}).get("indicators")
    if ind is None:
        ind = indicators_table(report, {"sentences": sentences, "quantities": quantities})
    by_pos = {}
    for key, value_start, growth_start in zip(ind["indicator"].tolist(), ind["value_start"].tolist(),
                                              ind["growth_start"].tolist()):
        for pos in (value_start, growth_start):
            if pos is not pd.NA and not pd.isna(pos):
                by_pos.setdefault(int(pos), key)
    rows = []
    for r in q:
        s = plan[r.sentence_no]
        rows.append({
            "report_id": report.report_id, "sentence_no": int(r.sentence_no),
            "period": report.report_year, "section_no": int(s.section_no), "section": s.section,
            "item": s.item, "label": r.phrase,
            "value": r.number, "unit": r.unit_written, "qualifier": _qual(r),
            "hardness": hardness(r.qualifier), "range_low": r.range_low, "range_high": r.range_high,
            "kind": r.kind, "direction": r.direction, "indicator": by_pos.get(int(r.start), ""),
            "start": int(r.start), "end": int(r.end), "raw_start": int(r.raw_start),
            "raw_end": int(r.raw_end), "text": r.text, "sentence_text": s.text,
        })
    return frame(rows, TARGET_COLUMNS, {
        "sentence_no": "int64", "period": "int64", "section_no": "int64", "value": "float64",
        "range_low": "float64", "range_high": "float64", "direction": "Int64", "start": "int64",
        "end": "int64", "raw_start": "int64", "raw_end": "int64"})


def rank_claims_table(report, tables: dict | None = None) -> pd.DataFrame:
    """Every claim of standing in a report, one row per claim and subject.

    Columns: report_id, sentence_no, part_no, part_role, kind (actual in the review part, target
    in the plan part, else empty), scope (全国, 全省, 全市 … as written; empty when none is
    written), rank (an integer as text, or a band as written: 前列, 领先, 第一方阵, 唯一, 最多,
    最少, 率先, 一流), rank_number (the integer, else empty), measure (what is ranked when the
    claim names it: 总量, 增幅, 蛋鸡存栏量; empty for a bare "居全市第一"), subject (for a claim
    shared by several items with 均: the item), years_running (连续三年 → 3), start, end, raw_start,
    raw_end (offsets of the claim), text (the claim as written), sentence_text.
    """
    sentences, quantities = _inputs(report, tables)
    q_by = _by_sentence(_records(quantities, ["sentence_no", "start", "kind", "flag", "phrase"]))
    rows = []
    for srow in _records(sentences):
        if srow.is_heading:
            continue
        s_text, s0 = srow.text, srow.start
        kind = {"review": "actual", "plan": "target"}.get(srow.part_role, "")
        for c in find_rank_claims(s_text):
            subjects = [""]
            measure = c["measure"]
            if c["distributive"]:
                if "、" in measure:
                    subjects = measure.split("、")
                elif measure in words("generic_measure") or not measure:
                    subjects = _distributive_subjects(s_text, s0, c["start"],
                                                      q_by.get(srow.sentence_no, []))
            for subj in subjects:
                m = subj if "、" in measure else measure
                rows.append({
                    "report_id": report.report_id, "sentence_no": int(srow.sentence_no),
                    "part_no": int(srow.part_no), "part_role": srow.part_role, "kind": kind,
                    "scope": c["scope"], "rank": c["rank"], "rank_number": c["rank_number"],
                    "measure": m, "subject": subj if "、" not in measure else "",
                    "years_running": c["years_running"], "start": s0 + c["start"],
                    "end": s0 + c["end"], "raw_start": report.normalized.raw_start(s0 + c["start"]),
                    "raw_end": report.normalized.raw_end(s0 + c["end"]),
                    "text": s_text[c["start"]:c["end"]], "sentence_text": s_text,
                })
    return frame(rows, RANK_COLUMNS, {
        "sentence_no": "int64", "part_no": "int64", "rank_number": "Int64",
        "years_running": "Int64", "start": "int64", "end": "int64", "raw_start": "int64",
        "raw_end": "int64"})


def _distributive_subjects(s_text, s0, claim_start, s_quantities) -> list[str]:
    """The items a "数量均居全市第一" covers: the numbers before it in its run (up to ；), from
    the quantities of the sentence."""
    run_start = max(s_text.rfind(x, 0, claim_start) for x in "；;") + 1
    subj = [q.phrase for q in s_quantities if q.kind in ("count", "level") and q.flag == ""
            and run_start <= q.start - s0 < claim_start]
    return subj or [""]



def indicators_for_display(df: pd.DataFrame) -> pd.DataFrame:
    """The indicators table with numbers as written (7127, not 7127.0) and absent fields empty,
    for the command line and for tables in papers. Same columns as :func:`indicators_table`."""
    out = df.copy()
    for col in ("value", "growth_pct", "change_pp"):
        out[col] = pd.Series([_as_written(v) for v in out[col]], index=out.index, dtype=object)
    return out


def _as_written(v):
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    v = float(v)
    return int(v) if v.is_integer() else float(format(v, ".10g"))


# --- views for notebooks and papers (read the built tables; no parsing) -----------------------

def choose_report_with_targets(indicators: pd.DataFrame, reports: pd.DataFrame,
                               report_id: str | None = None) -> str:
    """``report_id`` if given (checked against ``reports``), else the latest report that states
    targets (rows of kind "target" in the indicators table)."""
    from .errors import UserError
    from .metadata import choose_report

    if report_id is not None:
        return choose_report(reports, report_id)
    with_targets = set(indicators.loc[indicators["kind"] == "target", "report_id"])
    pool = reports[reports["report_id"].isin(with_targets)]
    if pool.empty:
        raise UserError(None, "no report in the indicators table states targets")
    return pool.sort_values(["report_year", "report_id"]).iloc[-1]["report_id"]


def _first(df: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: its first mention (lowest offset)."""
    return df.sort_values("start").drop_duplicates("indicator")


def headline_table(indicators: pd.DataFrame, reports: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """The headline table of one report: the review-year outcome next to the report-year target,
    one row per indicator (for targets against the *next* report's outcomes see
    :func:`juye_analysis.compare.target_vs_outcome`).

    Columns: indicator, name_zh, name_en, category, outcome_period, outcome_value, outcome_unit,
    outcome_growth_pct, outcome_qualifier, target_period, target_value, target_unit,
    target_growth_pct, target_qualifier, headline (a growth rate is stated for the target or the
    outcome), outcome_sentence, target_sentence. Periods come from the reports table.
    """
    rep = reports.set_index("report_id").loc[report_id]
    ind = indicators[indicators["report_id"] == report_id]
    keep = ["indicator", "period", "value", "unit", "growth_pct", "qualifier", "sentence"]
    out = _first(ind[(ind["kind"] == "actual") & (ind["period"] == rep["review_year"])])[keep]
    tgt = _first(ind[(ind["kind"] == "target") & (ind["period"] == rep["report_year"])])[keep]
    merged = out.add_prefix("outcome_").rename(columns={"outcome_indicator": "indicator"}).merge(
        tgt.add_prefix("target_").rename(columns={"target_indicator": "indicator"}),
        on="indicator", how="outer")
    defs = indicator_defs()[["indicator", "name_zh", "name_en", "category"]].reset_index(drop=True)
    merged = defs.merge(merged, on="indicator", how="inner")  # resource order: stable and readable
    merged["headline"] = merged["target_growth_pct"].notna() | merged["outcome_growth_pct"].notna()
    cols = ["indicator", "name_zh", "name_en", "category", "outcome_period", "outcome_value",
            "outcome_unit", "outcome_growth_pct", "outcome_qualifier", "target_period",
            "target_value", "target_unit", "target_growth_pct", "target_qualifier", "headline",
            "outcome_sentence", "target_sentence"]
    return merged[cols].astype({"outcome_period": "Int64", "target_period": "Int64",
                                "outcome_sentence": "Int64", "target_sentence": "Int64"})


def growth_vs_target(indicators: pd.DataFrame, reports: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """Growth rates of the indicators the report sets a growth target for: the review-year
    outcome, the report-year target and, when a later report in the tables gives it, the
    report-year outcome (a join on indicator and period, not index arithmetic).

    Columns: indicator, name_zh, name_en, series (outcome_before, target, outcome), period,
    growth_pct, qualifier, estimated, source (the report_id the number comes from).
    """
    rep = reports.set_index("report_id").loc[report_id]
    ind = indicators.dropna(subset=["growth_pct"])
    targets = _first(ind[(ind["report_id"] == report_id) & (ind["kind"] == "target")
                         & (ind["period"] == rep["report_year"])])
    keys = list(targets["indicator"])
    parts = []
    before = _first(ind[(ind["report_id"] == report_id) & (ind["kind"] == "actual")
                        & (ind["period"] == rep["review_year"]) & ind["indicator"].isin(keys)])
    parts.append(before.assign(series="outcome_before"))
    parts.append(targets.assign(series="target"))
    later = ind[(ind["kind"] == "actual") & (ind["period"] == rep["report_year"])
                & ind["indicator"].isin(keys) & (ind["report_id"] != report_id)]
    if len(later):
        parts.append(_first(later).assign(series="outcome"))
    df = pd.concat(parts, ignore_index=True)
    df = df.rename(columns={"report_id": "source"})
    df["indicator"] = pd.Categorical(df["indicator"], categories=keys, ordered=True)
    df["series"] = pd.Categorical(df["series"], categories=["outcome_before", "target", "outcome"],
                                  ordered=True)
    df = df.sort_values(["indicator", "series"]).reset_index(drop=True)
    df["indicator"] = df["indicator"].astype(str)
    df["series"] = df["series"].astype(str)
    return df[["indicator", "name_zh", "name_en", "series", "period", "growth_pct", "qualifier",
               "estimated", "source"]]


def to_base(value: float, unit_written: str) -> float:
    """A value as written (447.6, "亿元") in base units (4.476e10 元); NaN if the unit is unknown."""
    from .numbers import unit_in_base

    found = unit_in_base(unit_written)
    return float(value) * found[0] if found else float("nan")


STRUCTURE_RATIOS = (  # (name, numerator, denominator)
    ("tertiary_share_of_gdp", "tertiary_value_added", "gdp"),
    ("deposits_to_gdp", "deposits", "gdp"),
    ("loans_to_gdp", "loans", "gdp"),
)


def structure_ratios(indicators: pd.DataFrame) -> pd.DataFrame:
    """Ratios of the economy's structure from stated outcomes, per report and period: the tertiary
    share of GDP and deposits and loans relative to GDP, in percent, computed only where both
    levels are stated in units of the same base (元).

    Columns: report_id, period, ratio, numerator, denominator, pct, estimated.
    """
    act = indicators[(indicators["kind"] == "actual") & indicators["value"].notna()]
    rows = []
    for (rid, period), g in act.groupby(["report_id", "period"]):
        first = _first(g).set_index("indicator")
        for name, num, den in STRUCTURE_RATIOS:
            if num in first.index and den in first.index:
                a = to_base(first.loc[num, "value"], first.loc[num, "unit"])
                b = to_base(first.loc[den, "value"], first.loc[den, "unit"])
                if b and not np.isnan(a) and not np.isnan(b):
                    rows.append({"report_id": rid, "period": int(period), "ratio": name,
                                 "numerator": num, "denominator": den, "pct": 100 * a / b,
                                 "estimated": bool(first.loc[num, "estimated"] or first.loc[den, "estimated"])})
    return pd.DataFrame(rows, columns=["report_id", "period", "ratio", "numerator", "denominator",
                                       "pct", "estimated"])


def audit_table(indicators: pd.DataFrame, sentences: pd.DataFrame, report_id: str,
                lang: str = "zh") -> pd.DataFrame:
    """Each indicator row next to its sentence with the value, the growth rate and the indicator
    name highlighted (HTML), for checking every number before citing it.

    Columns: indicator, name, period, kind, value, unit, growth_pct, qualifier, rank, sentence,
    sentence_html.
    """
    import html

    ind = indicators[indicators["report_id"] == report_id]
    starts = sentences[sentences["report_id"] == report_id].set_index("sentence_no")["start"]
    rows = []
    for r in ind.itertuples():
        s0 = int(starts.loc[r.sentence])
        spans = [(r.start - s0, r.start - s0 + len(r.alias), "name")]
        for a, b in ((r.value_start, r.value_end), (r.growth_start, r.growth_end)):
            if not pd.isna(a):
                spans.append((int(a) - s0, int(b) - s0, "number"))
        text, out, pos = r.sentence_text, [], 0
        for a, b, kind in sorted(spans):
            if a < pos:
                continue
            style = ("background:#ffe066;font-weight:bold" if kind == "number"
                     else "text-decoration:underline")
            out += [html.escape(text[pos:a]), f'<span style="{style}">{html.escape(text[a:b])}</span>']
            pos = b
        out.append(html.escape(text[pos:]))
        rows.append({"indicator": r.indicator, "name": r.name_zh if lang == "zh" else r.name_en,
                     "period": r.period, "kind": r.kind, "value": r.value, "unit": r.unit,
                     "growth_pct": r.growth_pct, "qualifier": r.qualifier, "rank": r.rank,
                     "sentence": r.sentence, "sentence_html": "".join(out)})
    return pd.DataFrame(rows, columns=["indicator", "name", "period", "kind", "value", "unit",
                                       "growth_pct", "qualifier", "rank", "sentence", "sentence_html"])
