"""The corpus-wide keyword tables of the build: tf-idf across reports and jieba's keywords.
"""
from __future__ import annotations

import pandas as pd
from .stopwords import DEFAULT_TIERS
from .jieba_keywords import _keyword_frame, jieba_tfidf_rows
from .tfidf import _n_sections, _scope_rows, _section_idf_from_counts, section_idf, tfidf_reports


def corpus_tables(tables: dict, reports: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Corpus-wide tables: ``tfidf_reports`` (reports as documents) and ``jieba_keywords``
    (jieba's TF-IDF with an IDF over the corpus's sections, and the TextRank rows that the
    per-report step made; by report, method and rank)."""
    out = {}
    has_tf = "term_frequencies" in tables
    if has_tf:
        out["tfidf_reports"] = tfidf_reports(_scope_rows(tables, "report", ["report_id", "term", "n"]))
    if "_tfidf_counts" in tables:
        if has_tf:  # the same idf, without loading the whole tokens table
            idf = _section_idf_from_counts(_scope_rows(tables, "section", ["term"]),
                                           _n_sections(tables))
        else:
            idf = section_idf(tables["tokens"], tiers=DEFAULT_TIERS)
        parts = [jieba_tfidf_rows(tables["_tfidf_counts"], idf)]
        if "_textrank" in tables:
            parts.append(tables["_textrank"])
        kw = pd.concat(parts, ignore_index=True)
        order = kw.assign(m=kw["method"].map({"tfidf": 0, "textrank": 1}))  # as jieba_keywords
        order = order.sort_values(["report_id", "m", "rank"], kind="stable").index
        out["jieba_keywords"] = _keyword_frame(kw.loc[order].reset_index(drop=True))
    return out
