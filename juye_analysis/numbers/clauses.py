"""Clause boundaries in a sentence, as the number scanner and the noun phrases see them.
"""
from __future__ import annotations

import re


_CLAUSE_END = "，,；;。：:！？!?、（）()\n"


_LIST_MARKER = re.compile(r"\d{1,2}[.．、](?!\d)")


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
