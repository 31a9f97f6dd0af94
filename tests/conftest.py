"""Shared fixtures: the real reports, their tokens and term counts, and a built copy of the data in a temporary folder."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from juye_analysis.paths import PROJ_ROOT

RAW = PROJ_ROOT / "data" / "raw"
REPORT_2024 = RAW / "juye_2024_government_work_report.txt"
SUMMARY_2025 = RAW / "juye_2025_report_news_summary.txt"
NATIONAL = "national"  # the subfolder of data/raw holding the State Council's reports


def copy_raw(dest: Path, national_years=()) -> Path:
    """data/raw copied to ``dest`` WITHOUT the national reports (so a build stays fast), or with
    only those of ``national_years``; reports.csv lists exactly the files copied. Returns dest."""
    import csv

    dest = Path(dest)
    shutil.copytree(RAW, dest, ignore=shutil.ignore_patterns(NATIONAL))
    years = {str(y) for y in national_years}
    with open(RAW / "reports.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    keep = [r for r in rows if r.get("level") != "national" or r["report_year"] in years]
    for r in keep:
        if r.get("level") == "national":
            (dest / r["file"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(RAW / r["file"], dest / r["file"])
    with open(dest / "reports.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(keep)
    return dest


def local_entries(raw: Path = RAW) -> list:
    """load_metadata(raw) without the national reports."""
    from juye_analysis.read.metadata import load_metadata

    return [e for e in load_metadata(raw) if e[1].get("level") != "national"]


@pytest.fixture(scope="session")
def report_2024():
    from juye_analysis.read.report import read_report

    return read_report(REPORT_2024)


@pytest.fixture(scope="session")
def sentences_2024(report_2024):
    from juye_analysis.read.structure import sentences_table

    return sentences_table(report_2024)


@pytest.fixture(scope="session")
def tokenizer():
    from juye_analysis.words.tokenizer import default_tokenizer

    return default_tokenizer()


@pytest.fixture(scope="session")
def tokens_2024(report_2024, sentences_2024, tokenizer):
    from juye_analysis.words.tokens import tokens_from_sentences

    return tokens_from_sentences(sentences_2024, tokenizer)


@pytest.fixture(scope="session")
def tf_2024(tokens_2024):
    """Term counts of the 2024 report (test_keywords checks them by hand; test_cli against
    the keywords subcommand)."""
    from juye_analysis.words.counts import count_terms

    return count_terms(tokens_2024, scope=["report", "part", "section"])


@pytest.fixture(scope="session")
def built_data(tmp_path_factory):
    """data/raw copied to a temporary data folder and built there (the real data/processed is
    never touched by the tests). Yields the data folder."""
    from juye_analysis.pipeline.build import build

    data = tmp_path_factory.mktemp("data")
    copy_raw(data / "raw")
    shutil.copytree(PROJ_ROOT / "data" / "reference", data / "reference", dirs_exist_ok=True)
    build(data / "raw", data / "processed", progress=False)
    return data


# the national reports of the series 2004-2025 and the year before it (2020 is not in the corpus)
SERIES_YEARS = [y for y in range(2003, 2026) if y != 2020]


@pytest.fixture(scope="session")
def built_national(tmp_path_factory):
    """Like built_data, with the national reports 2003-2025 beside Juye's (about a minute)."""
    from juye_analysis.pipeline.build import build

    data = tmp_path_factory.mktemp("national")
    copy_raw(data / "raw", national_years=SERIES_YEARS)
    shutil.copytree(PROJ_ROOT / "data" / "reference", data / "reference", dirs_exist_ok=True)
    build(data / "raw", data / "processed", progress=False)
    return data


@pytest.fixture
def use_data(monkeypatch):
    """Point the package at a data folder (JUYE_DATA_DIR) for the duration of a test."""
    def _use(data: Path, figures: Path | None = None):
        monkeypatch.setenv("JUYE_DATA_DIR", str(data))
        if figures is not None:
            monkeypatch.setenv("JUYE_FIGURES_DIR", str(figures))
    return _use


@pytest.fixture
def resource_copy(tmp_path, monkeypatch):
    """juye_analysis/resources copied to a temporary folder that the package reads instead (for
    a test that edits a resource file); the package's caches are emptied before and after."""
    from juye_analysis import resource_files
    from juye_analysis.paths import RESOURCES
    from juye_analysis.pipeline.fingerprint import clear_package_caches

    copy = tmp_path / "resources"
    shutil.copytree(RESOURCES, copy)
    monkeypatch.setattr(resource_files, "RESOURCES", copy)
    clear_package_caches()
    yield copy
    monkeypatch.undo()
    clear_package_caches()
