"""Headings of the report's structure (parts 一、, sections （一）, list items, salutations and the
speaker line) and the line-end tests that use them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from .chars import _CLOSERS, _CN_NUM, _HAN_RANGES, _TERMINAL


PART_HEADING = re.compile(rf"^[{_CN_NUM}]{{1,3}}、")


SECTION_HEADING = re.compile(rf"^[（(][{_CN_NUM}]{{1,3}}[)）]")


LIST_ITEM = re.compile(r"^(\d{1,2})[.．、](?!\d)")


SALUTATION = re.compile(r"^各位代表")


SPEAKER = re.compile(rf"(县长|市长|区长|州长|旗长|省长|主任)\s*[{_HAN_RANGES}·]{{2,4}}$")


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


@lru_cache(maxsize=None)
def _bare_heading() -> re.Pattern:
    """A part heading written without its number (2022年工作回顾, 过去一年工作回顾, 20XX年工作回顾):
    the whole line matches one ``bare_part_heading`` pattern of ``structure.csv``."""
    from .. import resource_files as resources

    return re.compile("|".join(f"(?:{p})" for p in resources.structure().get("bare_part_heading", ("(?!)",))))


def is_heading(line: str) -> bool:
    """A part heading line: 一、… (up to 40 characters, no sentence end) or a bare heading."""
    line = line.strip()
    if PART_HEADING.match(line):
        return not _ends_sentence(line) and len(line) <= 40
    return len(line) <= 30 and bool(_bare_heading().fullmatch(line))


INLINE_HEADING = re.compile(rf"^[{_CN_NUM}]{{1,3}}、([^，。；：,;:\s]{{2,24}}?回顾)(?=[{_HAN_RANGES}\d])")
"""A numbered review heading run into the first sentence of its part, as pages that lost their
line breaks give it ("一、过去五年工作回顾本届政府的五年，…"): group 1 is the title."""


_OUTLINE = re.compile(r"(?:共分为|共分|分为)(?:[一二三四五六七八九十两]个?大?部分)?[：:]?(.+?)"
                      r"(?:[一二三四五六七八九十两]个?大?部分)?[。]")


_NTH_PART = re.compile(r"第一部分是([^，。；]{2,30})[。，]")


PINYIN_DEBRIS = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
"""The pinyin some pages put after a character (報(bào)告): dropped before matching words."""


def outline_titles(text: str) -> list[str]:
    """The part titles a news text lists ("报告共分为三个部分：A、B、C。", "分为“A”和“B”两大部分",
    "第一部分是A。"), numbers (一、) and quotes removed; [] when it lists none."""
    text = PINYIN_DEBRIS.sub("", text)
    for m in _OUTLINE.finditer(text):
        body = m.group(1)
        if "报告" not in text[max(0, m.start() - 30):m.start()]:
            continue
        quoted = re.findall(r"“([^”]{2,30})”", body)
        items = quoted or [i for i in re.split(r"[；;]", body) if i.strip()]
        if len(items) == 1:
            items = re.split(r"、(?![^“]*”)", body)
        items = [re.sub(rf"^[{_CN_NUM}]{{1,3}}、", "", i.strip()).strip("“”") for i in items]
        if 2 <= len(items) <= 10 and all(2 <= len(i) <= 30 for i in items):
            return items
    m = _NTH_PART.search(text)
    return [m.group(1).strip("“”")] if m else []


def _starts_block(line: str) -> bool:
    return bool(PART_HEADING.match(line) or SECTION_HEADING.match(line) or LIST_ITEM.match(line)
                or SALUTATION.match(line))
