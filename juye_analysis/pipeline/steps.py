"""The build's steps, in order: reading a report (``sentences``), the per-report tables after it
and the corpus-wide tables; each step a pure function of its inputs.
"""
from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
import pandas as pd
from ..read.report import Report, read_report
from ..read.structure import parts_summary, report_parts, sentences_table
from ..errors import UserError
from ..read.metadata import REPORT_COLUMNS


# Per-report tables after `sentences`, in order: (name, "module:function", inputs). Each function
# takes (report, tables) and returns a DataFrame whose first column is report_id; `tables` holds
# only its inputs, the earlier tables it reads (tests/test_fingerprint.py checks the list against
# what each step reads). A name that starts with "_" is internal: the corpus-wide steps read it,
# data/processed does not get it.
PER_REPORT_TABLES: list[tuple[str, str, tuple[str, ...]]] = [
    ("tokens", "words.tokens:tokens_table", ("sentences",)),
    ("term_frequencies", "words.counts:term_frequencies_table", ("tokens",)),
    ("tfidf_sections", "words.tfidf:tfidf_sections_table", ("term_frequencies",)),
    ("theme_attention", "words.themes:theme_attention_table", ("sentences", "tokens")),
    ("collocations", "words.collocations:collocations_table", ("tokens",)),
    # internal: jieba_keywords' TextRank rows, and the counts for its TF-IDF rows
    ("_textrank", "words.jieba_keywords:jieba_textrank_table", ("sentences", "tokens")),
    ("_tfidf_counts", "words.jieba_keywords:jieba_tfidf_counts_table", ("sentences", "tokens")),
    ("quantities", "numbers.table:quantities_table", ("sentences",)),
    ("indicators", "indicators.match:indicators_table", ("sentences", "quantities")),
    ("targets", "indicators.targets:targets_table", ("sentences", "quantities", "indicators")),
    ("rank_claims", "indicators.ranks:rank_claims_table", ("sentences", "quantities")),
]


# Corpus-wide tables, computed from the per-report tables: ("module:function", inputs), the
# function taking (tables, reports) and returning {name: DataFrame}; `tables` is a read-only
# mapping name → DataFrame of the per-report tables named in inputs, each loaded on first access
# (with a `read(name, columns, filters)` for parts of one). Optional parameters `raw` (the raw
# folder) and `corpus_map` (to share work among the build's processes) are passed if named.
CORPUS_TABLES: list[tuple[str, tuple[str, ...]]] = [
    ("words.corpus:corpus_tables", ("sentences", "tokens", "term_frequencies", "_textrank",
                                    "_tfidf_counts")),
    ("compare.tables:comparison_tables", ("indicators",)),
    ("compare.keyness:keyness_tables", ("term_frequencies", "theme_attention")),
    ("compare.reuse:reuse_tables", ("sentences",)),
    ("words.trends:term_trends_tables", ("sentences", "tokens")),
]


FIRST_STEP = "pipeline.steps:first_step"  # the spec of `sentences` (and the reports row)


READ_STEP = "pipeline.steps:read_step"  # what every later per-report step runs before its own


def _resolve(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(f"juye_analysis.{module}"), name)


def later_steps():
    """(name, function) of the per-report tables after `sentences`."""
    return [(name, _resolve(spec)) for name, spec, _ in PER_REPORT_TABLES]


def step_inputs() -> dict[str, tuple[str, ...]]:
    """The earlier tables each per-report table reads, by name."""
    return {name: inputs for name, _, inputs in PER_REPORT_TABLES}


def run_step(fn, name: str, report: Report, tables: dict) -> pd.DataFrame:
    """One per-report step, given only the tables it declares it reads."""
    return fn(report, {n: tables[n] for n in step_inputs()[name]})


class InputView(Mapping):
    """The tables a corpus-wide step declares it reads, out of all of them (``read`` passed on
    when the full mapping has it)."""

    def __init__(self, tables, names):
        self._tables, self._names = tables, [n for n in names if n in tables]
        if hasattr(tables, "read"):
            self.read = self._read

    def __getitem__(self, name):
        if name not in self._names:
            raise KeyError(name)
        return self._tables[name]

    def _read(self, name, columns=None, filters=None):
        if name not in self._names:
            raise KeyError(name)
        return self._tables.read(name, columns=columns, filters=filters)

    def __contains__(self, name) -> bool:  # without loading the table
        return name in self._names

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def run_corpus_step(spec: str, inputs, tables, reports: pd.DataFrame, raw=None,
                    corpus_map=None) -> dict[str, pd.DataFrame]:
    """One corpus-wide step (see CORPUS_TABLES), given only the tables it declares it reads."""
    fn = _resolve(spec)
    params = inspect.signature(fn).parameters
    extra = {"raw": raw} if "raw" in params else {}
    if "corpus_map" in params and corpus_map is not None:
        extra["corpus_map"] = corpus_map
    return fn(InputView(tables, inputs), reports, **extra)


def read_step(path: str, meta: dict) -> Report:
    """Read one report (``meta`` may carry ``infer``: the county must then be in the text)."""
    meta = dict(meta)
    infer = bool(meta.pop("infer", False))
    report = read_report(path, meta=meta)
    if infer and not report.meta.get("county"):
        raise UserError(path, "cannot infer the jurisdiction from the text (no 在XX县第X届人民代表大会 or "
                              "XX县人民政府); list the report in reports.csv")
    return report


def first_step(path: str, meta: dict, report_only: bool = False):
    """Read one report; return it (``report_only``) or it with (reports row, sentences, text)."""
    report = read_step(path, meta)
    if report_only:
        return report
    sentences = sentences_table(report)
    return report, (reports_row(report, sentences), sentences, report.text)


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every per-report table of one report, internal ones (``_`` names) included (a pure
    function of text, metadata and resources)."""
    tables = {"sentences": sentences_table(report)}
    for name, fn in later_steps():
        tables[name] = run_step(fn, name, report, tables)
    return tables


def reports_row(report: Report, sentences: pd.DataFrame) -> dict:
    """The report's row of the ``reports`` table: metadata plus size and what was repaired.

    Beyond reports.csv's columns (``county``: the jurisdiction's name): jurisdiction, level
    (national, province, city, county, district, county_city, zone; from the text), session_date
    (ISO, from the text, "" when it gives none), year_rule (what decided report_year: reports.csv,
    --year, date_line, heading, title, phrase, opening), parts ("2023年工作回顾=review | …"),
    sha256, encoding ("" for a PDF or Word file), format (text, html, pdf, docx: told by the
    content), text_source (text, pdf_text, docx, ocr), n_pages (<NA> for a text or web page
    file), n_chars, n_paragraphs, n_sentences, cleaning."""
    row = {c: report.meta.get(c, "") for c in REPORT_COLUMNS}
    row.update(report_id=report.report_id, sha256=report.sha256, encoding=report.encoding,
               report_year=report.report_year, review_year=report.review_year,
               jurisdiction=report.meta.get("jurisdiction", ""), level=report.meta.get("level", ""),
               session_date=report.meta.get("session_date", ""), year_rule=report.meta.get("year_rule", ""),
               parts=parts_summary(report_parts(report, sentences)),
               format=report.file_format, text_source=report.text_source,
               n_pages=len(report.normalized.page_starts) or None,
               n_chars=len(report.text), n_paragraphs=int(sentences["paragraph_no"].nunique()),
               n_sentences=len(sentences), cleaning="; ".join(report.normalized.notes))
    return row
