"""Clause boundaries in a sentence, as the number scanner and the noun phrases see them.
"""
from __future__ import annotations

import re


_CLAUSE_END = "，,；;。：:！？!?、（）()\n"


_LIST_MARKER = re.compile(r"\d{1,2}[.．、](?!\d)")


# pinyin a web page glued after a character (會(huì), 報(bào), 增長(zhǎng)): debris, not a clause
# boundary nor a word between a name and its number
DEBRIS = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]")
_DEBRIS_END = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]$")


def strip_debris(text: str) -> tuple[str, list[int]]:
    """``text`` without pinyin debris, and for each of its characters (and its end) the offset
    in ``text``."""
    out, pos, last = [], [], 0
    for m in DEBRIS.finditer(text):
        out.append(text[last:m.start()])
        pos.extend(range(last, m.start()))
        last = m.end()
    out.append(text[last:])
    pos.extend(range(last, len(text) + 1))
    return "".join(out), pos


def _in_quotes(text: str, pos: int) -> bool:
    """True if pos sits inside “…” on its line and in the quote's first clause: a name in
    quotes (“十四五”, “三个年”), not a quoted speech (“2017年，全县实现生产总值255亿元，…” in a
    news report, whose numbers are the report's)."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    if before.count("“") <= before.count("”"):
        return False
    return not re.search("[，,；;。：:！？!?]", before[before.rfind("“") + 1:])


def _clause_start(text: str, pos: int, ends: str = _CLAUSE_END) -> int:
    i = pos
    while i > 0:
        if text[i - 1] in ")）" and (m := _DEBRIS_END.search(text, max(0, i - 10), i)):
            i = m.start()  # 增長(zhǎng): pinyin debris, not the end of a clause
            continue
        if text[i - 1] in ends:
            break
        i -= 1
    return i


def _clause_end(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and text[i] not in _CLAUSE_END:
        i += 1
    return i
