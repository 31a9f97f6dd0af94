"""The ``tokens`` table: jieba tokens of every sentence with offsets into the text, numbers and
punctuation flagged.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
import pandas as pd
from .. import resource_files as resources
from ..numbers.numerals import CN_BIG, CN_DIGITS, CN_SMALL
from ..read.chars import _HAN_RANGES
from .tokenizer import default_tokenizer, tokenize_spans


TOKEN_COLUMNS = ["report_id", "part_no", "part", "section_no", "section", "sentence_no",
                 "position", "token", "start", "end", "is_number", "is_punct"]


_TOKEN_DTYPES = {"report_id": "str", "part_no": "int64", "part": "str", "section_no": "int64",
                 "section": "str", "sentence_no": "int64", "position": "int64", "token": "str",
                 "start": "int64", "end": "int64", "is_number": "bool", "is_punct": "bool"}


_WORDCHAR = re.compile(f"[0-9A-Za-z{_HAN_RANGES}]")


_SCALE = "".join(CN_SMALL) + "".join(CN_BIG)  # 十百千万亿: the numerals' multipliers


_NUMERAL = "".join(CN_DIGITS) + _SCALE + "几"


@lru_cache(maxsize=None)
def token_units() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(units after a number, units that are number material alone), longest first.

    After a number (a token made of them after a number is part of it): every unit of
    ``units.csv`` and the classifiers of ``extraction_words.csv`` kind ``token_unit`` (期, 届, 批 …),
    less the units of kind ``token_not_unit``. Alone: the units of measure of ``units.csv`` (kind
    level or pct_point) of two characters or more (公里, 平方米, 个百分点), less the same."""
    words = resources.extraction_words()
    skip = set(words.get("token_not_unit", ()))
    unit_kinds = resources.units()
    after = [u for u in unit_kinds if u not in skip] + list(words.get("token_unit", ()))
    alone = [u for u, (_, _, kind) in unit_kinds.items()
             if len(u) >= 2 and kind in ("level", "pct_point") and u not in skip]
    return (tuple(sorted(dict.fromkeys(after), key=len, reverse=True)),
            tuple(sorted(dict.fromkeys(alone), key=len, reverse=True)))


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a number with its scale and units; number material without a number before it: 万, 亿元,
    万亩, 余万元, 公里, 平方米; units directly after a number), from :func:`token_units`."""
    after, alone = (("|".join(map(re.escape, u))) for u in token_units())
    number = re.compile(
        rf"^(?:[+\-]?[0-9]+(?:[.．][0-9]+)?|第?[{_NUMERAL}]+)[{_SCALE}]*(?:余|多)?(?:{after})*%?$")
    scale_unit = re.compile(rf"^(?:余|多)?[{_SCALE}]+(?:余|多)?(?:{after})*$|^(?:{alone})$")
    unit_after_number = re.compile(rf"^(?:{after})+%?$|^%$")
    return number, scale_unit, unit_after_number


_CODE = re.compile(r"^[A-Za-z]*[0-9][0-9A-Za-z.\-]*$")  # S327, G327, 4A: codes and numbers


_MEMO_LIMIT = 500_000  # distinct tokens remembered (then the memos start again)


_NUMBER_LIKE: dict[str, bool] = {}  # token → a number, numeral or unit on its own (regex memo)


_PUNCT: dict[str, bool] = {}  # token → is_punct_token(token)


def _memo(memo: dict) -> dict:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


def is_number_like(token: str) -> bool:
    """A number, a numeral with its unit, a scale or unit on its own (2023, 5万亩, 第三, 亿元,
    公里) or a code (S327, 4A), whatever comes before it."""
    number, scale_unit, _ = _patterns()
    return bool(number.match(token) or scale_unit.match(token) or _CODE.match(token))


def is_punct_token(token: str) -> bool:
    """No letter, digit or Han character."""
    return not _WORDCHAR.search(token)


def number_flags(spans: list[tuple[str, int, int]], protected: frozenset = frozenset()) -> list[bool]:
    """For each ``(token, start, end)``: is it a number, a numeral with its unit, or a unit that
    directly follows one? Words in ``protected`` (our dictionary: 十四五, 一二三七, 十强) never are."""
    flags = []
    prev_number, prev_end = False, -1
    number_like = _memo(_NUMBER_LIKE)
    unit_after_number = _patterns()[2]
    for token, start, end in spans:
        alone = number_like.get(token)
        if alone is None:
            alone = number_like[token] = is_number_like(token)
        if token in protected:
            flag = False
        elif alone:
            flag = True
        elif prev_number and start == prev_end and unit_after_number.match(token):
            flag = True
        elif prev_number and start == prev_end and token in ".．":
            flag = True  # the decimal point of 447.6 (HMM off: 447/./6)
        else:
            flag = False
        flags.append(flag)
        prev_number, prev_end = flag, end
    return flags


def tokens_from_sentences(sentences: pd.DataFrame, tokenizer=None, *,
                          protected: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per token of every sentence of a sentences table (see :func:`tokens_table`).

    Tokens never cross a sentence; offsets are the sentence's ``start`` plus the offset inside it.
    """
    tokenizer = default_tokenizer() if tokenizer is None else tokenizer
    protected = frozenset(getattr(tokenizer, "juye_words", frozenset()) if protected is None else protected)
    cols = {c: [] for c in TOKEN_COLUMNS}
    names = ["report_id", "part_no", "part", "section_no", "section", "sentence_no"]
    static = [cols[c] for c in names]
    position, token_col, start_col, end_col = (cols[c] for c in ("position", "token", "start", "end"))
    number_col, punct_col = cols["is_number"], cols["is_punct"]
    punct_of = _memo(_PUNCT)
    for values in zip(*(sentences[c].tolist() for c in names + ["text", "start"])):
        *head, text, offset = values
        spans = tokenize_spans(text, tokenizer)
        n = len(spans)
        if not n:
            continue
        for col, value in zip(static, head):
            col.extend([value] * n)
        position.extend(range(1, n + 1))
        number_col.extend(number_flags(spans, protected))
        for token, s, e in spans:
            token_col.append(token)
            start_col.append(offset + s)
            end_col.append(offset + e)
            punct = punct_of.get(token)
            if punct is None:
                punct = punct_of[token] = is_punct_token(token)
            punct_col.append(punct)
    # each column made in its dtype at once (an astype of the whole frame costs more)
    return pd.DataFrame({c: pd.array(cols[c], dtype=_TOKEN_DTYPES[c]) for c in TOKEN_COLUMNS})


def tokens_table(report, tables: dict | None = None, tokenizer=None) -> pd.DataFrame:
    """The ``tokens`` table of a report: one row per token, whitespace dropped, nothing else removed.

    Columns: report_id, part_no, part, section_no, section, sentence_no, position (1-based, within
    the sentence), token, start, end (offsets into the normalised text ``report.text``:
    ``report.text[start:end] == token``), is_number (a number, a numeral with its unit or a unit
    after a number: 2023, 万亩, 第一, 一千), is_punct (no letter, digit or Han character).
    Stopwords are kept: each analysis removes the tiers it chooses (:mod:`juye_analysis.words`).
    """
    from ..read.structure import sentences_table

    sentences = (tables or {}).get("sentences")
    if sentences is None:
        sentences = sentences_table(report)
    return tokens_from_sentences(sentences, tokenizer)
