"""Term-by-scope matrices and the dispersion of terms across sections.
"""
from __future__ import annotations

from collections.abc import Iterable
import pandas as pd
from .scopes import SCOPES
from .themes import find_terms


def term_matrix(term_frequencies: pd.DataFrame, report_id: str, *, scope: str = "section",
                top_n: int = 20, value: str = "per_10k_chars") -> pd.DataFrame:
    """The report's ``top_n`` terms (by whole-report rank) × its parts or sections, for a heatmap.

    Index: (part_no, section_no) for sections, part_no for parts (every one that has a counted
    term, in order); columns: the terms, most frequent first; values: ``value`` (0 where the term
    is absent).
    """
    tf = term_frequencies[term_frequencies["report_id"] == report_id]
    top = (tf[tf["scope"] == "report"].sort_values(["rank", "term"])["term"].head(top_n).tolist())
    keys = SCOPES[scope]
    scoped = tf[tf["scope"] == scope]
    index = pd.MultiIndex.from_frame(scoped[keys].drop_duplicates().sort_values(keys).astype("int64")) \
        if len(keys) > 1 else pd.Index(sorted(scoped[keys[0]].unique().astype("int64")), name=keys[0])
    sub = scoped[scoped["term"].isin(top)].astype({k: "int64" for k in keys})
    wide = sub.pivot_table(index=keys, columns="term", values=value, aggfunc="sum", fill_value=0)
    return wide.reindex(index=index, columns=top, fill_value=0)


def term_dispersion(sentences: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """Where in each report the terms occur (substring matches, :func:`find_terms`), for a
    dispersion plot. Columns: report_id, part_no, section_no, sentence_no, term, start, end,
    relative_position (start / length of the report's text, 0–1)."""
    hits = find_terms(sentences, terms)
    length = sentences.groupby("report_id")["end"].max()
    hits["relative_position"] = hits["start"] / hits["report_id"].map(length)
    return hits
