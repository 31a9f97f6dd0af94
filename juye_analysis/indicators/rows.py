"""Shared plumbing of the indicator tables: the inputs of one report (sentences, quantities), rows
as named tuples, rows grouped by sentence.
"""
from __future__ import annotations

import re
from collections import namedtuple
from functools import lru_cache
import pandas as pd
from ..numbers.table import quantities_table


_CN_NUM = "零〇一二两三四五六七八九十百"


def _alt(ws) -> str:
    return "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))


def _inputs(report, tables):
    tables = tables or {}
    sentences = tables.get("sentences")
    if sentences is None:
        from ..read.structure import sentences_table

        sentences = sentences_table(report)
    q = tables.get("quantities")
    if q is None:
        q = quantities_table(report, {"sentences": sentences})
    return sentences, q


@lru_cache(maxsize=None)
def _row_type(columns: tuple[str, ...]) -> type:
    """The named tuple of :func:`_records` for these columns (made once)."""
    return namedtuple("Row", columns, rename=True)


def _records(df: pd.DataFrame, columns: list[str] | None = None) -> list[tuple]:
    """The rows of ``df`` (its ``columns``, default all) as named tuples, like
    ``itertuples(index=False)``, but read a column at a time (``tolist()``): element by element,
    pyarrow-backed columns cost far more."""
    columns = tuple(df.columns if columns is None else columns)
    return list(map(_row_type(columns)._make, zip(*(df[c].tolist() for c in columns))))


def _by_sentence(rows) -> dict[int, list[tuple]]:
    """Rows (see :func:`_records`) grouped by sentence_no, in order."""
    out: dict[int, list[tuple]] = {}
    for row in rows:
        out.setdefault(row.sentence_no, []).append(row)
    return out
