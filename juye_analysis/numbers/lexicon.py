"""The word lists of the number scanner (``resources/extraction_words.csv``, units, scales,
qualifiers) as longest-first patterns.
"""
from __future__ import annotations

import re
from functools import lru_cache
from ..resource_files import extraction_words
from .qualifiers import qualifiers
from .units import scales, units


@lru_cache(maxsize=None)
def words(kind: str) -> tuple[str, ...]:
    """Words of one kind from extraction_words.csv, longest first."""
    return tuple(sorted(extraction_words().get(kind, ()), key=len, reverse=True))


def _longest(text: str, pos: int, options) -> str:
    return next((o for o in sorted(options, key=len, reverse=True) if text.startswith(o, pos)), "")


def _first_match(text: str, pos: int, kind: str) -> str:
    """:func:`_longest` for the options of one kind (see :func:`_by_length`)."""
    m = _options_regex(kind).match(text, pos)
    return m.group(0) if m else ""


@lru_cache(maxsize=None)
def _by_length(kind: str) -> tuple[str, ...]:
    """Options sorted longest first, as :func:`_longest` sorts them (a stable sort): units,
    scales, qualifiers placed after / before a number, the tails of :func:`_strip_tail`, the
    heads of :func:`_strip_head`."""
    if kind == "units":
        options = list(units())
    elif kind == "scales":
        options = list(scales())
    elif kind in ("after", "before"):
        options = [q for q, p in zip(qualifiers()["qualifier"], qualifiers()["position"]) if p == kind]
    elif kind == "strip_tail":
        options = list(words("value_gap")) + list(qualifiers()["qualifier"])
    elif kind == "label_strip":
        options = list(words("label_strip"))
    else:
        raise ValueError(kind)
    return tuple(sorted(options, key=len, reverse=True))


@lru_cache(maxsize=None)
def _options_regex(kind: str) -> re.Pattern:
    """The options of :func:`_by_length` as one pattern tried in that order, longest first: its
    match at a position is the longest option that starts there."""
    return re.compile("|".join(map(re.escape, _by_length(kind))))


@lru_cache(maxsize=None)
def _suffix_regex(kind: str) -> re.Pattern:
    """The options of :func:`_by_length` as one pattern anchored at the end of the text: its
    (leftmost) match is the longest option the text ends with."""
    return re.compile("(?:" + _options_regex(kind).pattern + r")\Z")


@lru_cache(maxsize=None)
def _words_regex(*kinds: str) -> re.Pattern:
    """Any of the words of ``kinds`` (extraction_words.csv), as one pattern, in that order."""
    return re.compile("|".join(map(re.escape, [w for kind in kinds for w in words(kind)])))
