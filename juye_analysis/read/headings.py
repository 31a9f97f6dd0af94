"""Headings of the report's structure (parts 一、, sections （一）, list items, salutations and the
speaker line) and the line-end tests that use them.
"""
from __future__ import annotations

import re
from .chars import _CLOSERS, _CN_NUM, _HAN_RANGES, _TERMINAL


PART_HEADING = re.compile(rf"^[{_CN_NUM}]{{1,3}}、")


SECTION_HEADING = re.compile(rf"^[（(][{_CN_NUM}]{{1,3}}[)）]")


LIST_ITEM = re.compile(r"^(\d{1,2})[.．、](?!\d)")


SALUTATION = re.compile(r"^各位代表")


SPEAKER = re.compile(rf"(县长|市长|区长|州长|旗长|省长|主任)\s*[{_HAN_RANGES}·]{{2,4}}$")


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_heading(line: str) -> bool:
    return bool(PART_HEADING.match(line) and not _ends_sentence(line) and len(line) <= 40)


def _starts_block(line: str) -> bool:
    return bool(PART_HEADING.match(line) or SECTION_HEADING.match(line) or LIST_ITEM.match(line)
                or SALUTATION.match(line))
