"""Character classes shared by the readers: Han characters, CJK punctuation, widths, invisible
characters. ``_HAN_RANGES`` is the one definition of a Han character in the package (the
unified ideographs, Extension A and the compatibility ideographs): every pattern that means "a
Han character" is built from it.
"""
from __future__ import annotations

import re


_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


_HAN = re.compile(f"[{_HAN_RANGES}]")


# CJK characters and CJK punctuation: spaces next to these are extraction artefacts.
_CJK = f"{_HAN_RANGES}\u3000-\u303f\uff00-\uffef“”‘’…—·"


_CJK_CHAR = re.compile(f"[{_CJK}]")


_TERMINAL = "。！？!?；;：:…"


_CLOSERS = "”’」』）)】》\"'"


_CN_NUM = "一二三四五六七八九十"


# one character → one character
_WIDTH = {i: i - 0xFEE0 for i in range(0xFF10, 0xFF1A)}  # ０-９


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _is_cjk(c: str) -> bool:
    """A Han character or CJK punctuation (the class ``_CJK``)."""
    return _CJK_CHAR.match(c) is not None
