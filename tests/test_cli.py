"""The command line contract, subcommand group by subcommand group (juye_analysis/cli/): CSV on
stdout (UTF-8, no BOM), one-line errors with exit status 2; and the yearly rerun, where a third
report, written here, is added with `add`, built with `build` and carried through every notebook
with `notebooks` without any code change (partial reports take part in what they contain)."""
from __future__ import annotations

import datetime
import errno
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

from .conftest import RAW, REPORT_2024, copy_raw


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
    copy_raw(raw)
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


def test_cli_csv_gives_the_chinese_name_and_lowercase_booleans(sample):
    """Issue 14: the indicators CSV lacked name_zh and should write booleans as the processed
    tables do (true/false), not Python's True/False."""
    import csv
    import io

    out = run_indicators(str(sample), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8"))))
    assert CLI_COLUMNS[-1] == "name_zh" and CLI_COLUMNS.count("name_zh") == 1
    assert [r["name_zh"] for r in rows] == ["地区生产总值", "城镇新增就业", "地区生产总值"]
    for col in ("estimated", "average_annual"):
        assert {r[col] for r in rows} <= {"true", "false"} and rows[0][col] == "false"


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
    copy_raw(data / "raw")
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
    # figures/REPORT/LANG/ (a pair's folder is OLD..NEW)
    figures = {p.stem for p in (data / "figures").rglob("*.pdf")}
    assert {"fig-00-characters-by-section", "fig-03-target-vs-outcome", "fig-03-keyness"} <= figures


# --- issue 11: every user error is one line, exit 2, no traceback, nothing built touched ---------

def _main(capsys, *args) -> tuple[int, list[str]]:
    """``main(ARGS)`` in this process: (exit status, stderr lines)."""
    from juye_analysis.cli.main import main

    status = main([str(a) for a in args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err.strip().splitlines()


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory):
    """A copy of data/raw built once into out/ (each test copies it again before touching it)."""
    from juye_analysis.pipeline.build import build

    base = tmp_path_factory.mktemp("built_copy")
    copy_raw(base / "raw")
    build(base / "raw", base / "out", progress=False)
    return base


def _copy(built_copy, tmp_path) -> tuple[Path, Path, dict]:
    shutil.copytree(built_copy, tmp_path, dirs_exist_ok=True)
    out = tmp_path / "out"
    return tmp_path / "raw", out, _files(out)


def _files(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_full_disk_or_read_only_output_folder_is_one_line(built_copy, tmp_path, capsys, monkeypatch, code):
    from juye_analysis.pipeline import storage

    raw, out, before = _copy(built_copy, tmp_path)

    def fail(self, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(self.out))
    monkeypatch.setattr(storage.OutputWriter, "add", fail)
    status, lines = _main(capsys, "build", "--raw", raw, "--out", out, "--quiet", "--no-cache")
    assert status == 2 and len(lines) == 1
    assert lines[0].startswith(f"juye-analysis: error: {out}: {os.strerror(code)} (")
    assert _files(out) == before  # the previous build is untouched


def test_out_pointing_at_a_file_is_one_line(tmp_path, capsys):
    (tmp_path / "out.txt").write_text("not a folder")
    status, lines = _main(capsys, "build", "--raw", RAW, "--out", tmp_path / "out.txt", "--quiet")
    assert status == 2 and lines == [f"juye-analysis: error: {tmp_path / 'out.txt'}: --out is a file, "
                                     "not a folder; give the folder to build into"]
    assert (tmp_path / "out.txt").read_text() == "not a folder"


def test_a_header_only_reports_csv_is_one_line_and_touches_nothing(built_copy, tmp_path, capsys):
    raw, out, before = _copy(built_copy, tmp_path)
    meta = raw / "reports.csv"
    meta.write_text(meta.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    status, lines = _main(capsys, "build", "--raw", raw, "--out", out, "--quiet")
    assert status == 2 and len(lines) == 1 and "lists no report" in lines[0]
    assert _files(out) == before


def test_report_id_with_dot_dot_writes_nothing_outside_the_output_folder(built_copy, tmp_path, capsys):
    raw, out, before = _copy(built_copy, tmp_path)
    meta = pd.read_csv(raw / "reports.csv", dtype=str, keep_default_na=False)
    meta.loc[0, "report_id"] = "../../../evil"
    meta.to_csv(raw / "reports.csv", index=False)
    status, lines = _main(capsys, "build", "--raw", raw, "--out", out, "--quiet", "--no-cache")
    assert status == 2 and len(lines) == 1 and "line 2: report_id '../../../evil' is not a short slug" in lines[0]
    assert not list(tmp_path.rglob("evil*")) and _files(out) == before


@pytest.mark.parametrize("year", ["0", "3000", "-5"])
def test_a_year_outside_the_plausible_range_is_refused(tmp_path, capsys, year):
    path = tmp_path / "no_headings.txt"  # no year headings: the year is the user's word alone
    path.write_text("巨野县第十九届人民代表大会第三次会议\n各位代表：\n全县经济运行稳中有进。\n", encoding="utf-8")
    status, lines = _main(capsys, "sentences", path, "--year", year)
    assert status == 2 and lines == [f"juye-analysis: error: {path}: --year {year} is not a plausible "
                                     f"report year (1949..{datetime.date.today().year + 1})"]


def test_a_year_heading_outside_the_plausible_range_is_refused(tmp_path, capsys):
    path = tmp_path / "far.txt"
    path.write_text("各位代表：\n一、2999年工作回顾\n全县经济运行稳中有进。\n", encoding="utf-8")
    status, lines = _main(capsys, "sentences", path)
    assert status == 2 and len(lines) == 1 and "report year 3000, not a plausible one" in lines[0]


@pytest.fixture
def raw_copy(tmp_path):
    raw = tmp_path / "raw"
    copy_raw(raw)
    return raw


def test_add_refuses_a_text_already_in_the_corpus_naming_the_report(raw_copy, tmp_path, capsys):
    before = _files(raw_copy)
    copy = tmp_path / "another_name.txt"
    shutil.copy(REPORT_2024, copy)
    status, lines = _main(capsys, "add", copy, "--year", "2024", "--county", "郓城县",
                          "--report-id", "yuncheng_2024", "--raw", raw_copy)
    assert status == 2 and lines == [f"juye-analysis: error: {copy}: this text is already in the corpus "
                                     "as report 'juye_2024' (juye_2024_government_work_report.txt)"]
    assert _files(raw_copy) == before


@pytest.mark.parametrize("option,value,problem", [
    ("--report-id", "../evil", "--report-id: report_id '../evil' is not a short slug"),
    ("--report-id", "a\nb", "--report-id: report_id 'a\\nb' is not a short slug"),
    ("--county", "巨野\n县", "--county contains a control or line-break character ('\\n')"),
    ("--title", "长" * 20_000, "--title has 20,000 characters (at most 1,000)"),
])
def test_add_refuses_a_bad_report_id_and_newlines_or_huge_options(raw_copy, tmp_path, capsys, option, value, problem):
    before = _files(raw_copy)
    src = tmp_path / "juye_2026.txt"
    src.write_text(THIRD_REPORT, encoding="utf-8")
    args = ["add", src, "--year", "2026", "--raw", raw_copy, option, value]
    if option != "--county":
        args += ["--county", "巨野县"]
    status, lines = _main(capsys, *args)
    assert status == 2 and len(lines) == 1 and lines[0].startswith(f"juye-analysis: error: {problem}")
    assert _files(raw_copy) == before


def test_add_refuses_a_file_name_that_is_not_a_report_id(raw_copy, tmp_path, capsys):
    src = tmp_path / "巨野县2026年报告.txt"
    src.write_text(THIRD_REPORT.replace("巨野县", "新县"), encoding="utf-8")
    status, lines = _main(capsys, "add", src, "--year", "2026", "--raw", raw_copy)
    assert status == 2 and len(lines) == 1 and "give one with --report-id" in lines[0]


@pytest.mark.parametrize("top", ["-1", "0"])
def test_keyness_top_below_one_is_refused(capsys, top):
    status, lines = _main(capsys, "keyness", REPORT_2024, RAW / "juye_2025_report_news_summary.txt", "--top", top)
    assert status == 2 and lines == [f"juye-analysis: error: --top must be at least 1 (got {top})"]


def test_jobs_below_one_is_refused(capsys, tmp_path):
    status, lines = _main(capsys, "build", "--raw", RAW, "--out", tmp_path / "out", "--jobs", "0")
    assert status == 2 and lines == ["juye-analysis: error: --jobs must be at least 1 (got 0)"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [["sentences", "x.txt", "--year", "abc"], ["bogus"], ["add"],
                                  ["keyness", "a", "b", "--top", "x"]])
def test_a_bad_command_line_is_one_line_not_a_usage_block(capsys, args):
    from juye_analysis.cli.main import main

    with pytest.raises(SystemExit) as info:
        main(args)
    err = capsys.readouterr().err
    assert info.value.code == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith("juye-analysis: error: ") and "--help)" in err


def test_compare_old_year_outside_the_plausible_range_is_refused(capsys):
    status, lines = _main(capsys, "compare", REPORT_2024, RAW / "juye_2025_report_news_summary.txt",
                          "--old-year", "3000")
    assert status == 2 and len(lines) == 1 and "--old-year 3000 is not a plausible report year" in lines[0]
