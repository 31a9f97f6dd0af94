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
from juye_analysis.pipeline.storage import load_table

from .conftest import RAW


# A 2026 report written for this test, worded unlike the 2024 one (its own headings, 比上年增长,
# 分别 lists, 控制在…以内, a rank after the growth rate, a numbered section list in part 一).
THIRD_REPORT = """政府工作报告
——2026年1月10日在巨野县第十九届人民代表大会第五次会议上
县人民政府县长 楚德勤
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、2025年工作回顾
过去一年，全县经济运行稳中有进。全年实现地区生产总值512.3亿元，比上年增长6.2%；一般公共预算收入38.1亿元，增长3.8%，增幅居全市第二位；规上工业增加值增长9.1%；社会消费品零售总额263.5亿元，增长6.5%；城乡居民人均可支配收入分别达到41200元、22300元，分别增长5.6%、7.2%。
（一）产业发展提质增效。新增规模以上工业企业25家，新增国家级高新技术企业18家，低空经济产业园开工建设。
（二）乡村振兴扎实推进。粮食总产13.7亿斤，新建高标准农田6万亩。
二、2026年工作安排
2026年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长3%，规模以上工业增加值增长7%以上，城镇登记失业率控制在3.5%以内，居民消费价格涨幅控制在2%左右。
（一）坚持项目为王。落地过亿元项目65个以上，培育低空经济新业态。
（二）增进民生福祉。城镇新增就业7200人以上。
三、加强政府自身建设
（一）坚持依法行政。严格落实重大行政决策程序。
各位代表，让我们团结奋斗，再创佳绩！
"""


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "juye_analysis", *map(str, args)],
                          capture_output=True, env=env)


@pytest.fixture(scope="module")
def third_report(tmp_path_factory):
    """A data folder with the bundled reports plus a 2026 report added through the CLI."""
    data = tmp_path_factory.mktemp("rerun")
    shutil.copytree(RAW, data / "raw")
    shutil.copytree(PROJ_ROOT / "data" / "reference", data / "reference")
    text = THIRD_REPORT
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
    ind = load_table("indicators", processed)
    ind = ind[ind["report_id"] == "juye_2026"].set_index(["indicator", "period", "kind"])
    assert ind.loc[("gdp", 2025, "actual"), ["value", "growth_pct"]].tolist() == [512.3, 6.2]
    assert ind.loc[("urban_disposable_income", 2025, "actual"), "value"] == 41200
    assert ind.loc[("rural_disposable_income", 2025, "actual"), "growth_pct"] == 7.2
    assert ind.loc[("general_budget_revenue", 2025, "actual"), "rank"] == "2"
    assert ind.loc[("unemployment_rate", 2026, "target"), ["value", "qualifier"]].tolist() == [3.5, "以内"]
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
