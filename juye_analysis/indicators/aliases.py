"""Indicator definitions (``resources/indicators.csv``) and the longest-alias-first matcher of
their names in a sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
import pandas as pd
from ..numbers.units import base_unit
from ..numbers.lexicon import words
from ..numbers.clauses import DEBRIS, strip_debris
from .. import resource_files as resources
from .rows import _alt
from ..read.chars import _HAN_RANGES


_AMOUNTS = {"level", "count", "growth_pct", "share_pct", "pct_point", "duration", "multiple"}


@lru_cache(maxsize=None)
def indicator_defs() -> pd.DataFrame:
    """indicators.csv indexed by key, with the base unit of each indicator's (first) unit and
    the base units of all its units (``unit`` may list several: 亿美元|亿元)."""
    df = resources.indicators().set_index("indicator", drop=False)
    df["base_unit"] = [base_unit(u.split("|")[0]) for u in df["unit"]]
    df["base_units"] = [frozenset(base_unit(x) for x in u.split("|") if x) for u in df["unit"]]
    return df


@lru_cache(maxsize=None)
def _defs_by_key() -> dict[str, dict]:
    """:func:`indicator_defs` as {key: {column: value}}, for a lookup per mention."""
    return {d["indicator"]: d for d in indicator_defs().to_dict("records")}


@lru_cache(maxsize=None)
def alias_map() -> dict[str, tuple[str, ...]]:
    """alias → indicator keys: one key, or several for a combined term (城乡…, 存贷款…)."""
    out: dict[str, tuple[str, ...]] = {}
    defs = indicator_defs()
    for key, aliases in zip(defs["indicator"], defs["aliases"]):
        for a in aliases.split("|"):
            if a:
                out.setdefault(a, (key,))
    for combined, first, second in resources.paired_terms():
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


_ELIDED_BEFORE = re.compile(rf"((?:[{_HAN_RANGES}]{{1,4}}[、和及与])+)$")
_ELIDED_AFTER = re.compile(rf"[、和及与]([{_HAN_RANGES}]{{1,8}}?)(?=分别)")


def _member(head: str, alias: str, amap: dict, before: bool) -> tuple[str, ...] | None:
    """The key of an elided list member: ``head`` and the part of ``alias`` it shares (城镇 +
    居民人均可支配收入 for 城镇、农村居民人均可支配收入; 一般公共预算 + 支出 for 一般公共预算收入和
    支出), when that compound is an alias of one indicator."""
    for k in (range(1, len(alias)) if before else range(len(alias) - 1, 0, -1)):
        compound = head + alias[k:] if before else alias[:k] + head
        if compound != alias and len(amap.get(compound, ())) == 1:
            return amap[compound]
    return None


def _elided_lists(sentence: str, found: list[dict], amap: dict) -> list[dict]:
    """One match with one key per member for a 分别 list whose members share the name
    (存、贷款余额分别为A、B; 城镇和农村居民人均可支配收入分别…; 一般公共预算收入和支出分别…), so
    that its numbers go to the members in order; only when every member names an indicator."""
    out = []
    for f in found:
        if len(f["keys"]) != 1 or "分别" not in sentence[f["end"]:]:
            out.append(f)
            continue
        m = _ELIDED_BEFORE.search(sentence, 0, f["start"])
        if m and not any(g is not f and g["end"] > m.start(1) and g["start"] < f["start"] for g in found):
            heads = re.split("[、和及与]", m.group(1))[:-1]
            keys = [_member(h, f["alias"], amap, True) for h in heads[1:]]
            start = m.start(1)
            for n in range(1, len(heads[0]) + 1):  # 金融机构存、贷款余额: the member is 存
                first = _member(heads[0][-n:], f["alias"], amap, True)
                if first:
                    keys, start = [first] + keys, m.start(1) + len(heads[0]) - n
                    break
            if len(keys) == len(heads) and all(keys):
                out.append(dict(f, start=start, alias=sentence[start:f["end"]],
                                keys=tuple(k[0] for k in keys) + f["keys"]))
                continue
        a = _ELIDED_AFTER.match(sentence, f["end"])
        if a:
            key = _member(a.group(1), f["alias"], amap, False)
            if key and key != f["keys"]:
                out.append(dict(f, end=a.end(), alias=sentence[f["start"]:a.end()],
                                keys=f["keys"] + key))
                continue
        out.append(f)
    return out


def find_aliases(sentence: str) -> list[dict]:
    """Indicator names in a sentence, longest alias at each position, left to right; a clause
    opening with an elliptic head (营业收入, 总产) after a named subject takes the subject's name.
    Pinyin debris inside a name (城鎮(zhèn)居民人均可支配收入) is read through; start and end are
    offsets in ``sentence``."""
    if DEBRIS.search(sentence):
        clean, pos = strip_debris(sentence)
        return [dict(f, start=pos[f["start"]], end=pos[f["end"] - 1] + 1) for f in _find(clean)]
    return _find(sentence)


def _find(sentence: str) -> list[dict]:
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
    found = _elided_lists(sentence, found, amap)
    # elliptic heads at a clause start: "规模以上农副产品加工企业达到103家，营业收入超过100亿元"
    for m in _elliptic_head_pattern().finditer(sentence):
        if any(f["start"] <= m.start(1) < f["end"] for f in found):
            continue
        before = [f for f in found if f["end"] <= m.start(1)]
        if not before:
            continue
        if re.search("[；;。]", sentence[before[-1]["end"]:m.start(1)]):
            continue  # another clause run stands between (；油料播种面积8万亩，总产2万吨)
        subject = before[-1]["alias"]
        for w in words("subject_strip"):
            if subject.startswith(w):
                subject = subject[len(w):]
        for k in range(len(subject), 1, -1):
            compound = subject[:k] + m.group(1)
            if compound in amap and len(amap[compound]) == 1:
                # a name inside the head (国内生产总值 in 占国内生产总值比重) is part of it
                found = [f for f in found if not m.start(1) <= f["start"] < m.end(1)]
                found.append({"start": m.start(1), "end": m.end(1), "alias": compound,
                              "keys": amap[compound]})
                break
    found.extend(_second_basis(sentence, found))
    return sorted(found, key=lambda f: f["start"])


def _second_basis(sentence: str, found: list[dict]) -> list[dict]:
    """A second statement of a name on another basis, after its first rate (地方一般公共预算收入
    3.5亿元，自然增幅2%，同口径完成3.67亿元，增幅6.1%): the clause opening with a ``basis_restart``
    word takes the name again, as a match that starts at that word (so the word is its basis)."""
    out = []
    for m in re.finditer("(?<=[，,])(?:" + _alt(words("basis_restart")) + ")", sentence):
        before = [f for f in found if f["end"] <= m.start()]
        if not before or len(before[-1]["keys"]) != 1 or any(f["start"] == m.start() for f in found):
            continue
        f = before[-1]
        between = sentence[f["end"]:m.start()]
        if re.search("[；;。]", between) or not re.search(r"\d\s*[%％]", between):
            continue  # another sentence part, or no first rate: one statement
        out.append(dict(f, start=m.start(), end=m.start()))
    return out
