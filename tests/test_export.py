"""``python -m juye_analysis export panel``: the indicator panel as Stata, CSV and Parquet files,
read back as Stata users and pandas users read them. The data folder holds the two bundled Juye
reports and two corpus excerpts chosen for what they state twice: a target restated in a later
sentence (jinhuakaifaqu_2024) and each year's growth beside an average annual growth
(yanchang_2017)."""
from __future__ import annotations

import contextlib
import io
import shutil

import pandas as pd
import pytest

from juye_analysis.cli.main import main
from juye_analysis.compare.panel import PANEL_COLUMNS, PANEL_KEY, WIDE_I, WIDE_STUBS
from juye_analysis.paths import PROJ_ROOT

from .conftest import copy_raw
from juye_analysis.resource_files import panel_variables
from tests.gold_corpus import TEXTS

ADDED = [("jinhuakaifaqu_2024.txt", "2024", "金华开发区"), ("yanchang_2017.txt", "2017", "延长县")]


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse
            status = exc.code
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from juye_analysis.pipeline.build import build

    data = tmp_path_factory.mktemp("export") / "data"
    copy_raw(data / "raw")
    shutil.copytree(PROJ_ROOT / "data" / "reference", data / "reference")
    for name, year, county in ADDED:
        status, _, err = run("add", TEXTS / "counties" / name, "--year", year, "--county", county,
                             "--completeness", "partial", "--raw", data / "raw")
        assert status == 0, err
    build(data / "raw", data / "processed", progress=False)
    return data


@pytest.fixture(scope="module")
def dta(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("dta") / "panel.dta"
    status, out, err = run("export", "panel", "--format", "dta", "--data", data, "--out", path)
    assert status == 0 and out.strip() == str(path), err
    return path


def test_the_dta_key_is_unique_though_a_target_is_restated(dta):
    back = pd.read_stata(dta)
    assert list(back.columns) == PANEL_COLUMNS
    assert not back.duplicated(PANEL_KEY).any()  # Stata: isid county indicator period kind report_id
    restated = back[(back["county"] == "金华开发区") & (back["indicator"] == "retail_sales")
                    & (back["kind"] == "target")]
    (row,) = restated.itertuples()
    assert row.n_statements == 2 and row.sentence_ids.split(";") == [str(row.sentence), "7"]
    assert (row.growth_pct, row.qualifier, row.conflicting) == (6.0, "以上", 0)
    gdp = back[(back["county"] == "延长县") & (back["indicator"] == "gdp")].iloc[0]
    assert (gdp["growth_pct"], gdp["average_growth_pct"], gdp["average_period_start"]) == (4.5, 5.8, 2012)
    assert (gdp["value"], gdp["unit"], gdp["value_base"], gdp["unit_base"]) == (39.1, "亿元", 3.91e9, "元")


def test_the_dta_has_variable_labels_value_labels_and_0_1_booleans(dta):
    with pd.read_stata(dta, iterator=True) as reader:
        variable_labels, value_labels = reader.variable_labels(), reader.value_labels()
    expected = panel_variables()
    assert variable_labels == {c: expected[c][0] for c in PANEL_COLUMNS}
    assert all(variable_labels.values())
    assert {k: dict(v) for k, v in value_labels.items()} == {
        "kind": {1: "actual", 2: "target"}, "completeness": {1: "full", 2: "partial"}}
    raw = pd.read_stata(dta, convert_categoricals=False)
    for col in ("estimated", "conflicting"):
        assert raw[col].dtype == "int8" and set(raw[col]) <= {0, 1}
    assert raw["estimated"].sum() > 0  # the 2025 summary's 预计 outcomes, the 2017 excerpt's
    assert set(raw["kind"]) == {1, 2} and raw["period"].dtype == "int32"


def test_a_long_to_wide_reshape_works_and_equals_export_wide(dta, data, tmp_path):
    long = pd.read_stata(dta, convert_categoricals=False)
    # Stata: reshape wide value_base … , i(county indicator kind report_id) j(period)
    wide = long.pivot(index=WIDE_I, columns="period", values=WIDE_STUBS)
    assert len(wide) == len(long.drop_duplicates(WIDE_I))
    path = tmp_path / "wide.dta"
    status, _, err = run("export", "panel", "--wide", "--data", data, "--out", path)
    assert status == 0, err
    exported = pd.read_stata(path, convert_categoricals=False).set_index(WIDE_I).sort_index()
    assert not exported.index.duplicated().any()
    periods = sorted(long["period"].unique())
    for stub in ("value_base", "growth_pct", "estimated"):
        for period in periods:
            mine = exported[f"{stub}{period}"].astype(float)
            theirs = wide[(stub, period)].reindex(mine.index).astype(float)
            pd.testing.assert_series_equal(mine, theirs, check_names=False)
    with pd.read_stata(path, iterator=True) as reader:
        labels = reader.variable_labels()
    assert labels[f"value_base{periods[0]}"] == f"{panel_variables()['value_base'][0]}, {periods[0]}"


def test_csv_and_parquet(data, tmp_path):
    from juye_analysis.pipeline.storage import load_table

    csv, parquet = tmp_path / "p.csv", tmp_path / "p.parquet"
    assert run("export", "panel", "--data", data, "--out", csv)[0] == 0
    assert run("export", "panel", "--format", "parquet", "--data", data, "--out", parquet)[0] == 0
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    text = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert set(text["estimated"]) == {"true", "false"} and set(text["conflicting"]) <= {"true", "false"}
    assert "44760000000" in set(text["value_base"])  # 447.6亿元, written as a number is written
    assert any(";" in s for s in text["sentence_ids"])
    back = pd.read_parquet(parquet)
    pd.testing.assert_frame_equal(back, load_table("indicator_panel", data / "processed"))
    assert back["estimated"].dtype == bool


@pytest.mark.parametrize("argv,words", [
    (["--out", "x.txt"], "ends in .txt; choose --format dta|csv|parquet"),
    (["--format", "csv", "--out", "x.dta"], "ends in .dta but --format is csv"),
    ([], "no --format given"),
    (["--format", "xls"], "invalid choice: 'xls'"),
    (["--format", "csv", "--out", "."], "--out is a folder"),
])
def test_user_errors_are_one_line_and_exit_2(data, tmp_path, argv, words, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = run("export", "panel", "--data", data, *argv)
    assert status == 2 and words in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_unbuilt_data_folder_is_one_line(tmp_path):
    status, _, err = run("export", "panel", "--format", "dta", "--data", tmp_path, "--out", tmp_path / "p.dta")
    assert status == 2 and "not built yet" in err and err.count("\n") == 1
