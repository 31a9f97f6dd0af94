"""Character classes shared by the readers: Han characters, CJK punctuation, widths, invisible
characters.
"""
from __future__ import annotations

import re


_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


_HAN = re.compile(f"[{_HAN_RANGES}]")


# CJK characters and CJK punctuation: spaces next to these are extraction artefacts.
_CJK = f"{_HAN_RANGES}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"


_TERMINAL = "。！？!?；;：:…"


_CLOSERS = "”’」』）)】》\"'"


_CN_NUM = "一二三四五六七八九十"


# one character → one character
_WIDTH = {i: i - 0xFEE0 for i in range(0xFF10, 0xFF1A)}  # ０-９


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or c in "“”‘’…—·")
