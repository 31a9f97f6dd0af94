"""Claims of standing (全市第一, 居全省前列, 连续四年保持全市第一 …): the ``rank_claims`` table and
the matcher the indicator rows use.
"""
from __future__ import annotations

import re
from functools import lru_cache
import pandas as pd
from ..numbers.table import frame
from ..numbers.numerals import parse_arabic, parse_chinese
from ..numbers.lexicon import words
from .rows import _CN_NUM, _alt, _by_sentence, _inputs, _records
from ..read.parts import is_plan_role


RANK_COLUMNS = [
    "report_id", "sentence_no", "part_no", "part_role", "kind", "scope", "rank", "rank_number",
    "measure", "subject", "years_running", "start", "end", "raw_start", "raw_end", "text",
    "sentence_text",
]


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


def _clause(s: str, start: int, end: int) -> str:
    """The clause (between ，；。： marks) that holds ``s[start:end]``."""
    stop = min([k for k in (s.find(c, end) for c in "，,；;。：:") if k >= 0], default=len(s))
    return s[_clause_start(s, start):stop]


def claim_kind(clause: str, part_role: str) -> str:
    """achieved (a standing reached) or aspired (a standing sought) for a rank claim in
    ``clause`` of a part of role ``part_role``. A word of ``extraction_words.csv`` kind
    ``rank_aspired`` in the clause (争创, 力争, 锚定…目标) makes it aspired in any part; else a
    claim in a plan part is aspired unless the clause has a ``rank_achieved`` word (去年, 已经);
    else it is achieved."""
    if any(w in clause for w in words("rank_aspired")):
        return "aspired"
    if is_plan_role(part_role) and not any(w in clause for w in words("rank_achieved")):
        return "aspired"
    return "achieved"


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


def rank_claims_table(report, tables: dict | None = None) -> pd.DataFrame:
    """Every claim of standing in a report, one row per claim and subject.

    Columns: report_id, sentence_no, part_no, part_role, kind (achieved: a standing reached;
    aspired: a standing sought, such as 争创“全市第一、全省一流” or a claim in a plan part; see
    :func:`claim_kind`, its words in ``extraction_words.csv``), scope (全国, 全省, 全市 … as written; empty when none is
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
        for c in find_rank_claims(s_text):
            kind = claim_kind(_clause(s_text, c["start"], c["end"]), srow.part_role)
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

