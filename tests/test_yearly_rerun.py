"""The yearly rerun: a third report, written here, is added with `add`, built and carried
through every notebook without any code change; partial reports take part in what they contain."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from juye_analysis.paths import PROJ_ROOT
from juye_analysis.tables import load_table

from .conftest import RAW, REPORT_2024


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "juye_analysis", *map(str, args)],
                          capture_output=True, env=env)


@pytest.fixture(scope="module")
def third_report(tmp_path_factory):
    """A data folder with the bundled reports plus a 2026 report added through the CLI."""
    data = tmp_path_factory.mktemp("rerun")
    shutil.copytree(RAW, data / "raw")
    shutil.copytree(PROJ_ROOT / "data" / "reference", data / "reference")
    text = REPORT_2024.read_text(encoding="utf-8")
    text = (text.replace("2024年", "2026年").replace("2023年", "2025年").replace("第三次会议", "第五次会议")
                .replace("地区生产总值增长6%左右", "地区生产总值增长5.5%左右")
                .replace("乡村振兴", "乡村全面振兴"))
    incoming = data / "incoming"
    incoming.mkdir()
    (incoming / "juye_2026.txt").write_text(text, encoding="utf-8")
    proc = cli("add", incoming / "juye_2026.txt", "--year", "2026", "--county", "巨野县",
               "--source", "test", "--raw", data / "raw")
    assert proc.returncode == 0, proc.stderr.decode()
    env = dict(os.environ, JUYE_DATA_DIR=str(data), JUYE_FIGURES_DIR=str(data / "figures"),
               JUYE_EXECUTED_DIR=str(data / "executed"))
    proc = cli("build", "--quiet", env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    return data, env


def test_add_writes_the_metadata_row(third_report):
    data, _ = third_report
    meta = pd.read_csv(data / "raw" / "reports.csv", dtype=str, keep_default_na=False)
    row = meta.set_index("report_id").loc["juye_2026"]  # id follows the county's earlier ones
    assert (row["county"], row["report_year"], row["review_year"], row["division_code"]) == \
        ("巨野县", "2026", "2025", "371724")
    assert (data / "raw" / "juye_2026.txt").exists()


def test_add_refuses_a_wrong_year_and_a_duplicate(third_report, tmp_path):
    data, _ = third_report
    proc = cli("add", data / "raw" / "juye_2026.txt", "--year", "2027", "--raw", data / "raw")
    assert proc.returncode == 2 and b"the text says 2026" in proc.stderr
    proc = cli("add", data / "raw" / "juye_2026.txt", "--year", "2026", "--raw", data / "raw")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


def test_the_third_report_flows_through_the_tables(third_report):
    data, _ = third_report
    processed = data / "processed"
    reports = load_table("reports", processed)
    assert set(reports["report_id"]) == {"juye_2024", "juye_2025", "juye_2026"}
    keyness = load_table("keyness", processed)
    assert {("juye_2024", "juye_2025"), ("juye_2025", "juye_2026")} == \
        set(map(tuple, keyness[["old_report_id", "new_report_id"]].drop_duplicates().values))
    amb = load_table("target_ambition", processed).set_index(["report_id", "indicator"])
    assert amb.loc[("juye_2026", "gdp"), "target_growth_pct"] == 5.5
    outcome = load_table("target_outcome", processed).set_index(["target_report_id", "indicator"])
    # the 2024 targets meet the 2024 outcomes of the (partial) 2025 summary
    gdp = outcome.loc[("juye_2024", "gdp")]
    assert (gdp["status"], gdp["margin"], gdp["actual_growth_pct"]) == ("met", pytest.approx(0.8), 6.8)
    # the 2026 targets have no outcome yet, and say so
    assert outcome.loc[("juye_2026", "gdp"), "status"] == "no_outcome"
    assert "no report reviewing 2026" in outcome.loc[("juye_2026", "gdp"), "note"]


@pytest.mark.notebooks
def test_every_notebook_runs_on_three_reports(third_report):
    data, env = third_report
    proc = cli("notebooks", env=env)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    figures = {p.stem for p in (data / "figures").glob("*.pdf")}
    assert {"fig-00-characters-by-section", "fig-03-target-vs-outcome", "fig-03-keyness"} <= figures


def test_compare_cli_on_the_real_pair():
    proc = cli("compare", RAW / "juye_2024_government_work_report.txt",
               RAW / "juye_2025_report_news_summary.txt")
    assert proc.returncode == 0, proc.stderr.decode()
    assert not proc.stdout.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(proc.stdout))
    assert list(df.columns[:9]) == ["indicator", "period", "qualifier", "target_value", "target_growth_pct",
                                    "actual_value", "actual_growth_pct", "margin", "status"]
    gdp = df.set_index("indicator").loc["gdp"]
    assert (gdp["status"], round(gdp["margin"], 6), gdp["period"]) == ("met", 0.8, 2024)
    assert set(df["status"]) <= {"met", "missed", "no_outcome"}


def test_keyness_cli():
    proc = cli("keyness", RAW / "juye_2024_government_work_report.txt",
               RAW / "juye_2025_report_news_summary.txt", "--top", "5")
    assert proc.returncode == 0, proc.stderr.decode()
    df = pd.read_csv(io.BytesIO(proc.stdout))
    assert list(df.columns[:6]) == ["term", "n_old", "n_new", "per_10k_old", "per_10k_new", "score"]
    assert df["score"].is_monotonic_decreasing and len(df) == 10
