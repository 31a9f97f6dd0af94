"""Amplification (层层加码) across levels, on small hand-made tables whose answers are known:
pairing by codes, the reference table filling in a level without reports, a disagreement
between the two, and statistics that differ."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from juye_analysis.compare.levels import REFERENCE_COLUMNS, amplification
from juye_analysis.compare.panel import indicator_panel

# a county of a city of a province, the nation, and another city of the same province
REPORTS = pd.DataFrame([
    # report_id, county, level, division_code, province_code, city_code
    ("c_2024", "甲县", "county", "371724", "370000", "371700"),
    ("m_2024", "乙市", "city", "371700", "370000", ""),
    ("o_2024", "丙市", "city", "370100", "370000", ""),
    ("n_2024", "全国", "national", "100000", "", ""),
    ("u_2024", "丁县", "", "", "", ""),  # level unknown: pairs with the nation only
], columns=["report_id", "county", "level", "division_code", "province_code", "city_code"]).assign(
    report_year=2024, review_year=2023, completeness="full", title="政府工作报告")


def ind(report_id, indicator, growth=None, value=None, unit="", qualifier="左右", alias=None, sentence=1):
    return {"report_id": report_id, "indicator": indicator, "name_zh": indicator, "name_en": indicator,
            "period": 2024, "kind": "target", "value": value, "unit": unit, "growth_pct": growth,
            "qualifier": qualifier, "estimated": False, "sentence": sentence, "alias": alias or indicator}


INDICATORS = pd.DataFrame([
    ind("c_2024", "gdp", 6.0, alias="地区生产总值", sentence=40),
    ind("m_2024", "gdp", 5.5, alias="地区生产总值", sentence=30),
    ind("o_2024", "gdp", 9.0, alias="地区生产总值", sentence=20),
    ind("n_2024", "gdp", 5.0, alias="国内生产总值", sentence=10),
    ind("u_2024", "gdp", 7.0, alias="地区生产总值", sentence=5),
    ind("c_2024", "registered_unemployment_rate", value=3.4, unit="%", qualifier="以内",
        alias="城镇登记失业率", sentence=41),
])


def reference(*rows) -> pd.DataFrame:
    df = pd.DataFrame([dict(zip(REFERENCE_COLUMNS, r)) for r in rows], columns=REFERENCE_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    return df


def _amp(ref=None) -> pd.DataFrame:
    panel = indicator_panel(INDICATORS, REPORTS)
    ref = reference() if ref is None else ref
    return amplification(panel, ref, REPORTS).set_index(["report_id", "indicator", "level"]).sort_index()


def test_a_county_pairs_with_its_city_and_the_nation_by_code_never_with_another_city():
    amp = _amp()
    assert not amp.index.duplicated().any()
    gdp = amp.loc["c_2024", "gdp"]
    assert set(gdp.index) == {"city", "national"}  # no province report, no reference row
    city = gdp.loc["city"]
    assert (city["jurisdiction"], city["level_report_id"], city["level_sentence"]) == ("乙市", "m_2024", 30)
    assert (city["level_growth_pct"], city["gap_pp"], city["level_source"]) == (5.5, pytest.approx(0.5), "report")
    nation = gdp.loc["national"]
    assert (nation["jurisdiction"], nation["gap_pp"]) == ("全国", pytest.approx(1.0))
    assert "9.0" not in str(gdp["level_growth_pct"].tolist())  # 丙市 is not 甲县's city
    # the city pairs with the nation; the nation with nobody
    assert set(amp.loc["m_2024", "gdp"].index) == {"national"}
    assert "n_2024" not in amp.index.get_level_values("report_id")


def test_a_report_of_unknown_level_pairs_with_the_nation_only():
    amp = _amp()
    assert set(amp.loc["u_2024", "gdp"].index) == {"national"}
    assert amp.loc[("u_2024", "gdp", "national"), "gap_pp"] == pytest.approx(2.0)


def test_gross_domestic_and_regional_product_are_paired_and_labelled():
    row = _amp().loc[("c_2024", "gdp", "national")]
    assert row["flag"] == "" and "地区生产总值" in row["note"] and "国内生产总值" in row["note"]


def test_a_level_without_reports_is_filled_in_from_the_reference_table():
    ref = reference(("province", "山东省", "370000", 2024, "gdp", None, "", 5.0, "以上", "", "省报告", ""))
    row = _amp(ref).loc[("c_2024", "gdp", "province")]
    assert (row["level_source"], row["jurisdiction"], row["level_report_id"]) == ("reference", "山东省", "")
    assert (row["level_growth_pct"], row["level_qualifier"], row["gap_pp"]) == (5.0, "以上", pytest.approx(1.0))
    assert pd.isna(row["level_sentence"]) and row["source"] == "省报告"


def test_where_report_and_reference_disagree_the_report_wins_and_the_row_is_flagged():
    ref = reference(("national", "全国", "", 2024, "gdp", None, "", 5.5, "左右", "", "typed by hand", ""))
    row = _amp(ref).loc[("c_2024", "gdp", "national")]
    assert (row["level_source"], row["level_growth_pct"], row["gap_pp"]) == ("report", 5.0, pytest.approx(1.0))
    assert row["flag"] == "reference_disagrees" and "5.5%左右" in row["note"]
    # the same numbers in both: no flag
    same = reference(("national", "全国", "", 2024, "gdp", None, "", 5.0, "左右", "", "typed by hand", ""))
    assert _amp(same).loc[("c_2024", "gdp", "national"), "flag"] == ""


def test_surveyed_against_registered_unemployment_is_flagged_and_gets_no_gap():
    ref = reference(("national", "全国", "", 2024, "registered_unemployment_rate", 5.5, "%", None, "左右",
                     "城镇调查失业率", "typed by hand", ""))
    row = _amp(ref).loc[("c_2024", "registered_unemployment_rate", "national")]
    assert row["flag"] == "different_statistic" and math.isnan(row["gap_pp"])
    assert "城镇登记失业率" in row["note"] and "城镇调查失业率" in row["note"]
