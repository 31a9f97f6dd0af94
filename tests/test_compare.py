"""Targets against outcomes, ambition, amplification, the panel and its Stata export, on small
hand-made tables whose answers are known."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from juye_analysis.compare.levels import amplification, load_reference_targets
from juye_analysis.compare.panel import export_panel, indicator_panel, panel_wide
from juye_analysis.compare.outcomes import hardness, target_status, target_vs_outcome
from juye_analysis.compare.ambition import target_ambition
from juye_analysis.paths import PROJ_ROOT

REPORTS = pd.DataFrame({
    "report_id": ["a_2024", "a_2025", "b_2024"],
    "county": ["甲县", "甲县", "乙县"],
    "division_code": ["1", "1", "2"],
    "report_year": [2024, 2025, 2024],
    "review_year": [2023, 2024, 2023],
    "completeness": ["full", "partial", "full"],
})


def ind(report_id, indicator, period, kind, value=None, unit=None, growth=None, qualifier="",
        estimated=False, sentence=1):
    return {"report_id": report_id, "indicator": indicator, "name_zh": indicator,
            "name_en": indicator, "period": period, "kind": kind, "value": value, "unit": unit,
            "growth_pct": growth, "qualifier": qualifier, "estimated": estimated,
            "sentence": sentence, "alias": "城镇登记失业率" if indicator == "registered_unemployment_rate" else indicator}


INDICATORS = pd.DataFrame([
    ind("a_2024", "gdp", 2023, "actual", 447.6, "亿元", 6.9, sentence=5),
    ind("a_2024", "gdp", 2024, "target", growth=6.0, qualifier="左右", sentence=40),
    ind("a_2024", "general_budget_revenue", 2024, "target", growth=3.5, qualifier="左右", sentence=40),
    ind("a_2024", "new_urban_employment", 2024, "target", 7000, "人", qualifier="以上", sentence=90),
    ind("a_2024", "registered_unemployment_rate", 2024, "target", 3.4, "%", qualifier="以内", sentence=90),
    ind("a_2024", "grain_output", 2024, "target", 13.6, "亿斤", qualifier="以上", sentence=70),
    ind("a_2024", "retail_sales", 2024, "target", growth=6.0, qualifier="左右", sentence=40),
    ind("a_2025", "gdp", 2024, "actual", 478, "亿元", 6.8, estimated=True, sentence=7),
    ind("a_2025", "general_budget_revenue", 2024, "actual", 36.7, "亿元", 2.9, sentence=7),
    ind("a_2025", "new_urban_employment", 2024, "actual", 0.69, "万人", sentence=9),
    ind("a_2025", "registered_unemployment_rate", 2024, "actual", 3.1, "%", sentence=9),
    ind("a_2025", "grain_output", 2024, "actual", 13.5, "亿斤", sentence=9),
    ind("b_2024", "gdp", 2024, "target", growth=7.0, qualifier="以上", sentence=3),
])


@pytest.fixture
def panel():
    return indicator_panel(INDICATORS, REPORTS)


def test_panel_is_long_and_keyed(panel):
    assert not panel.duplicated(["county", "indicator", "period", "kind", "report_id"]).any()
    assert set(panel["kind"]) == {"actual", "target"}
    wide = panel_wide(panel)
    row = wide[(wide["county"] == "甲县") & (wide["indicator"] == "gdp")].iloc[0]
    assert row["2023 实际"] == "6.9%" and row["2024 目标"] == "6%左右" and row["2024 实际"] == "6.8%"


def test_target_vs_outcome(panel):
    out = target_vs_outcome(panel, REPORTS).set_index(["county", "indicator"])
    gdp = out.loc[("甲县", "gdp")]
    # GDP target 6% 左右 against 6.8% achieved: met, +0.8 pp
    assert (gdp["status"], gdp["margin"], gdp["margin_unit"]) == ("met", pytest.approx(0.8), "pp")
    assert gdp["estimated"] == True  # noqa: E712  (预计)
    assert "estimate (预计)" in gdp["note"]  # scored, and labelled an estimate
    rev = out.loc[("甲县", "general_budget_revenue")]
    assert "预计" not in rev["note"]  # stated, not estimated
    assert rev["status"] == "missed" and rev["margin"] == pytest.approx(-0.6)  # 2.9 vs 3.5 左右
    jobs = out.loc[("甲县", "new_urban_employment")]  # 0.69万人 = 6900 人 < 7000 以上
    assert jobs["status"] == "missed" and jobs["margin"] == pytest.approx(-100)
    unemp = out.loc[("甲县", "registered_unemployment_rate")]
    assert unemp["hardness"] == "ceiling" and unemp["status"] == "met"
    grain = out.loc[("甲县", "grain_output")]
    assert grain["status"] == "missed" and grain["margin"] == pytest.approx(-0.1)
    retail = out.loc[("甲县", "retail_sales")]  # the partial 2025 text does not state it
    assert retail["status"] == "no_outcome" and "a_2025 does not state" in retail["note"]
    assert "partial" in retail["note"]
    other = out.loc[("乙县", "gdp")]
    assert other["status"] == "no_outcome" and "no report reviewing 2024" in other["note"]


@pytest.mark.parametrize("target,actual,hard,better,rate,status", [
    (6.0, 5.6, "around", "higher", True, "met"),      # within 0.5 pp
    (6.0, 5.4, "around", "higher", True, "missed"),
    (6.0, 7.5, "around", "higher", True, "met"),      # overshooting a growth target
    (3.0, 0.2, "around", "lower", True, "met"),       # CPI 3% 左右 against 0.2%
    (3.0, 3.6, "around", "lower", True, "missed"),
    (60, 60, "floor", "higher", False, "met"),
    (60, 59, "floor", "higher", False, "missed"),
    (3.4, 3.5, "ceiling", "lower", True, "missed"),
    (2, 2, "range", "higher", False, "met"),
])
def test_status_rules(target, actual, hard, better, rate, status):
    assert target_status(target, actual, hard, better, rate)[0] == status


def test_hardness_from_the_qualifier():
    assert [hardness(q) for q in ["左右", "以上", "以内", "不超过", "超过", "", None, math.nan, "range",
                                  "range|以上", "控制在|以内", "至少", "约|以上"]] == \
        ["around", "floor", "ceiling", "ceiling", "floor", "point", "point", "point", "range",
         "range", "ceiling", "floor", "floor"]


def _one_target(sentence: str, report_id: str):
    """A report whose plan part is this one sentence."""
    from juye_analysis.read.report import report_from_text

    text = f"各位代表：\n一、2023年工作回顾\n地区生产总值增长4%。\n二、2024年目标任务\n{sentence}。"
    return report_from_text(text, report_id=report_id, year=2024)


def test_targets_table_and_target_outcome_give_the_same_hardness_for_every_qualifier():
    """Defect: the targets table and target_outcome coded hardness apart and disagreed (约…以上
    floor in one, around in the other; 至少 floor in one, range in the other). Every qualifier of
    qualifiers.csv, alone and with one written before the number and one after it."""
    from juye_analysis.indicators.match import indicators_table
    from juye_analysis.indicators.targets import targets_table
    from juye_analysis.numbers.qualifiers import qualifiers

    q = qualifiers()
    at = {p: list(q.loc[q["position"] == p, "qualifier"]) for p in ("before", "after", "after_number")}
    cases = ([(b, "", "") for b in at["before"]] + [("", a, "") for a in at["after"]]
             + [("", "", n) for n in at["after_number"]]
             + [(b, a, "") for b in at["before"] for a in at["after"]]
             + [(b, "", n) for b in at["before"] for n in at["after_number"]])
    reports, indicators, expected = [], [], {}
    for i, (b, a, n) in enumerate(cases):
        rid = f"r{i}"
        sentence = f"城镇新增就业{b}7000{n}人" if n else f"城镇登记失业率{b}3.5%{a}"
        report = _one_target(sentence, rid)
        (row,) = targets_table(report).itertuples()  # the one number, its qualifiers as written
        written = [w for w in (b, n, a) if w and not (w == "控制在" and (a or n))]  # 控制在 gives way
        assert row.qualifier.split("|") == written, sentence
        expected[rid] = ("|".join(written), row.hardness)
        indicators.append(indicators_table(report))
        reports.append({"report_id": rid, "county": f"县{i}", "division_code": "", "report_year": 2024,
                        "review_year": 2023, "completeness": "full"})
    panel = indicator_panel(pd.concat(indicators, ignore_index=True), pd.DataFrame(reports))
    out = target_vs_outcome(panel, pd.DataFrame(reports))
    got = {r.target_report_id: (r.qualifier, r.hardness) for r in out.itertuples()}
    assert got == expected
    assert expected[f"r{cases.index(('约', '以上', ''))}"] == ("约|以上", "floor")
    assert expected[f"r{cases.index(('至少', '', ''))}"] == ("至少", "floor")
    assert expected[f"r{cases.index(('控制在', '以内', ''))}"] == ("以内", "ceiling")


def test_target_ambition(panel):
    amb = target_ambition(panel).set_index(["county", "indicator"]).loc[("甲县", "gdp")]
    assert amb["previous_growth_pct"] == 6.9 and amb["ambition_pp"] == pytest.approx(-0.9)


def test_amplification_against_the_national_targets(panel):
    ref = load_reference_targets(PROJ_ROOT / "data" / "reference" / "targets.csv")
    assert {"gdp", "new_urban_employment", "surveyed_unemployment_rate", "cpi", "grain_output"} <= set(ref["indicator"])
    amp = amplification(panel, ref).set_index(["county", "indicator"])
    gdp = amp.loc[("甲县", "gdp")]
    assert (gdp["level"], gdp["level_growth_pct"], gdp["gap_pp"]) == ("national", 5, pytest.approx(1.0))
    assert math.isnan(amp.loc[("甲县", "grain_output"), "gap_pp"])  # levels are not comparable
    # registered (county) and surveyed (national) unemployment are two keys: never compared
    assert ("甲县", "registered_unemployment_rate") not in amp.index


def test_export_reads_back_equal(panel, tmp_path):
    csv, parquet, dta = export_panel(panel, tmp_path / "panel")
    back = pd.read_stata(dta)
    assert list(back.columns) == list(panel.columns)
    assert back["indicator"].tolist() == panel["indicator"].tolist()
    assert back["county"].tolist() == panel["county"].tolist()  # UTF-8 strings survive
    pd.testing.assert_series_equal(back["growth_pct"], panel["growth_pct"].astype(float), check_names=False)
    # whole numbers with no gap are Stata longs (int32), booleans 0/1 bytes
    pd.testing.assert_series_equal(back["period"], panel["period"].astype("int32"), check_names=False)
    assert back["estimated"].tolist() == panel["estimated"].astype(int).tolist() and back["estimated"].dtype == "int8"
    assert pd.read_parquet(parquet).shape == panel.shape
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")


def test_panel_key_is_unique_when_a_target_is_restated():
    """Issue 14: a target restated in a later sentence gave two rows of one key, so Stata's isid
    and reshape failed. Restatements collapse to one row that keeps every sentence."""
    rows = INDICATORS.to_dict("records") + [
        ind("a_2024", "gdp", 2024, "target", growth=6.0, qualifier="左右", sentence=120),
        ind("a_2024", "new_urban_employment", 2024, "target", 0.7, "万人", qualifier="以上", sentence=95)]
    panel = indicator_panel(pd.DataFrame(rows), REPORTS)
    assert not panel.duplicated(["county", "indicator", "period", "kind", "report_id"]).any()
    assert len(panel) == len(INDICATORS)
    key = panel.set_index(["report_id", "indicator", "period", "kind"])
    gdp = key.loc[("a_2024", "gdp", 2024, "target")]
    assert list(gdp["sentence_ids"]) == [40, 120] and gdp["sentence"] == 40 and gdp["n_statements"] == 2
    assert (gdp["growth_pct"], gdp["qualifier"], gdp["conflicting"]) == (6.0, "左右", False)
    jobs = key.loc[("a_2024", "new_urban_employment", 2024, "target")]  # 7000人 = 0.7万人: one value
    assert (jobs["value"], jobs["unit"], jobs["value_base"], jobs["unit_base"]) == (7000, "人", 7000, "人")
    assert list(jobs["sentence_ids"]) == [90, 95] and not jobs["conflicting"]


def test_panel_leaves_out_numbers_its_statements_disagree_on():
    rows = INDICATORS.to_dict("records") + [
        ind("a_2024", "gdp", 2024, "target", growth=8.0, sentence=41)]
    panel = indicator_panel(pd.DataFrame(rows), REPORTS).set_index(["report_id", "indicator", "period", "kind"])
    gdp = panel.loc[("a_2024", "gdp", 2024, "target")]
    assert gdp["conflicting"] == True and math.isnan(gdp["growth_pct"]) and gdp["qualifier"] == ""  # noqa: E712
    assert not panel.drop(index=("a_2024", "gdp", 2024, "target"))["conflicting"].any()


def test_panel_base_units_and_booleans(panel):
    assert panel["estimated"].dtype == bool and panel["conflicting"].dtype == bool
    gdp = panel[(panel["report_id"] == "a_2024") & (panel["indicator"] == "gdp") & (panel["kind"] == "actual")].iloc[0]
    assert (gdp["value_base"], gdp["unit_base"]) == (44760000000.0, "元")  # 447.6亿元, exactly
    grain = panel[(panel["indicator"] == "grain_output") & (panel["kind"] == "actual")].iloc[0]
    assert (grain["value_base"], grain["unit_base"]) == (1350000000.0, "斤")
    growth_only = panel[panel["value"].isna()]
    assert growth_only["value_base"].isna().all() and (growth_only["unit_base"] == "").all()


def test_panel_keeps_an_average_growth_beside_the_years_growth():
    """地区生产总值26.8亿元,增长12%,年均增长11%: two indicator rows of one key (the average one
    marked average_annual); one panel row with both rates, never a conflict."""
    rows = [dict(ind("a_2024", "gdp", 2023, "actual", 26.8, "亿元", 12.0, sentence=3), average_annual=False),
            dict(ind("a_2024", "gdp", 2023, "actual", growth=11.0, sentence=3), average_annual=True,
                 period_start=2019)]
    (row,) = indicator_panel(pd.DataFrame(rows), REPORTS).itertuples()
    assert (row.growth_pct, row.average_growth_pct, row.average_period_start) == (12.0, 11.0, 2019)
    assert (row.value, row.unit, row.conflicting, row.n_statements) == (26.8, "亿元", False, 2)


# --- targets against outcomes year after year, every gap a stated row -----------------------------

SERIES_REPORTS = pd.DataFrame({
    "report_id": ["n_2018", "n_2019", "n_2021", "n_2022"],  # the collection lacks 2020's report
    "county": ["全国"] * 4, "division_code": ["100000"] * 4,
    "report_year": [2018, 2019, 2021, 2022], "review_year": [2017, 2018, 2020, 2021],
    "completeness": ["full"] * 4,
})
SERIES = pd.DataFrame([
    ind("n_2018", "gdp", 2018, "target", growth=6.5, qualifier="左右", sentence=50),
    ind("n_2019", "gdp", 2018, "actual", growth=6.6, sentence=3),
    ind("n_2019", "gdp", 2019, "target", growth=6.0, qualifier="以上", sentence=50),
    ind("n_2021", "gdp", 2020, "actual", growth=2.3, sentence=3),
    ind("n_2021", "gdp", 2021, "target", growth=6.0, qualifier="以上", sentence=50),
    ind("n_2022", "gdp", 2021, "actual", growth=8.1, sentence=3),
    ind("n_2022", "cpi", 2022, "target", growth=3.0, qualifier="左右", sentence=51),  # no gdp target
])


def test_target_series_states_every_gap_as_a_row():
    from juye_analysis.compare.outcomes import target_series

    panel = indicator_panel(SERIES, SERIES_REPORTS)
    series = target_series(target_vs_outcome(panel, SERIES_REPORTS), SERIES_REPORTS)
    assert not series.duplicated(["county", "indicator", "period"]).any()
    gdp = series[series["indicator"] == "gdp"].set_index("period")
    assert gdp["status"].to_dict() == {
        2018: "met",                 # 6.6 against 6.5左右
        2019: "no_outcome_report",   # 2020's report, which reviews 2019, is missing
        2020: "no_target_report",    # 2020's report is missing
        2021: "met",                 # 8.1 against 6以上
        2022: "no_target",           # n_2022 is there and sets no gdp target
    }
    assert gdp.loc[2018, "margin"] == pytest.approx(0.1) and gdp.loc[2018, "hardness"] == "around"
    assert "2020" in gdp.loc[2019, "note"] and "2020" in gdp.loc[2020, "note"]
    assert gdp.loc[2022, "target_report_id"] == "n_2022" and "n_2022" in gdp.loc[2022, "note"]
    # the latest report's target waits for a report not yet written
    cpi = series[series["indicator"] == "cpi"].set_index("period")
    assert cpi["status"].to_dict() == {2022: "pending"}


def test_target_series_needs_two_reports_of_a_jurisdiction():
    from juye_analysis.compare.outcomes import target_series

    one = SERIES_REPORTS.iloc[:1]
    panel = indicator_panel(SERIES[SERIES["report_id"] == "n_2018"], one)
    assert target_series(target_vs_outcome(panel, one), one).empty


def test_a_growth_range_target_is_kept_in_the_panel_and_judged_against_its_lower_bound():
    rows = SERIES.to_dict("records") + [dict(ind("n_2019", "retail_sales", 2019, "target", sentence=60),
                                             growth_low=6.5, growth_high=7.0)]
    reports = SERIES_REPORTS
    panel = indicator_panel(pd.DataFrame(rows), reports)
    t = panel[(panel["indicator"] == "retail_sales")].iloc[0]
    assert (t["growth_low"], t["growth_high"]) == (6.5, 7.0) and math.isnan(t["growth_pct"])
    # 6.5%－7% for 2018 met by 6.6 (a range is met from its lower bound: target_rules.csv)
    rows = SERIES.to_dict("records") + [
        dict(ind("n_2018", "retail_sales", 2018, "target", sentence=60), growth_low=6.5, growth_high=7.0),
        ind("n_2019", "retail_sales", 2018, "actual", growth=6.6, sentence=4)]
    out = target_vs_outcome(indicator_panel(pd.DataFrame(rows), reports), reports)
    r = out[(out["indicator"] == "retail_sales")].iloc[0]
    assert (r["hardness"], r["measure"], r["status"]) == ("range", "growth_pct", "met")
    assert r["margin"] == pytest.approx(0.1) and (r["target_growth_low"], r["target_growth_high"]) == (6.5, 7.0)
