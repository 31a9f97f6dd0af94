"""The command line contract, subcommand group by subcommand group (juye_analysis/cli/): CSV on
stdout (UTF-8, no BOM), one-line errors with exit status 2; and the yearly rerun, where a third
report, written here, is added with `add`, built with `build` and carried through every notebook
with `notebooks` without any code change (partial reports take part in what they contain)."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from juye_analysis.indicators.views import CLI_COLUMNS
from juye_analysis.paths import PROJ_ROOT
from juye_analysis.pipeline.storage import load_table

from .conftest import RAW, REPORT_2024


def run(*args, env=None, text=False) -> subprocess.CompletedProcess:
    """``python -m juye_analysis ARGS`` in a new process, output captured."""
    return subprocess.run([sys.executable, "-m", "juye_analysis", *map(str, args)],
                          capture_output=True, env=env, text=text, cwd=PROJ_ROOT, timeout=600)


def run_indicators(*args) -> subprocess.CompletedProcess:
    return run("indicators", *args)


# --- every subcommand ---------------------------------------------------------------------------

def test_help_lists_the_subcommands():
    out = run("--help").stdout.decode()
    for sub in ("build", "sentences", "notebooks"):
        assert sub in out


# --- build, notebooks (cli/build.py) -------------------------------------------------------------

def test_cli_error_is_one_line_without_traceback(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "juye_2024_government_work_report.txt").write_text("改过的文字", encoding="utf-8")
    proc = run("build", "--raw", raw, "--out", tmp_path / "out", "--quiet", text=True)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "juye_2024_government_work_report.txt" in lines[0] and "sha256" in lines[0]
    assert not (tmp_path / "out" / "sentences.parquet").exists()


# --- sentences, indicators, keywords (cli/report.py) ---------------------------------------------

def test_sentences_csv_on_stdout():
    proc = run("sentences", REPORT_2024)
    assert proc.returncode == 0
    assert not proc.stdout.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(proc.stdout), dtype=str, keep_default_na=False)
    for col in ("part", "section", "item", "sentence_no", "start", "end", "text"):
        assert col in df.columns
    assert len(df) == 257


def test_sentences_table_format_and_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n我们继续努力。\n", encoding="utf-8")
    proc = run("sentences", path, "--format", "table")
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and "--year" in proc.stderr.decode()
    proc = run("sentences", path, "--year", "2026", "--format", "table")
    assert proc.returncode == 0 and "我们继续努力" in proc.stdout.decode()


def test_missing_and_empty_files(tmp_path):
    proc = run("sentences", tmp_path / "nope.txt")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr and b"no such file" in proc.stderr
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("sentences", tmp_path / "empty.txt")
    assert proc.returncode == 2 and b"empty" in proc.stderr


def test_a_year_that_contradicts_the_text_is_refused():
    proc = run("indicators", REPORT_2024, "--year", "2025")
    assert proc.returncode == 2 and b"--year 2025 but the text says 2024" in proc.stderr


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "county.txt"
    path.write_text("某县第五届人民代表大会\n一、2023年工作回顾\n实现地区生产总值447.6亿元，增长6.9%。"
                    "城镇新增就业7127人。\n二、2024年目标任务\n地区生产总值增长6%左右。\n", encoding="utf-8")
    return path


def test_cli_csv_header_and_encoding(sample):
    out = run_indicators(str(sample), "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert not out.stdout.startswith(b"\xef\xbb\xbf")
    lines = out.stdout.decode("utf-8").splitlines()
    assert lines[0].split(",") == CLI_COLUMNS
    assert lines[1].startswith("gdp,Gross regional product,2023,actual,447.6,亿元,6.9,,false,,,")
    assert "new_urban_employment,New urban employment,2023,actual,7127,人,," in lines[2]
    assert lines[3].startswith("gdp,Gross regional product,2024,target,,,6,左右,")


def test_cli_json_and_year(sample):
    out = run_indicators(str(sample), "--format", "json", "--year", "2024")
    rows = json.loads(out.stdout.decode("utf-8"))
    assert [r["period"] for r in rows] == [2023, 2023, 2024]
    assert rows[0]["value"] == 447.6 and rows[1]["value"] == 7127


def test_cli_bad_file_is_one_line_error(tmp_path):
    out = run_indicators(str(tmp_path / "missing.txt"))
    assert out.returncode == 2
    assert out.stderr.decode().strip().count("\n") == 0


def test_cli_keywords_csv_contract(tf_2024):
    proc = run("keywords", REPORT_2024, "--top", "20")
    assert proc.returncode == 0, proc.stderr.decode()
    assert not proc.stdout.startswith(b"\xef\xbb\xbf")
    header = proc.stdout.decode("utf-8").splitlines()[0].split(",")
    for col in ("term", "n", "per_10k_chars", "rank"):
        assert col in header
    df = pd.read_csv(io.BytesIO(proc.stdout))
    assert len(df) == 20
    assert df["n"].is_monotonic_decreasing
    rep = tf_2024[tf_2024["scope"] == "report"].head(20)
    assert df["term"].tolist() == rep["term"].tolist() and df["n"].tolist() == rep["n"].tolist()
    again = run("keywords", REPORT_2024, "--top", "20")
    assert again.stdout == proc.stdout  # identical across two runs (two processes)


def test_cli_keywords_table_and_errors(tmp_path):
    proc = run("keywords", REPORT_2024, "--top", "3", "--format", "table")
    assert proc.returncode == 0 and "per_10k_chars" in proc.stdout.decode()
    proc = run("keywords", tmp_path / "nope.txt")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().count("\n") == 1


# --- compare, keyness (cli/compare.py) -----------------------------------------------------------

def test_compare_cli_on_the_real_pair():
    proc = run("compare", RAW / "juye_2024_government_work_report.txt",
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
    proc = run("keyness", RAW / "juye_2024_government_work_report.txt",
               RAW / "juye_2025_report_news_summary.txt", "--top", "5")
    assert proc.returncode == 0, proc.stderr.decode()
    df = pd.read_csv(io.BytesIO(proc.stdout))
    assert list(df.columns[:6]) == ["term", "n_old", "n_new", "per_10k_old", "per_10k_new", "score"]
    assert df["score"].is_monotonic_decreasing and len(df) == 10


# --- add, then build and notebooks: the yearly rerun (cli/add.py) -------------------------------

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
    proc = run("add", incoming / "juye_2026.txt", "--year", "2026", "--county", "巨野县",
               "--source", "test", "--raw", data / "raw")
    assert proc.returncode == 0, proc.stderr.decode()
    env = dict(os.environ, JUYE_DATA_DIR=str(data), JUYE_FIGURES_DIR=str(data / "figures"),
               JUYE_EXECUTED_DIR=str(data / "executed"))
    proc = run("build", "--quiet", env=env)
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
    proc = run("add", data / "raw" / "juye_2026.txt", "--year", "2027", "--raw", data / "raw")
    assert proc.returncode == 2 and b"the text says 2026" in proc.stderr
    proc = run("add", data / "raw" / "juye_2026.txt", "--year", "2026", "--raw", data / "raw")
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
    assert ind.loc[("registered_unemployment_rate", 2026, "target"), ["value", "qualifier"]].tolist() == [3.5, "以内"]
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
    proc = run("notebooks", env=env)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    figures = {p.stem for p in (data / "figures").glob("*.pdf")}
    assert {"fig-00-characters-by-section", "fig-03-target-vs-outcome", "fig-03-keyness"} <= figures
