"""The fast keyword counts (dicts and lists) give exactly the tables of their pandas reference
versions (tests/keywords_reference.py) on the real reports, and typed empty tables on empty input."""
from __future__ import annotations

import pandas as pd
import pytest

from juye_analysis.words import collocations, counts, themes, tfidf
from juye_analysis.read.report import read_report
from juye_analysis.read.structure import sentences_table
from juye_analysis.words.tokens import tokens_table

from . import keywords_reference as ref
from .conftest import REPORT_2024, SUMMARY_2025


@pytest.fixture(scope="module", params=[REPORT_2024, SUMMARY_2025], ids=["2024", "2025"])
def report_tables(request):
    report = read_report(request.param)
    sentences = sentences_table(report)
    return sentences, tokens_table(report, {"sentences": sentences})


def test_term_counts_equal_the_reference(report_tables):
    _, tokens = report_tables
    scopes = ["report", "part", "section"]
    pd.testing.assert_frame_equal(counts.count_terms(tokens, scope=scopes),
                                  ref._count_terms_frames(tokens, scope=scopes))
    pd.testing.assert_frame_equal(counts.count_terms(tokens, tiers=("function",), min_chars=1),
                                  ref._count_terms_frames(tokens, tiers=("function",), min_chars=1))


def test_section_tfidf_equals_the_reference(report_tables):
    _, tokens = report_tables
    tf = counts.count_terms(tokens, scope="section")
    pd.testing.assert_frame_equal(tfidf._tfidf_sections(tf), ref._tfidf_sections_frames(tf))


def test_themes_equal_the_reference(report_tables):
    sentences, tokens = report_tables
    pd.testing.assert_frame_equal(themes.count_themes(sentences, tokens),
                                  ref._count_themes_frames(sentences, tokens))


def test_collocations_equal_the_reference(report_tables):
    _, tokens = report_tables
    pd.testing.assert_frame_equal(collocations.count_collocations(tokens, min_n=1),
                                  ref._count_collocations_frames(tokens, min_n=1))


def test_empty_input_gives_typed_empty_tables(report_tables):
    sentences, tokens = report_tables
    none = tokens.iloc[:0]
    for df, columns in ((counts.count_terms(none, scope=["report", "section"]), counts.TF_COLUMNS),
                        (themes.count_themes(sentences, none), themes.THEME_COLUMNS),
                        (collocations.count_collocations(none), collocations.COLLOCATION_COLUMNS),
                        (tfidf._tfidf_sections(counts.count_terms(none, scope="section")), tfidf.TFIDF_SECTION_COLUMNS)):
        assert list(df.columns) == columns and len(df) == 0
        if "n" in df.columns:
            assert df["n"].dtype == "int64"
