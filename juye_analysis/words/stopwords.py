"""Stopwords (``resources/stopwords.csv``) in tiers, and the test of what counts as a term.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
import pandas as pd
from .tokens import is_number_like, is_punct_token
from .tokenizer import read_stopwords_table


DEFAULT_TIERS = ("function", "genre")


MIN_CHARS = 2


def load_stopwords(tiers: Iterable[str] = DEFAULT_TIERS, extra: Iterable[str] = ()) -> frozenset:
    """The stopwords of the given tiers (``function``, ``genre``, ``local``) plus ``extra``."""
    tiers = (tiers,) if isinstance(tiers, str) else tuple(tiers)
    return _tier_stopwords(tiers) | frozenset(extra)


@lru_cache(maxsize=32)
def _tier_stopwords(tiers: tuple) -> frozenset:
    """The stopwords of the tiers (the resource files are read once per process anyway)."""
    tiers = list(tiers)
    df = read_stopwords_table()
    unknown = set(tiers) - set(df["tier"])
    if unknown:
        raise ValueError(f"unknown stopword tiers {sorted(unknown)}; have {sorted(set(df['tier']))}")
    return frozenset(df.loc[df["tier"].isin(tiers), "word"])


def _stopwords(stopwords, tiers, extra_stopwords) -> frozenset:
    base = load_stopwords(tiers) if stopwords is None else frozenset(stopwords)
    return base | frozenset(extra_stopwords)


def is_term(tokens: pd.DataFrame, stopwords=None, *, tiers=DEFAULT_TIERS, extra_stopwords=(),
            min_chars: int = MIN_CHARS) -> pd.Series:
    """Boolean mask of the rows of a tokens table that count as terms (see the module docstring)."""
    stop = _stopwords(stopwords, tiers, extra_stopwords)
    tok = tokens["token"].astype(str)
    if "is_number" in tokens:
        number = tokens["is_number"].astype(bool)
    else:
        number = tok.map(is_number_like)
    punct = tokens["is_punct"].astype(bool) if "is_punct" in tokens else tok.map(is_punct_token)
    return ~number & ~punct & ~tok.isin(stop) & (tok.str.len() >= min_chars)
