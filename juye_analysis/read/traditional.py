"""Real-world files: web pages (HTML tags, entities, navigation lines) and Traditional Chinese.

Each repair works on the offset-tracked buffer of :mod:`juye_analysis.read.normalize` by one-to-one
replacements and deletions only, so offsets still point into the raw file. What was done is
recorded in ``NormalizedText.notes`` (and in the ``reports`` table): nothing is dropped silently.
"""
from __future__ import annotations

from functools import lru_cache
from .chars import _HAN


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC's t2s would change (0 for Simplified text)."""
    sample = "".join(_HAN.findall(text[:200_000]))
    if not sample:
        return 0.0
    converted = _t2s().convert(sample)
    if len(converted) != len(sample):
        converted = "".join(_t2s().convert(c) for c in sample)
    return sum(a != b for a, b in zip(sample, converted)) / len(sample)


def to_simplified(buf) -> int:
    """Traditional → Simplified Han characters with OpenCC (t2s), one character for one, quotes
    and other punctuation kept as written. Returns the number of characters changed."""
    text = buf.text
    converted = _t2s().convert(text)
    if len(converted) != len(text):  # a phrase rule changed the length: go character by character
        converted = "".join(c if len(k := _t2s().convert(c)) != 1 else k for c in text)
    positions = [i for i, (a, b) in enumerate(zip(text, converted))
                 if a != b and _HAN.match(a) and _HAN.match(b)]
    for i in positions:
        buf.replace_at([i], converted[i])
    return len(positions)
