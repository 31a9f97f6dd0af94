"""Numerals: Arabic (with thousands separators) and Chinese (一千二百, 两万), and the names that
look like numbers but are not (``resources/numeral_names.txt``).
"""
from __future__ import annotations

import re
from ..resource_files import numeral_names  # noqa: F401  (the loader, re-exported)


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}


CN_SMALL = {"十": 10, "百": 100, "千": 1000}


CN_BIG = {"万": 10_000, "亿": 100_000_000}


_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


_CN = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿点]*"


_NUMBER = re.compile(rf"(?P<pct>百分之)?(?:(?P<ar>{_ARABIC})|(?P<cn>{_CN}))")


_VAGUE = re.compile(r"(?:数|几|上)[十百千万亿]+(?:余|多)?")


_ARABIC_RE = re.compile(_ARABIC)


def parse_arabic(s: str) -> float | None:
    """"1,234.5" → 1234.5; None if it is not a well-formed number."""
    if not _ARABIC_RE.fullmatch(s):
        return None
    return float(s.replace(",", ""))


def parse_chinese(s: str) -> float | None:
    """Chinese numeral → number: 两 → 2, 十二 → 12, 一千 → 1000, 三千五百万 → 35000000,
    十二点五 → 12.5, 二〇二三 → 2023 (digit by digit). None if it does not parse."""
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_chinese(whole)
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    if all(c in CN_DIGITS for c in s):
        return float("".join(str(CN_DIGITS[c]) for c in s)) if len(s) > 1 else float(CN_DIGITS[s])
    total, section, digit = 0, 0, None
    for c in s:
        if c in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[c] != 0:
                return None  # two digits in a row with no multiplier (一二三七)
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[c]
            digit = None
        elif c in CN_BIG:
            section += digit or 0
            if section == 0 and total == 0:
                return None
            total = (total + section) * CN_BIG[c] if CN_BIG[c] > 10_000 else total + section * CN_BIG[c]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))
