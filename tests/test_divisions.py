"""Division codes (GB/T 2260): the resource, resolve_division, english_name, and `add` filling them.

Codes and names checked against the Ministry of Civil Affairs' list by hand: 巨野县 371724 in
菏泽市 371700, 山东省 370000; 定陶县 became 定陶区 (371703) in 2016 (撤县设区); 鼓楼区 is
a district of 南京 (320106), 徐州 (320302), 福州 (350102) and 开封 (410204).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from juye_analysis import resource_files as rf
from juye_analysis.errors import UserError
from juye_analysis.read.divisions import LEVELS, english_from_pinyin, english_name, resolve_division


def test_a_county_name_gives_its_code_level_and_parents():
    d = resolve_division("巨野县")
    assert (d.code, d.level, d.province_code, d.city_code, d.parent_code) == \
        ("371724", "county", "370000", "371700", "371700")
    assert d.renamed_from == ""


def test_a_county_made_a_district_is_found_by_its_old_name_and_says_so():
    d = resolve_division("定陶县")
    assert (d.code, d.name, d.level, d.city_code) == ("371703", "定陶区", "district", "371700")
    assert (d.renamed_from, d.rename_year, d.rename_change) == ("定陶县", "2016", "撤县设区")


def test_a_name_with_its_province_and_city_written_before_it():
    assert resolve_division("山东省菏泽市巨野县").code == "371724"


def test_a_code_gives_its_division():
    assert resolve_division("371724").name == "巨野县"


def test_a_shared_name_needs_the_province_or_city_and_the_error_lists_the_candidates():
    with pytest.raises(UserError) as err:
        resolve_division("鼓楼区")
    message = str(err.value)
    assert "\n" not in message
    assert all(code in message for code in ("320106", "320302", "350102", "410204"))
    assert resolve_division("鼓楼区", city="南京市").code == "320106"
    assert resolve_division("鼓楼区", province="福建").code == "350102"
    assert resolve_division("鼓楼区", city="410200").code == "410204"


def test_an_unknown_name_is_one_line_naming_near_matches():
    with pytest.raises(UserError) as err:
        resolve_division("巨野")
    assert "\n" not in str(err.value) and "巨野县" in str(err.value)
    with pytest.raises(UserError, match="巨野县"):
        resolve_division("巨野区")


def test_english_names_for_figure_labels():
    assert english_name("巨野县") == "Juye County"
    assert english_name("济南市") == "Jinan"
    assert english_name("全国") == "China"
    assert english_name("371724") == "Juye County"
    assert english_name("山东省") == "Shandong"
    assert english_name("定陶县") == "Dingtao District"  # an old name: the current division's
    assert english_name("鼓楼区") == "Gulou District"  # shared name, one English
    assert english_name("某某开发区", default="") == ""


def test_english_rules_suffix_ethnic_names_and_overrides():
    assert english_from_pinyin("道真仡佬族苗族自治县", "Daozhen") == "Daozhen Autonomous County"
    assert english_from_pinyin("阿拉善盟", "Alashan") == "Alashan League"
    assert english_from_pinyin("陕西省", "Shaanxi") == "Shaanxi"
    assert english_from_pinyin("内蒙古自治区", "Nei") == "Inner Mongolia"


# --- the resource ---------------------------------------------------------------------------

def test_every_code_is_six_digits_unique_and_its_parents_exist():
    df = rf.divisions()
    assert df["code"].map(lambda c: bool(re.fullmatch(r"\d{6}", c))).all()
    assert df["code"].is_unique
    codes = set(df["code"])
    for col in ("parent_code", "province_code", "city_code"):
        assert set(df.loc[df[col] != "", col]) <= codes, col
    assert set(df["level"]) == set(LEVELS)
    by_code = df.set_index("code")
    assert (by_code.loc[df.loc[df["province_code"] != "", "province_code"], "level"] == "province").all()
    assert (by_code.loc[df.loc[df["city_code"] != "", "city_code"], "level"] == "city").all()
    above = df[df["level"].isin(["national", "province"])]  # parents are above, never the row itself
    assert (above["province_code"] == "").all() and (df.loc[df["level"] == "city", "city_code"] == "").all()


def test_the_resource_holds_every_level():
    counts = rf.divisions()["level"].value_counts()
    assert counts["province"] == 34  # 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs
    assert counts["city"] >= 330
    assert counts[["county", "district", "county_city"]].sum() >= 2800


def test_english_names_have_no_chinese_character_and_follow_the_rules():
    df = rf.divisions()
    assert not df["name_en"].str.contains(r"[\u3400-\u9fff]").any()
    assert (df["name_en"] != "").all()
    remade = [english_from_pinyin(n, p) for n, p in zip(df["name"], df["name_pinyin"])]
    assert remade == df["name_en"].tolist()


def test_every_old_name_points_to_a_current_division_of_another_name():
    renames = pd.read_csv(rf.resource_path("division_renames.csv"), dtype=str, keep_default_na=False)
    by_code = rf.divisions_by_code()
    assert renames["code"].isin(list(by_code)).all()
    assert (renames["name"] == renames["code"].map(lambda c: by_code[c]["name"])).all()
    assert (renames["old_name"] != renames["name"]).all()
    assert renames["year"].str.fullmatch(r"\d{4}").all()


# --- `add` fills the division columns -------------------------------------------------------

REPORT = Path(__file__).resolve().parents[1] / "data" / "raw" / "juye_2025_report_news_summary.txt"


def _add(capsys, tmp_path, *options) -> tuple[int, list[str], list[str], pd.DataFrame | None]:
    """``add`` of a copy of a bundled report (as ``t_2025``) into an empty raw folder: (exit status,
    stdout lines, stderr lines, the reports.csv written or None)."""
    from juye_analysis.cli.main import main

    src = tmp_path / "t_2025.txt"
    src.write_bytes(REPORT.read_bytes())
    raw = tmp_path / "raw"
    status = main(["add", str(src), "--year", "2025", "--raw", str(raw), *map(str, options)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    meta = raw / "reports.csv"
    table = pd.read_csv(meta, dtype=str, keep_default_na=False) if meta.exists() else None
    return status, out.strip().splitlines(), err.strip().splitlines(), table


def test_add_fills_the_division_code_from_the_county_name(capsys, tmp_path):
    status, out, _, table = _add(capsys, tmp_path, "--county", "巨野县")
    assert status == 0 and table["division_code"].tolist() == ["371724"]
    assert "division 371724 巨野县, county" in out[0]


def test_add_accepts_an_old_name_with_todays_code_and_says_so(capsys, tmp_path):
    status, out, _, table = _add(capsys, tmp_path, "--county", "定陶县")
    assert status == 0 and table[["county", "division_code"]].values.tolist() == [["定陶县", "371703"]]
    assert "定陶县 is its old name (撤县设区 2016)" in out[0]


def test_add_refuses_an_unknown_name_in_one_line_naming_near_matches(capsys, tmp_path):
    status, _, err, table = _add(capsys, tmp_path, "--county", "巨野")
    assert status == 2 and table is None and len(err) == 1
    assert err[0].startswith("juye-analysis: error: --county: 巨野 is not a division name")
    assert "nearest: 巨野县" in err[0]
    assert not (tmp_path / "raw").exists() or not any((tmp_path / "raw").iterdir())


def test_add_refuses_a_shared_name_until_the_city_is_given(capsys, tmp_path):
    status, _, err, _ = _add(capsys, tmp_path, "--county", "鼓楼区")
    assert status == 2 and len(err) == 1 and "--city" in err[0] and "320106" in err[0]
    status, _, _, table = _add(capsys, tmp_path, "--county", "鼓楼区", "--city", "南京市")
    assert status == 0 and table["division_code"].tolist() == ["320106"]


def test_add_refuses_a_code_that_is_not_the_names(capsys, tmp_path):
    status, _, err, _ = _add(capsys, tmp_path, "--county", "巨野县", "--division-code", "371725")
    assert status == 2 and err == ["juye-analysis: error: --division-code: 371725 is not the code of "
                                   "巨野县 (371724, 巨野县)"]


def test_division_columns_give_level_and_parents_and_an_old_names_level():
    from juye_analysis.cli.add import division_columns

    columns, _ = division_columns("巨野县", None, None, None, "--county")
    assert columns == dict(division_code="371724", level="county", province_code="370000",
                           city_code="371700")
    columns, _ = division_columns("定陶县", None, None, None, "--county")
    assert columns == dict(division_code="371703", level="county", province_code="370000",
                           city_code="371700")
    columns, note = division_columns("金华开发区", None, None, None, "--county")
    assert (columns["division_code"], columns["level"]) == ("", "zone") and "zone" in note


# --- the panel carries the codes ------------------------------------------------------------

def test_the_panel_carries_the_division_code_and_parent_codes():
    from juye_analysis.compare.panel import indicator_panel

    reports = pd.DataFrame({"report_id": ["j_2024", "z_2024"], "county": ["巨野县", "金华开发区"],
                            "division_code": ["371724", ""], "report_year": [2024, 2024],
                            "completeness": ["full", "full"], "level": ["county", "zone"]})
    rows = [{"report_id": rid, "indicator": "gdp", "name_zh": "地区生产总值", "name_en": "GDP",
             "period": 2023, "kind": "actual", "value": 100.0, "unit": "亿元", "growth_pct": 5.0,
             "qualifier": "", "estimated": False, "sentence": 1, "alias": "地区生产总值"}
            for rid in ("j_2024", "z_2024")]
    panel = indicator_panel(pd.DataFrame(rows), reports).set_index("report_id")
    assert panel.loc["j_2024", ["division_code", "province_code", "city_code"]].tolist() == \
        ["371724", "370000", "371700"]
    assert panel.loc["z_2024", ["division_code", "province_code", "city_code"]].tolist() == ["", "", ""]
