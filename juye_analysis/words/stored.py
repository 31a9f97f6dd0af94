"""Stored, else computed: a report's term frequencies as the build stored them when the stopwords
asked for are the build's, else recounted from its tokens with the package's counting.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .counts import count_terms
from .stopwords import DEFAULT_TIERS


TF_SCOPES = ["report", "part", "section"]


def resolve_tiers(tiers: Iterable[str] | None = None) -> list[str]:
    """The stopword tiers asked for: ``tiers``, or the build's (``DEFAULT_TIERS``) when None."""
    return list(tiers or DEFAULT_TIERS)


def report_term_frequencies(term_frequencies: pd.DataFrame, report_id: str, tiers: Iterable[str] | None = None,
                            extra_stopwords: Iterable[str] = (), tokens: pd.DataFrame | None = None,
                            load=None) -> pd.DataFrame:
    """Term frequencies of one report by report, part and section.

    With the build's tiers and no ``extra_stopwords``: the rows of the built ``term_frequencies``
    table. Otherwise recounted (``count_terms``) from ``tokens`` (the built ``tokens`` table),
    or from ``load("tokens")`` when not given (pass ``juye_analysis.load_table``: the tokens are
    read only when a recount needs them). Columns: those of ``count_terms`` (report_id,
    scope, part_no, section_no, term, n, per_10k_chars, rank).
    """
    extra = list(extra_stopwords or [])
    if set(resolve_tiers(tiers)) == set(DEFAULT_TIERS) and not extra:
        return term_frequencies[term_frequencies["report_id"] == report_id]
    if tokens is None:
        if load is None:
            raise ValueError("a recount needs the tokens: pass tokens= or load=juye_analysis.load_table")
        tokens = load("tokens")
    return count_terms(tokens[tokens["report_id"] == report_id], scope=TF_SCOPES,
                       tiers=resolve_tiers(tiers), extra_stopwords=extra)
