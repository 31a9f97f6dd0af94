"""The build's steps, in order: reading a report (``sentences``), the per-report tables after it
and the corpus-wide tables; each step a pure function of its inputs.
"""
from __future__ import annotations

import importlib
import pandas as pd
from ..read.report import Report, read_report
from ..read.structure import sentences_table
from ..errors import UserError
from ..read.metadata import REPORT_COLUMNS


# Per-report tables after `sentences`, in order: (name, "module:function"). Each function takes
# (report, tables_so_far) and returns a DataFrame whose first column is report_id. A name that
# starts with "_" is internal: the corpus-wide steps read it, data/processed does not get it.
PER_REPORT_TABLES: list[tuple[str, str]] = [
    ("tokens", "words.tokens:tokens_table"),
    ("term_frequencies", "words.counts:term_frequencies_table"),
    ("tfidf_sections", "words.tfidf:tfidf_sections_table"),
    ("theme_attention", "words.themes:theme_attention_table"),
    ("collocations", "words.collocations:collocations_table"),
    ("_textrank", "words.jieba_keywords:jieba_textrank_table"),  # internal: jieba_keywords' TextRank rows
    ("_tfidf_counts", "words.jieba_keywords:jieba_tfidf_counts_table"),  # internal: for its TF-IDF rows
    ("quantities", "numbers.table:quantities_table"),
    ("indicators", "indicators.match:indicators_table"),
    ("targets", "indicators.targets:targets_table"),
    ("rank_claims", "indicators.ranks:rank_claims_table"),
]


# Corpus-wide tables, computed from the per-report tables: "module:function" taking
# (tables, reports) and returning {name: DataFrame}; `tables` is a read-only mapping name →
# DataFrame that loads each per-report table on first access.
CORPUS_TABLES: list[str] = [
    "words.corpus:corpus_tables",
    "compare.tables:comparison_tables",
    "compare.keyness:keyness_tables",
    "compare.reuse:reuse_tables",
]


def _resolve(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(f"juye_analysis.{module}"), name)


def later_steps():
    """(name, function) of the per-report tables after `sentences`."""
    return [(name, _resolve(spec)) for name, spec in PER_REPORT_TABLES]


def first_step(path: str, meta: dict, report_only: bool = False):
    """Read one report; return it (``report_only``) or it with (reports row, sentences, text)."""
    meta = dict(meta)
    infer = bool(meta.pop("infer", False))
    report = read_report(path, meta=meta)
    if infer and not report.meta.get("county"):
        raise UserError(path, "cannot infer the county from the text; list the report in reports.csv")
    if report_only:
        return report
    sentences = sentences_table(report)
    return report, (reports_row(report, sentences), sentences, report.text)


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every per-report table of one report, internal ones (``_`` names) included (a pure
    function of text, metadata and resources)."""
    tables = {"sentences": sentences_table(report)}
    for name, fn in later_steps():
        tables[name] = fn(report, tables)
    return tables


def reports_row(report: Report, sentences: pd.DataFrame) -> dict:
    """The report's row of the ``reports`` table: metadata plus size and what was repaired."""
    row = {c: report.meta.get(c, "") for c in REPORT_COLUMNS}
    row.update(report_id=report.report_id, sha256=report.sha256, encoding=report.encoding,
               report_year=report.report_year, review_year=report.review_year,
               n_chars=len(report.text), n_paragraphs=int(sentences["paragraph_no"].nunique()),
               n_sentences=len(sentences), cleaning="; ".join(report.normalized.notes))
    return row
