"""Numbers and punctuation as pages and PDFs break them, repaired on the offset-tracked buffer.

A PDF wrapped at a fixed width and saved as one line with a space at each wrap splits numbers
(``是2011年的2 .7倍``, ``是20 11年的4倍``); a page glues pinyin after characters (``會(huì)``);
a page types ``○`` for the zero of Arabic digits (``2○23年``). Each repair deletes characters
or replaces one by one (offsets keep pointing into the raw text) and returns how many places it
changed, for the note in ``cleaning``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from .chars import _HAN_RANGES


# a space (already folded from any width) inside a decimal: 2 .7, 2. 7
_SPLIT_DECIMAL = re.compile(r"(?<=\d)( +)(?=\.\d)|(?<=\d\.)( +)(?=\d)")


# a space inside a four-digit year before 年: 20 11年, 201 6年 (19xx and 20xx only)
_SPLIT_YEAR = re.compile(r"(?<![\d.])(?=(?:19|20)[\d ]{3,4}年)(\d{1,3})( +)(\d{1,3})(?=年)")


def join_split_numbers(buf) -> int:
    """Delete the spaces that split a decimal (``2 .7`` → ``2.7``) or a year before 年
    (``20 11年`` → ``2011年``); returns the number of numbers joined."""
    text = buf.text
    spans = [m.span(g) for m in _SPLIT_DECIMAL.finditer(text) for g in (1, 2) if m.group(g)]
    spans += [m.span(2) for m in _SPLIT_YEAR.finditer(text) if len(m.group(1) + m.group(3)) == 4]
    buf.delete_spans(sorted(spans))
    return len(spans)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


# pinyin a page glued after a character, 會(huì), 報(bào): lower-case letters with a tone mark
_PINYIN_GLOSS = re.compile(rf"(?<=[{_HAN_RANGES}])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")


def drop_pinyin_glosses(buf) -> int:
    """Delete the pinyin a page put after characters (``報(bào)告`` → ``報告``); a bracket of
    letters without a tone mark (an English word) is kept. Returns the number dropped."""
    spans = [m.span() for m in _PINYIN_GLOSS.finditer(buf.text)]
    buf.delete_spans(spans)
    return len(spans)


# a circle typed for the zero inside Arabic digits: 2○23年, 20〇8年, 1○.5 (二○二二 is a numeral: kept)
_CIRCLE_ZERO = re.compile(r"(?<=\d)[○〇]+(?=\d|年|\.\d)")


def circle_zeros(buf) -> int:
    """``○``/``〇`` between Arabic digits → ``0`` (``2○23年`` → ``2023年``); a Chinese numeral
    (``二○二二年``) is read by :mod:`.years` and the numerals as it is. Returns the number replaced."""
    positions = [i for m in _CIRCLE_ZERO.finditer(buf.text) for i in range(*m.span())]
    buf.replace_at(positions, "0")
    return len(positions)


# Kangxi Radicals and CJK Compatibility Ideographs: blocks whose NFKC form is the character meant
_RADICAL_BLOCKS = ((0x2F00, 0x2FDF), (0xF900, 0xFAFF))


@lru_cache(maxsize=1)
def _radical_table() -> dict[int, int]:
    """Code point → the Han character a PDF font meant: NFKC of the Kangxi Radicals and the
    CJK Compatibility Ideographs (⼀ → 一, ⽇ → 日), and ``resources/cjk_radicals.csv`` for the
    CJK Radicals Supplement (⻓ → 长), where NFKC maps almost none."""
    import unicodedata

    from ..resource_files import cjk_radicals

    table = {}
    for lo, hi in _RADICAL_BLOCKS:
        for cp in range(lo, hi + 1):
            nfkc = unicodedata.normalize("NFKC", chr(cp))
            if len(nfkc) == 1 and nfkc != chr(cp):
                table[cp] = ord(nfkc)
    table.update({ord(k): ord(v) for k, v in cjk_radicals().items()})
    return table


_RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")


def radicals_to_han(buf) -> int:
    """Replace, one by one, the radical and compatibility code points a PDF font put for Han
    characters (⼀ for 一); returns the number replaced."""
    text = buf.text
    if not _RADICAL.search(text):
        return 0
    table = _radical_table()
    hits = [(m.start(), table[ord(m.group())]) for m in _RADICAL.finditer(text) if ord(m.group()) in table]
    for pos, cp in hits:
        buf.replace_at([pos], chr(cp))
    return len(hits)
