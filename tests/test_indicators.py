"""Indicators, targets and rank claims from report-style sentences worded as other counties and
years word them (not the Juye 2024 text), a partial report and a report with no numbers (the
command line contract is in test_cli.py)."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from juye_analysis import report_from_text
from juye_analysis.indicators.match import INDICATOR_COLUMNS, indicators_table
from juye_analysis.indicators.ranks import RANK_COLUMNS, rank_claims_table
from juye_analysis.indicators.targets import TARGET_COLUMNS, targets_table
from juye_analysis.indicators.aliases import find_aliases

ROOT = Path(__file__).resolve().parents[1]


def review(body: str, year: int = 2022) -> pd.DataFrame:
    """Indicators of a report whose review part (of ``year``) holds ``body``."""
    text = f"各位代表：\n一、{year}年工作回顾\n{body}\n二、{year + 1}年目标任务\n今年要继续努力。"
    return indicators_table(report_from_text(text, year=year + 1))


def plan(body: str, year: int = 2025) -> pd.DataFrame:
    text = f"各位代表：\n一、{year - 1}年工作回顾\n过去一年工作扎实。\n二、{year}年目标任务和重点工作\n{body}"
    return indicators_table(report_from_text(text, year=year))


def row(df: pd.DataFrame, key: str) -> pd.Series:
    hits = df[df["indicator"] == key]
    assert len(hits) == 1, df[["indicator", "value", "growth_pct"]]
    return hits.iloc[0]


def nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def test_value_then_growth_with_bishangnian_and_rank_of_growth():
    df = review("全县实现地区生产总值312.5亿元，比上年增长7.2%，增速居全市第一位。")
    r = row(df, "gdp")
    assert (r.value, r.unit, r.growth_pct, r.period, r.kind) == (312.5, "亿元", 7.2, 2022, "actual")
    assert (r.rank_scope, r["rank"], r.rank_measure) == ("全市", "1", "增速")


def test_growth_after_a_list_comma_and_no_rank_when_none_is_claimed():
    r = row(review("一般公共预算收入完成18.6亿元、增长8.1%。"), "general_budget_revenue")
    assert (r.value, r.growth_pct, r["rank"]) == (18.6, 8.1, "")


def test_growth_without_level():
    r = row(review("规上工业增加值增长10.5%。"), "industrial_value_added")
    assert nan(r.value) and r.unit == "" and r.growth_pct == 10.5


def test_level_without_growth():
    r = row(review("城镇新增就业5200人，完成年度任务。"), "new_urban_employment")
    assert (r.value, r.unit) == (5200, "人") and nan(r.growth_pct)


def test_zengfu_phrasing_and_decline():
    df = review("社会消费品零售总额增幅达到9%；固定资产投资下降3.2%。")
    assert row(df, "retail_sales").growth_pct == 9
    assert row(df, "fixed_asset_investment").growth_pct == -3.2


def test_fenbie_lists_give_one_row_per_member():
    df = review("城乡居民人均可支配收入分别达到41200元、22300元，分别增长5.6%、7.2%。")
    u, r = row(df, "urban_disposable_income"), row(df, "rural_disposable_income")
    assert (u.value, u.unit, u.growth_pct) == (41200, "元", 5.6)
    assert (r.value, r.unit, r.growth_pct) == (22300, "元", 7.2)
    df = review("年末金融机构存贷款余额分别为520亿元、310亿元，分别增长11%、9.5%。")
    assert (row(df, "deposits").value, row(df, "deposits").growth_pct) == (520, 11)
    assert (row(df, "loans").value, row(df, "loans").growth_pct) == (310, 9.5)


def test_fenbie_list_that_does_not_add_up_is_left_empty():
    df = review("城乡居民人均可支配收入增长6%。")
    assert df[df["indicator"].isin(["urban_disposable_income", "rural_disposable_income"])].empty


def test_breakthrough_and_rank_band():
    df = review("外贸进出口总额突破50亿元，增长21%，增幅全省领先。")
    r = row(df, "foreign_trade")
    assert (r.value, r.value_qualifier, r.growth_pct, r.qualifier, r.rank_scope, r["rank"]) == \
        (50, "突破", 21, "", "全省", "领先")


def test_rank_after_value_with_ju_and_wei():
    r = row(review("出口额12亿元，居全市第二位。"), "exports")
    assert (r.value, r.rank_scope, r["rank"], r.rank_measure) == (12, "全市", "2", "")


def test_rank_of_an_unrelated_item_is_not_attached():
    r = row(review("粮食总产量稳定在9.8亿斤，蔬菜产量20万吨，总量全市第一。"), "grain_output")
    assert (r.value, r.unit, r["rank"]) == (9.8, "亿斤", "")


def test_plan_targets_with_qualifiers():
    df = plan("主要预期目标是：地区生产总值增长6.5%左右，居民消费价格涨幅控制在3%左右，"
              "城镇调查失业率控制在5.5%以内，研发投入强度提高0.2个百分点，"
              "全体居民人均可支配收入与经济增长同步。")
    g = row(df, "gdp")
    assert (g.period, g.kind, g.growth_pct, g.qualifier) == (2025, "target", 6.5, "左右")
    c = row(df, "cpi")  # a price rise is the change of the CPI: its growth (tests/gold/corpus/README.md)
    assert (c.growth_pct, c.qualifier) == (3, "左右") and nan(c.value)
    u = row(df, "surveyed_unemployment_rate")
    assert (u.value, u.value_qualifier, u.qualifier) == (3.4 + 2.1, "以内", "以内")
    assert row(df, "rd_intensity").change_pp == 0.2
    assert "disposable_income" not in set(df["indicator"])


def test_year_in_the_sentence_wins_and_is_recorded_as_written():
    # a 2021 figure quoted in the review of 2022, and a 2027 goal stated in the plan part
    df = review("2021年，全县地区生产总值280亿元。")
    assert (row(df, "gdp").period, row(df, "gdp").kind) == (2021, "actual")
    df = plan("到2027年，地区生产总值突破600亿元。")
    assert (row(df, "gdp").period, row(df, "gdp").kind, row(df, "gdp").qualifier) == (2027, "target", "突破")


def test_partial_report_without_parts_uses_years_and_words():
    text = ("某县召开人民代表大会。\n报告回顾了2024年的工作。2024年，预计实现地区生产总值478亿元，增长6.8%；"
            "完成一般公共预算收入36.7亿元。签约过亿元项目101个。\n")
    df = indicators_table(report_from_text(text, year=2025))
    g = row(df, "gdp")
    assert (g.period, g.kind, g.estimated, g.value, g.growth_pct) == (2024, "actual", True, 478, 6.8)
    assert row(df, "general_budget_revenue").estimated  # 预计 covers the whole list
    s = row(df, "projects_signed_100m")
    assert (s.period, s.kind, s.value, s.estimated) == (2024, "actual", 101, False)


def test_unclear_unit_gives_no_value():
    df = review("地区生产总值达到450，增长5%。")
    r = row(df, "gdp")
    assert nan(r.value) and r.unit == "" and r.growth_pct == 5


def test_unit_that_does_not_fit_is_not_attached():
    assert review("粮食播种面积达到12亿元。").empty


def test_elliptic_head_takes_its_subject_only_when_the_compound_is_an_indicator():
    df = review("粮食播种面积110万亩，总产9.2亿斤；油料播种面积8万亩，总产2万吨。")
    assert list(df["indicator"]) == ["grain_area", "grain_output"]
    assert row(df, "grain_output").value == 9.2


def test_alias_inside_a_longer_word_is_not_matched():
    assert [f["alias"] for f in find_aliases("农业总产值增长8%，粮食总产增长2%")] == ["粮食总产"]


def test_no_numbers_gives_empty_tables_with_the_columns():
    report = report_from_text("各位代表：\n一、2023年工作回顾\n我们团结奋斗。\n二、2024年目标任务\n继续努力。", year=2024)
    assert list(indicators_table(report).columns) == INDICATOR_COLUMNS
    assert list(targets_table(report).columns) == TARGET_COLUMNS
    assert list(rank_claims_table(report).columns) == RANK_COLUMNS
    assert indicators_table(report).empty and targets_table(report).empty
    assert rank_claims_table(report).empty


def test_targets_are_every_quantified_commitment_of_the_plan():
    text = ("各位代表：\n一、2023年工作回顾\n新建学校3所。\n二、2024年目标任务和重点工作\n（一）抓民生。一是办教育。"
            "新建、改扩建学校4所，招聘教师120人左右，每个乡镇建设1-2处托育中心，学位增加10%以上。")
    t = targets_table(report_from_text(text, year=2024))
    assert list(t["label"]) == ["新建、改扩建学校", "招聘教师", "每个乡镇托育中心", "学位增加"]
    assert list(t["hardness"]) == ["point", "around", "range", "floor"]
    assert list(t["item"]) == ["一是"] * 4 and set(t["section_no"]) == {1}
    assert (t.iloc[2].range_low, t.iloc[2].range_high) == (1, 2)


def test_rank_claims_in_other_wordings():
    text = ("各位代表：\n一、2023年工作回顾\n蔬菜产量连续五年保持全省第一，营商环境评价位列全市前三，"
            "该园区为全省唯一国家级园区，考核居全市第一方阵，入选首批试点。")
    rc = rank_claims_table(report_from_text(text, year=2024))
    got = list(zip(rc["scope"], rc["rank"], rc["measure"], rc["years_running"]))
    assert got == [("全省", "1", "蔬菜产量", 5), ("全市", "前3", "营商环境评价", pd.NA),
                   ("全省", "唯一", "国家级园区", pd.NA), ("全市", "第一方阵", "考核", pd.NA)]


def test_rank_claim_kind_achieved_in_the_review_aspired_in_the_plan_and_by_wording():
    """Hand-made: a standing stated in the review is achieved; 争创, 力争, 锚定…目标 make a claim
    aspired wherever it stands; a bare claim in the plan part is aspired unless 去年 says it was
    reached."""
    text = ("各位代表：\n一、2023年工作回顾\n地区生产总值增幅居全市第一，招商工作争创全省一流。\n"
            "二、2024年目标任务\n锚定“全市第一、全省一流”目标，力争进入全省前列，"
            "去年财政收入增幅居全市第二，粮食产量稳居全市第一。")
    rc = rank_claims_table(report_from_text(text, year=2024))
    got = list(zip(rc["part_no"], rc["scope"], rc["rank"], rc["kind"]))
    assert got == [(1, "全市", "1", "achieved"), (1, "全省", "一流", "aspired"),
                   (2, "全市", "1", "aspired"), (2, "全省", "一流", "aspired"),
                   (2, "全省", "前列", "aspired"), (2, "全市", "2", "achieved"),
                   (2, "全市", "1", "aspired")]


def test_distributive_jun_gives_one_claim_per_item():
    rc = rank_claims_table(report_from_text(
        "各位代表：\n一、2023年工作回顾\n税收收入、民间投资增速均居全市第一。", year=2024))
    assert list(rc["measure"]) == ["税收收入", "民间投资增速"]


# --- rarer phrasings, each pinned by the bug it would otherwise be ---------------------------

def test_points_above_an_average_are_not_a_change():
    r = row(review("地区生产总值完成412.3亿元，同比增长6.2%，增速高于全省平均水平1.2个百分点。"), "gdp")
    assert (r.value, r.growth_pct) == (412.3, 6.2) and nan(r.change_pp)


def test_rate_of_a_component_after_qizhong_is_not_the_totals():
    r = row(review("一般公共预算收入达到20.5亿元，其中税收收入增长8%。"), "general_budget_revenue")
    assert r.value == 20.5 and nan(r.growth_pct)


def test_fenbie_rates_after_two_separate_names():
    df = review("城镇居民人均可支配收入38000元、农村居民人均可支配收入19000元，分别增长5%、7%。")
    assert (row(df, "urban_disposable_income").growth_pct, row(df, "rural_disposable_income").growth_pct) == (5, 7)


def test_rank_of_total_and_growth_together():
    r = row(review("社会消费品零售总额实现127.8亿元，增长7.3%，总量和增速均居全市第二。"), "retail_sales")
    assert (r.rank_scope, r["rank"]) == ("全市", "2")


def test_estimate_written_after_the_name():
    r = row(review("地区生产总值预计增长6%左右。"), "gdp")
    assert r.estimated and (r.growth_pct, r.qualifier) == (6, "左右")


def test_a_base_year_is_not_the_period():
    # the level is the review year's; the growth against 2020 is three years' (left out, below)
    r = row(review("与2020年相比，地区生产总值达到400亿元，增长30%。", year=2023), "gdp")
    assert (r.period, r.kind, r.value) == (2023, "actual", 400) and nan(r.growth_pct)


def test_rank_with_county_level_scope_and_shouwei():
    df = review("实现进出口总额9.8亿元，同比增长35%，增幅居全市首位；规上工业增加值增长10.5%，位列全省县域第5位。")
    assert (row(df, "foreign_trade")["rank"], row(df, "foreign_trade").rank_measure) == ("1", "增幅")
    assert (row(df, "industrial_value_added").rank_scope, row(df, "industrial_value_added")["rank"]) == ("全省", "5")


# --- the views the notebook shows (package functions, no parsing in the notebook) -------------

@pytest.fixture(scope="module")
def two_reports():
    from juye_analysis import read_report

    raw = ROOT / "data" / "raw"
    reps = [read_report(raw / "juye_2024_government_work_report.txt", year=2024, report_id="juye_2024"),
            read_report(raw / "juye_2025_report_news_summary.txt", year=2025, report_id="juye_2025")]
    ind = pd.concat([indicators_table(r) for r in reps], ignore_index=True)
    reports = pd.DataFrame({"report_id": ["juye_2024", "juye_2025"], "report_year": [2024, 2025],
                            "review_year": [2023, 2024], "county": ["巨野县", "巨野县"],
                            "completeness": ["full", "partial"]})
    return ind, reports


def test_notebook_views(two_reports):
    from juye_analysis.indicators.views import choose_report_with_targets, growth_vs_target, structure_ratios, headline_table

    ind, reports = two_reports
    rid = choose_report_with_targets(ind, reports)
    assert rid == "juye_2024"  # the 2025 news summary states no targets
    tvo = headline_table(ind, reports, rid).set_index("indicator")
    assert (tvo.loc["gdp", "outcome_value"], tvo.loc["gdp", "target_growth_pct"]) == (447.6, 6)
    g = growth_vs_target(ind, reports, rid)
    gdp = g[g["indicator"] == "gdp"].set_index("series")
    assert list(gdp.index) == ["outcome_before", "target", "outcome"]
    assert (gdp.loc["outcome", "growth_pct"], gdp.loc["outcome", "source"]) == (6.8, "juye_2025")
    assert bool(gdp.loc["outcome", "estimated"]) and gdp.loc["target", "qualifier"] == "左右"
    r = structure_ratios(ind).set_index(["period", "ratio"])["pct"]
    assert r[(2023, "tertiary_share_of_gdp")] == pytest.approx(100 * 219 / 447.6)
    assert r[(2024, "deposits_to_gdp")] == pytest.approx(100 * 831.8 / 478)


def test_audit_view_highlights_the_numbers(two_reports):
    from juye_analysis import read_report, sentences_table
    from juye_analysis.indicators.views import audit_table

    ind, _ = two_reports
    s = sentences_table(read_report(ROOT / "data" / "raw" / "juye_2024_government_work_report.txt",
                                    year=2024, report_id="juye_2024"))
    a = audit_table(ind, s, "juye_2024")
    gdp = a[(a["indicator"] == "gdp") & (a["kind"] == "actual")].iloc[0]
    assert '<span style="background:#ffe066;font-weight:bold">447.6亿元</span>' in gdp["sentence_html"]
    assert len(a) == (ind["report_id"] == "juye_2024").sum()


@pytest.mark.parametrize("body, key, scope, rank, measure", [
    ("规上工业增加值增长12%，增幅连续四年保持全市第一。", "industrial_value_added", "全市", "1", "增幅"),
    ("进出口总额12亿元，总量保持全市前列。", "foreign_trade", "全市", "前列", "总量"),
    ("规上工业增加值增长9%，增速稳居全市第一方阵。", "industrial_value_added", "全市", "第一方阵", "增速"),
    ("一般公共预算收入9.6亿元，增长4%，增幅全省领先。", "general_budget_revenue", "全省", "领先", "增幅"),
    ("粮食总产量达到11亿斤，排名全市第3。", "grain_output", "全市", "3", ""),
])
def test_rank_after_value_phrasings(body, key, scope, rank, measure):
    r = row(review(body), key)
    assert (r.rank_scope, r["rank"], r.rank_measure) == (scope, rank, measure)


def test_comparable_keys_for_exports_land_and_loans():
    """Bare 出口 is exports (not 进出口); approved land and loans to market entities are not the
    applied-for land and total new loans that a target may name."""
    from juye_analysis.read.report import report_from_text
    from juye_analysis.read.structure import sentences_table
    from juye_analysis.indicators.match import indicators_table
    from juye_analysis.numbers.table import quantities_table

    text = ("一、2023年工作回顾\n实现进出口总额63.3亿元，其中出口41.3亿元，增长12%。新增出口实绩企业10家。"
            "获批建设用地2135亩。新增市场主体贷款30亿元。\n")
    report = report_from_text(text)
    s = sentences_table(report)
    ind = indicators_table(report, {"sentences": s, "quantities": quantities_table(report, {"sentences": s})})
    got = {r.indicator: (r.value, r.growth_pct) for r in ind.itertuples()}
    assert got["foreign_trade"][0] == 63.3
    assert got["exports"][0] == 41.3 and got["exports"][1] == 12
    assert got["construction_land_approved"][0] == 2135 and "construction_land" not in got
    assert got["market_entity_loans"][0] == 30 and "new_loans" not in got


def test_a_level_after_a_change_in_points():
    """"提高0.3个百分点，达到2.1%": the change and the level both; 下降 makes the change negative."""
    from juye_analysis.read.report import report_from_text
    from juye_analysis.read.structure import sentences_table
    from juye_analysis.indicators.match import indicators_table
    from juye_analysis.numbers.table import quantities_table

    text = "一、2023年工作回顾\n全社会研发投入强度提高0.3个百分点，达到2.1%。城镇登记失业率下降0.2个百分点，降至3.1%。\n"
    report = report_from_text(text)
    s = sentences_table(report)
    ind = indicators_table(report, {"sentences": s, "quantities": quantities_table(report, {"sentences": s})})
    got = ind.set_index("indicator")
    assert got.loc["rd_intensity", ["value", "unit", "change_pp"]].tolist() == [2.1, "%", 0.3]
    assert got.loc["registered_unemployment_rate", ["value", "change_pp"]].tolist() == [3.1, -0.2]


def test_a_part_of_an_indicator_is_not_filed_as_the_whole():
    """住户存款余额 (household deposits) and 绿色贷款余额 (green loans) are parts of the deposit and
    loan balances: the alias inside them is not taken (resources: not_indicator); the whole ones
    in the same sentence still are."""
    df = review("年末住户存款余额520.3亿元，增长9.1%；绿色贷款余额45亿元；"
                "金融机构存款余额800亿元，增长8%；全县贷款余额400亿元。")
    assert sorted(df["indicator"]) == ["deposits", "loans"]
    assert row(df, "deposits")["growth_pct"] == 8.0
    assert sorted(df["value"]) == [400.0, 800.0]


def test_average_annual_growth_is_never_one_years_growth():
    """过去五年 … 年均增长7.5%: an average over five years; the quantity says so (avg_growth_pct),
    and the indicator gets an average row of its own (2018-2022), never a one-year growth."""
    from juye_analysis.numbers.table import quantities_table

    text = ("各位代表：\n一、2022年工作回顾\n过去五年，地区生产总值达到312.5亿元，年均增长7.5%。\n"
            "二、2023年目标任务\n今年要继续努力。")
    report = report_from_text(text, year=2023)
    q = quantities_table(report)
    assert q.loc[q["text"].str.startswith("7.5"), "kind"].tolist() == ["avg_growth_pct"]
    df = indicators_table(report)
    assert not (~df["average_annual"]).any()  # 过去五年 without a year: no one year's figure
    avg = row(df[df["average_annual"]], "gdp")  # its own row, over the five years reviewed
    assert (avg.period_start, avg.period, avg.growth_pct, avg.kind) == (2018, 2022, 7.5, "actual")
    assert review("地区生产总值312.5亿元，增长7.2%。").iloc[0]["growth_pct"] == 7.2


# --- issue 12: any county's report, any year -------------------------------------------------

def test_a_sub_sector_value_added_is_not_the_tertiary_sector():
    df = review("软件和信息服务业、商务服务业增加值分别增长9.1%、8.2%；“新三样”出口增长25%。")
    assert not {"tertiary_value_added", "exports"} & set(df["indicator"])


def test_a_growth_range_keeps_both_bounds():
    g = row(plan("主要预期目标是：地区生产总值增长7%－7.5%。"), "gdp")
    assert (g.growth_low, g.growth_high) == (7, 7.5) and nan(g.growth_pct)


def test_level_qualifier_and_growth_qualifier_are_apart():
    g = row(review("地区生产总值超过300亿元，增长5%左右。"), "gdp")
    assert (g.value, g.value_qualifier, g.growth_pct, g.qualifier) == (300, "超过", 5, "左右")


def test_modifier_basis_and_preliminary_estimate():
    t = row(plan("力争外贸进出口总额增长8%以上。"), "foreign_trade")
    assert (t.modifier, t.growth_pct, t.qualifier) == ("力争", 8, "以上")
    a = row(review("经初步核算，地区生产总值210亿元，可比增长4.2%。"), "gdp")
    assert a.estimated and a.basis == "可比" and a.growth_pct == 4.2


def test_average_growth_over_a_plan_period_has_its_span():
    text = ("各位代表：\n一、“十二五”时期工作回顾\n五年来，一般公共预算收入年均增长9.4%。\n"
            "二、2016年目标任务\n今年要继续努力。")
    df = indicators_table(report_from_text(text, year=2016))
    r = row(df, "general_budget_revenue")
    assert (r.average_annual, r.period_start, r.period, r.growth_pct) == (True, 2011, 2015, 9.4)


def test_multi_year_totals_and_multiples_give_no_row():
    df = review("过去五年，城镇新增就业累计2.4万人；地区生产总值比2012年翻一番。")
    assert df.empty


def test_declines_and_cpi_as_a_change():
    df = plan("主要预期目标是：居民消费价格涨幅控制在3%左右，单位地区生产总值能耗下降2.8%。")
    assert row(df, "cpi").growth_pct == 3 and nan(row(df, "cpi").value)
    assert row(df, "energy_intensity").growth_pct == -2.8


def test_fenbie_list_with_elided_members_gives_the_last_one():
    r = row(review("一、二、三产增加值分别增长3.1%6.2%7.3%。"), "tertiary_value_added")
    assert r.growth_pct == 7.3


def test_target_wording_outside_a_plan_part():
    text = "全县经济稳中向好。今年的主要预期目标是：地区生产总值增长6%左右。"
    g = row(indicators_table(report_from_text(text, year=2024)), "gdp")
    assert (g.kind, g.period) == ("target", 2024)


def test_an_old_target_recalled_while_reviewing_is_no_target():
    df = review("财政收入3.2亿元，增长15%，完成年初确定的12%增长目标。")
    assert set(df["kind"]) == {"actual"} and row(df, "fiscal_revenue").growth_pct == 15


def test_old_names_of_budget_revenue_and_new_keys():
    df = review("公共财政预算收入8.1亿元，增长9%；农民人均纯收入6520元；城镇化率达到51.3%；"
                "城镇调查失业率5.1%。")
    assert row(df, "general_budget_revenue").value == 8.1
    assert row(df, "rural_net_income").value == 6520 and "rural_disposable_income" not in set(df["indicator"])
    assert row(df, "urbanization_rate").value == 51.3
    assert row(df, "surveyed_unemployment_rate").value == 5.1


def test_pinyin_debris_inside_a_name_is_read_through():
    r = row(review("城鎮(zhèn)居民人均可支配收入31000元，同比增長(zhǎng)6.5%。"), "urban_disposable_income")
    assert (r.value, r.growth_pct) == (31000, 6.5)


def test_a_part_reviewing_the_year_and_the_term_gives_the_years_outcomes():
    """Was: a part headed "2021年及本届政府工作回顾" (role five_year_review) gave no row at all;
    it reviews the year too, so its plain figures are that year's outcomes, while its five-year
    average stays an average over the term."""
    text = ("政府工作报告\n一、2021年及本届政府工作回顾\n"
            "一年来，全县实现地区生产总值320.5亿元，增长8.2%。\n"
            "过去五年，地区生产总值年均增长6.9%。\n"
            "二、2022年工作安排\n地区生产总值增长7%左右。\n")
    df = indicators_table(report_from_text(text, report_id="a_2022", year=2022))
    gdp = df[df["indicator"] == "gdp"]
    one_year = gdp[(gdp["period"] == 2021) & (gdp["kind"] == "actual") & ~gdp["average_annual"].astype(bool)]
    assert one_year["value"].tolist() == [320.5] and one_year["growth_pct"].tolist() == [8.2]
    assert not gdp[(gdp["growth_pct"] == 6.9) & ~gdp["average_annual"].astype(bool)].shape[0]


def test_the_base_of_a_multiple_is_not_the_period():
    """Was: "…189亿元，是2011年的1.74倍；公共财政预算收入10.6亿元" filed the revenue under 2011."""
    df = review("初步统计，2016年，实现地区生产总值189亿元，是2011年的1.74倍；公共财政预算收入10.6亿元，"
                "实现五年翻一番；外贸出口总额4980万美元，是2011年的4倍。", year=2016)
    assert set(df["period"]) == {2016}
    assert row(df, "general_budget_revenue").value == 10.6
    assert (row(df, "exports").value, row(df, "exports").unit) == (4980, "万美元")


def test_a_growth_of_a_rate_is_not_its_level():
    """研发投入强度增长3.35%: the intensity's level, or its growth? Unsure, so no row."""
    df = plan("全社会R&D经费投入强度增长3.35%，城镇调查失业率控制在5.5%以内。")
    assert "rd_intensity" not in set(df["indicator"])
    assert row(df, "surveyed_unemployment_rate").value == 5.5


def test_the_past_year_recalled_in_the_plan_part_is_the_years_outcome():
    """Was: "过去一年…国内生产总值增长10.3%" in a part headed 2011年的工作 was the 2011 target."""
    text = ("政府工作报告\n一、“十一五”时期的回顾\n五年来成绩显著。\n二、2011年的工作\n"
            "2011年是开局之年。过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%，"
            "城镇新增就业1168万人，年末城镇调查失业率降到5.5%。\n"
            "今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右；今年拟安排财政赤字9000亿元。\n")
    df = indicators_table(report_from_text(text, year=2011))
    got = {(r.indicator, r.period, r.kind): (r.value, r.growth_pct) for r in df.itertuples()}
    assert got[("gdp", 2010, "actual")][1] == 10.3
    assert got[("new_urban_employment", 2010, "actual")][0] == 1168
    assert got[("surveyed_unemployment_rate", 2010, "actual")][0] == 5.5
    assert got[("gdp", 2011, "target")][1] == 8
    assert got[("fiscal_deficit", 2011, "target")][0] == 9000
    assert ("gdp", 2011, "target") in got and len([k for k in got if k[0] == "gdp"]) == 2


def test_spending_on_named_purposes_is_not_all_spending():
    df = review("各级政府加大对科技、教育、文化、卫生事业的投入，全国财政支出2.82万亿元。"
                "一般公共预算支出规模28.5万亿元。")
    r = row(df, "general_budget_expenditure")
    assert r.value == 28.5


def test_words_between_name_and_number_and_a_unit_implied_by_the_indicator():
    df = review("农村贫困人口减少290万，城镇居民人均可支配收入实际增长7%，能源消耗强度下降3.7%，"
                "财政赤字有所增加，但赤字率稳定在2.1%。", year=2013)
    r = row(df, "rural_poverty_reduction")
    assert (r.value, r.unit) == (290, "万人")
    u = row(df, "urban_disposable_income")
    assert (u.growth_pct, u.basis) == (7, "实际")
    assert row(df, "energy_intensity").growth_pct == -3.7
    assert row(df, "deficit_ratio").value == 2.1
    p = plan("今年赤字率拟按3%安排，进出口总额预期增长7.5%左右。", year=2014)
    assert row(p, "deficit_ratio").value == 3 and row(p, "foreign_trade").growth_pct == 7.5


def test_a_number_with_only_a_scale_is_no_amount_of_money():
    df = review("地区生产总值达到300万。")
    assert "gdp" not in set(df["indicator"])


def test_older_national_names_and_grain_in_tonnes():
    df = review("进出口贸易总额1.15万亿美元，增长35.7%；全年实际利用外商直接投资606亿美元；"
                "全年粮食总产量达到46947万吨；城镇调查失业率平均为5.1%；公共财政收入10.37万亿元，增长24.8%。",
                year=2004)
    assert row(df, "foreign_trade").growth_pct == 35.7
    assert (row(df, "fdi_actual").value, row(df, "fdi_actual").unit) == (606, "亿美元")
    assert (row(df, "grain_output").value, row(df, "grain_output").unit) == (46947, "万吨")
    assert row(df, "surveyed_unemployment_rate").value == 5.1
    assert row(df, "general_budget_revenue").value == 10.37


def test_a_change_from_one_level_to_another_gives_the_level_reached():
    df = review("常住人口城镇化率从60.2%提高到65.2%，城镇居民人均可支配收入由2002年7703元增加到2007年13786元。",
                year=2007)
    assert row(df, "urbanization_rate").value == 65.2
    assert row(df, "urban_disposable_income").value == 13786


def test_a_five_year_review_gives_the_rates_reached_and_levels_with_their_average():
    text = ("政府工作报告\n一、过去五年工作回顾\n过去五年，常住人口城镇化率从52.6%提高到58.5%，"
            "国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%，城镇新增就业累计6600万人。\n"
            "二、2018年经济社会发展总体要求和政策取向\n国内生产总值增长6.5%左右。\n")
    df = indicators_table(report_from_text(text, year=2018))
    got = {(r.indicator, r.period, r.kind, r.average_annual): (r.value, r.growth_pct)
           for r in df.itertuples()}
    assert got[("urbanization_rate", 2017, "actual", False)][0] == 58.5
    assert got[("gdp", 2017, "actual", True)] == (82.7, 7.1)
    assert ("gdp", 2017, "actual", False) not in got  # the 82.7 is not a one-year row by itself
    assert "new_urban_employment" not in set(df["indicator"])


def test_five_year_plan_goals_are_targets_for_the_plans_last_year():
    text = ("政府工作报告\n一、2015年工作回顾\n国内生产总值增长6.9%。\n"
            "二、“十三五”时期主要目标任务和重大举措\n过去五年，森林覆盖率达到21.66%。\n"
            "到2020年，常住人口城镇化率达到60%。森林覆盖率达到23.04%，单位国内生产总值能耗下降15%，"
            "实现城镇新增就业5000万人以上。\n三、2016年重点工作\n国内生产总值增长6.5%—7%。\n")
    df = indicators_table(report_from_text(text, year=2016))
    got = {(r.indicator, r.period, r.kind): (r.value, r.growth_pct) for r in df.itertuples()}
    assert got[("urbanization_rate", 2020, "target")][0] == 60
    assert got[("forest_coverage", 2020, "target")][0] == 23.04
    assert got[("energy_intensity", 2020, "target")][1] == -15
    assert ("forest_coverage", 2015, "actual") not in got  # achievements of the past five years
    assert "new_urban_employment" not in set(df["indicator"])  # a five-year total


def test_a_list_of_two_levels_and_rates_after_two_names():
    """Was: 28100元和16042元 made the first a "modifier" of the second, and "实际增长8.4%和8%"
    after two names gave the rural figure the urban rate."""
    df = review("城乡居民人均可支配收入28100元和16042元,分别增长9%、8.82%。")
    assert (row(df, "urban_disposable_income").value, row(df, "urban_disposable_income").growth_pct) == (28100, 9)
    assert (row(df, "rural_disposable_income").value, row(df, "rural_disposable_income").growth_pct) == (16042, 8.82)
    df = review("城镇居民人均可支配收入15781元，农村居民人均纯收入4761元，实际增长8.4%和8%。", year=2008)
    assert (row(df, "urban_disposable_income").growth_pct, row(df, "urban_disposable_income").basis) == (8.4, "实际")
    assert (row(df, "rural_net_income").value, row(df, "rural_net_income").growth_pct) == (4761, 8)
    df = review("地区生产总值增长8.4%和8%。")
    assert nan(row(df, "gdp").growth_pct) if "gdp" in set(df["indicator"]) else True


def test_numbers_of_a_quoted_speech_are_the_reports():
    """A news report quoting the report: “2017年，全县实现生产总值255亿元，…” (the quote is no
    name like “十四五”)."""
    text = ("昨日，县人民代表大会开幕。县长作政府工作报告。\n"
            "“2017年，全县实现生产总值255亿元，按可比价计算增长8.5%；财政总收入30.9亿元……”\n")
    df = indicators_table(report_from_text(text, year=2018))
    g = row(df, "gdp")
    assert (g.period, g.value, g.growth_pct, g.basis) == (2017, 255, 8.5, "可比")
    assert row(df, "fiscal_total_revenue").value == 30.9


@pytest.mark.parametrize("body, want", [
    ("金融机构存、贷款余额分别为138.87亿元、118.21亿元。",
     {"deposits": (138.87, None), "loans": (118.21, None)}),
    ("城镇和农村居民人均可支配收入分别达到23126元、11353元,分别增长8.5%和10.7%。",
     {"urban_disposable_income": (23126, 8.5), "rural_disposable_income": (11353, 10.7)}),
    ("一般公共预算收入和支出分别达4.78亿元、20.2亿元,分别增长6.9%、0.8%。",
     {"general_budget_revenue": (4.78, 6.9), "general_budget_expenditure": (20.2, 0.8)}),
])
def test_fenbie_lists_whose_members_share_the_name(body, want):
    df = review(body)
    for key, (value, growth) in want.items():
        r = row(df, key)
        assert r.value == value and (nan(r.growth_pct) if growth is None else r.growth_pct == growth)


def test_fenbie_rates_after_names_joined_in_one_clause():
    df = plan("财政总收入和地方财政收入分别增长10.6%和12.3%左右,城乡居民收入分别增长11%和13%左右。", year=2015)
    assert row(df, "fiscal_total_revenue").growth_pct == 10.6
    g = row(df, "general_budget_revenue")
    assert (g.growth_pct, g.qualifier) == (12.3, "左右")


def test_price_index_negative_growth_permille_and_national_names():
    df = review("居民消费价格指数为102.5；出口总额同比负增长3.2%；人口自然增长率控制在7.2‰以内。")
    assert row(df, "cpi").growth_pct == 2.5
    assert row(df, "exports").growth_pct == -3.2
    p = row(df, "natural_population_growth")
    assert (p.value, p.unit, p.value_qualifier) == (7.2, "‰", "以内")
    df = plan("城镇登记失业率、人口自然增长率分别控制在4.2%、2.5‰以内。")
    assert row(df, "registered_unemployment_rate").value == 4.2
    assert (row(df, "natural_population_growth").value, row(df, "natural_population_growth").unit) == (2.5, "‰")
    text = ("国务院总理 政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n"
            "一、2018年工作回顾\n国内生产总值增长6.6%。\n")
    g = row(indicators_table(report_from_text(text, year=2019)), "gdp")
    assert (g.name_zh, g.name_en) == ("国内生产总值", "Gross domestic product")
    assert row(review("地区生产总值增长6.6%。"), "gdp").name_zh == "地区生产总值"


def test_growth_against_a_base_year_more_than_one_year_back_is_left_out_not_filed():
    """national_2006 gave two gdp rows on one key (report_id, indicator, period, kind, start):
    增长57.3% (against 2000, five years' growth) filed as 2005's growth beside the 年均 9.5%.
    Growth against a base more than one year back is left out; the level and the average stay."""
    df = review("2022年与2017年相比，全县地区生产总值300亿元，增长30.5%，年均增长5.5%。")
    gdp = df[df["indicator"] == "gdp"]
    assert not gdp.duplicated(["indicator", "period", "kind", "start"]).any()
    assert 30.5 not in set(gdp["growth_pct"])
    assert set(gdp["growth_pct"].dropna()) <= {5.5}
    assert 300 in set(gdp["value"])
    # a base of comparison one year back is the ordinary yearly growth
    one = review("2022年与2021年相比，全县地区生产总值300亿元，增长6.5%。")
    assert row(one, "gdp").growth_pct == 6.5


def test_older_county_names_of_budget_revenue_exports_trade_and_sown_area():
    df = review("全县财政总收入5.6亿元，增长12%，其中地方收入2.4亿元，增长15.5%；出口创汇860万美元，"
                "增长20%；粮食播面42万亩。")
    r = row(df, "general_budget_revenue")
    assert (r.value, r.unit, r.growth_pct) == (2.4, "亿元", 15.5)
    r = row(df, "exports")
    assert (r.value, r.unit, r.growth_pct) == (860, "万美元", 20)
    r = row(df, "grain_area")
    assert (r.value, r.unit) == (42, "万亩")
    df = plan("力争全年进出口增长6%以上，地方级财政收入增长9%，出口总值增长5%。")
    r = row(df, "foreign_trade")
    assert (r.growth_pct, r.qualifier, r.modifier, r.kind) == (6, "以上", "力争", "target")
    assert row(df, "general_budget_revenue").growth_pct == 9
    assert row(df, "exports").growth_pct == 5


def test_a_short_note_in_brackets_after_the_name_stands_between_name_and_number():
    df = review("实际使用外资（验资）3200万美元，增长18%；财政收入(不含基金)6.5亿元，增长9%。")
    r = row(df, "fdi_actual")
    assert (r.value, r.unit, r.growth_pct) == (3200, "万美元", 18)
    r = row(df, "fiscal_revenue")
    assert (r.value, r.unit, r.growth_pct) == (6.5, "亿元", 9)


def test_a_milestone_passed_is_no_value_and_the_value_after_it_is():
    df = review("全县地区生产总值突破五百亿元，达到512.3亿元，增长6%；"
                "社会消费品零售总额增长5.5%，首次迈上百亿元台阶，达103.2亿元。")
    r = row(df, "gdp")
    assert (r.value, r.unit, r.growth_pct, r.value_qualifier) == (512.3, "亿元", 6, "")
    r = row(df, "retail_sales")
    assert (r.value, r.unit, r.growth_pct) == (103.2, "亿元", 5.5)


def test_a_mark_passed_with_no_value_after_it_stays_the_value_with_its_qualifier():
    r = row(review("地区生产总值突破300亿元，增长7%。"), "gdp")
    assert (r.value, r.value_qualifier, r.growth_pct) == (300, "突破", 7)


def test_a_qualifier_after_the_last_number_of_a_list_holds_for_every_member():
    df = plan("财政总收入和一般公共预算收入分别增长7.5%和8%左右，城镇和农村居民人均可支配收入分别增长6%、7%以上。")
    assert (row(df, "fiscal_total_revenue").growth_pct, row(df, "fiscal_total_revenue").qualifier) == (7.5, "左右")
    assert (row(df, "general_budget_revenue").growth_pct, row(df, "general_budget_revenue").qualifier) == (8, "左右")
    assert (row(df, "urban_disposable_income").growth_pct, row(df, "urban_disposable_income").qualifier) == (6, "以上")
    assert row(df, "rural_disposable_income").qualifier == "以上"


def test_a_qualifier_of_another_clause_is_not_shared():
    df = plan("地区生产总值增长6.5%，财政总收入增长9%左右。")
    assert (row(df, "gdp").growth_pct, row(df, "gdp").qualifier) == (6.5, "")


def test_a_second_statement_on_another_basis_is_a_row_of_its_own():
    df = review("一般公共预算收入8.2亿元，自然口径增长1.5%，同口径完成8.6亿元，增长6.4%。")
    hits = df[df["indicator"] == "general_budget_revenue"].sort_values("value")
    assert list(zip(hits.value, hits.growth_pct, hits.basis)) == [(8.2, 1.5, "自然口径"), (8.6, 6.4, "同口径")]


def test_a_basis_written_before_the_first_rate_is_one_statement():
    df = review("地区生产总值210亿元，按可比价格计算增长5.6%。")
    r = row(df, "gdp")
    assert (r.value, r.growth_pct, r.basis) == (210, 5.6, "可比")


def test_a_clause_comparing_with_the_old_target_is_an_aside_and_the_name_goes_on_after_it():
    df = review("过去五年，我们砥砺奋进。2024年财政收入6.1亿元，增长12.5%，高于年初人代会10%的目标2.5个百分点，"
                "年均增长11%。", year=2024)
    hits = df[df["indicator"] == "fiscal_revenue"].sort_values("average_annual")
    assert list(zip(hits.period, hits.value.fillna(0), hits.growth_pct, hits.average_annual)) == [
        (2024, 6.1, 12.5, False), (2024, 0, 11, True)]
    assert hits.period_start.iloc[1] == 2020 and hits.change_pp.isna().all()


def test_broad_money_target_written_as_a_growth_target():
    df = plan("今年广义货币M2增长目标为15%左右，新增贷款6万亿元左右。")
    m = row(df, "m2")
    assert (m.growth_pct, m.qualifier, m.kind) == (15, "左右", "target")


def test_poverty_reduction_written_with_a_scale_keeps_its_qualifier():
    r = row(plan("今年再减少农村贫困人口800万以上。"), "rural_poverty_reduction")
    assert (r.value, r.unit, r.value_qualifier) == (800, "万人", "以上")


def test_central_deficit_yields_to_the_whole_deficit_and_stands_alone_otherwise():
    df = plan("今年拟安排财政赤字8000亿元，其中中央财政赤字6000亿元，代发地方债2000亿元。")
    assert row(df, "fiscal_deficit").value == 8000
    df = plan("今年中央财政赤字拟安排1500亿元，比上年减少300亿元。")
    assert row(df, "fiscal_deficit").value == 1500


def test_one_rate_after_a_list_of_names_with_jun_is_each_names():
    r = row(plan("全社会固定资产投资、民间投资、工业投资均增长10%以上。"), "fixed_asset_investment")
    assert (r.growth_pct, r.qualifier, r.kind) == (10, "以上", "target")


def test_jun_after_a_list_whose_other_names_are_indicators_gives_no_guess_for_them():
    df = plan("规上工业增加值和社会消费品零售总额均增长8%。")
    assert row(df, "retail_sales").growth_pct == 8
    assert (df["indicator"] == "industrial_value_added").sum() == 0


def test_in_a_news_summary_a_paragraph_opened_by_its_main_targets_holds_targets_past_a_full_stop():
    text = ("某市召开人民代表大会。\n今年全市经济社会发展的主要预期目标是：地区生产总值增长8%；"
            "财政总收入增长10%。城镇居民人均可支配收入实际增长7%，农民人均纯收入实际增长7.5%。\n")
    df = indicators_table(report_from_text(text, year=2012))
    for key, growth in [("gdp", 8), ("urban_disposable_income", 7), ("rural_net_income", 7.5)]:
        r = row(df, key)
        assert (r.period, r.kind, r.growth_pct) == (2012, "target", growth)
    assert row(df, "rural_net_income").basis == "实际"


def test_in_a_news_summary_main_targets_reviewed_as_met_open_no_targets():
    text = "某市召开人民代表大会。\n去年主要预期目标全面完成。地区生产总值增长9%。\n"
    df = indicators_table(report_from_text(text, year=2012))
    assert (df["kind"] == "target").sum() == 0


def test_fenbie_rates_whose_separators_were_lost_go_to_the_members_in_order():
    r = row(review("一、二、三产增加值分别增长2.8%6.3%7.1%。"), "tertiary_value_added")
    assert r.growth_pct == 7.1


def test_huiluo_is_a_fall():
    assert row(review("社会消费品零售总额回落2.1%。"), "retail_sales").growth_pct == -2.1


def test_traditional_text_with_pinyin_debris_inside_the_name():
    r = row(review("全縣實現(xiàn)地區(qū)生產(chǎn)總值88.6億元,增長(zhǎng)7.2%。"), "gdp")
    assert (r.value, r.unit, r.growth_pct) == (88.6, "亿元", 7.2)


def test_nominal_then_real_growth_of_one_name_are_two_rows_with_their_basis():
    df = review("城镇居民人均可支配收入32500元，名义增长6.2%，实际增长4.1%。")
    hits = df[df["indicator"] == "urban_disposable_income"].sort_values("growth_pct")
    assert list(zip(hits.growth_pct, hits.basis)) == [(4.1, "实际"), (6.2, "名义")]
    assert hits.value.iloc[1] == 32500 and nan(hits.value.iloc[0])


def test_targets_as_bullets_keep_their_modifier():
    df = plan("●地区生产总值增长6%左右；●确保城镇登记失业率控制在4.5%以内。")
    assert (row(df, "gdp").growth_pct, row(df, "gdp").qualifier, row(df, "gdp").kind) == (6, "左右", "target")
    r = row(df, "registered_unemployment_rate")
    assert (r.value, r.value_qualifier, r.modifier, r.kind) == (4.5, "以内", "确保", "target")


def test_per_capita_gdp_is_not_gdp():
    df = review("人均地区生产总值达到35000元，人均GDP增长6%。")
    assert (df["indicator"] == "gdp").sum() == 0


def test_cpi_as_an_index_keeps_the_qualifier_written_after_it():
    r = row(plan("居民消费价格指数控制在103以内。"), "cpi")
    assert (r.growth_pct, r.qualifier) == (3, "以内")


def test_an_amount_after_a_growth_word_is_the_increase_not_the_level():
    df = review("城镇居民人均可支配收入增加2100元，存款余额净增30亿元，财政收入比上年减少1.2亿元。")
    assert len(df) == 0
    r = row(review("农民人均纯收入增加到5200元。"), "rural_net_income")
    assert (r.value, r.unit) == (5200, "元")


def test_an_indicator_named_as_a_change_keeps_its_amount():
    df = review("新增贷款25亿元，农村贫困人口减少2.1万人。")
    assert row(df, "new_loans").value == 25
    assert row(df, "rural_poverty_reduction").value == 2.1


def test_a_figure_of_part_of_the_year_is_not_the_years():
    df = review("1—11月，规上工业增加值增长7.6%；前三季度地区生产总值完成150亿元，增长5.1%；"
                "截至11月底，金融机构存款余额达到320亿元。")
    assert len(df) == 0


def test_the_full_year_after_a_part_of_it_is_the_years_figure_again():
    df = review("1—11月规上工业增加值增长8%；全年地区生产总值预计增长6%。")
    r = row(df, "gdp")
    assert (r.growth_pct, r.period, r.estimated) == (6, 2022, True)
    assert (df["indicator"] == "industrial_value_added").sum() == 0


def test_a_list_of_rates_in_percent_and_permille_shares_the_ceiling_written_after_it():
    df = plan("城镇登记失业率、居民消费价格涨幅和人口自然增长率分别控制在4%、3%、6‰以内。")
    r = row(df, "registered_unemployment_rate")
    assert (r.value, r.unit, r.value_qualifier) == (4, "%", "以内")
    r = row(df, "cpi")
    assert (r.growth_pct, r.qualifier, r.basis) == (3, "以内", "")  # 人口自然… is no 自然口径
    r = row(df, "natural_population_growth")
    assert (r.value, r.unit, r.value_qualifier) == (6, "‰", "以内")


def five_year_review(body: str, year: int = 2018) -> pd.DataFrame:
    """Indicators of a report whose first part reviews the five years before ``year``."""
    text = f"各位代表：\n一、过去五年工作回顾\n{body}\n二、{year}年目标任务\n今年要继续努力。"
    return indicators_table(report_from_text(text, year=year))


def test_level_reached_in_a_five_year_review_is_the_review_years():
    df = five_year_review("——经济实力明显增强。税收收入增加到15.2万亿元。森林覆盖率达到23%。")
    t = row(df, "tax_revenue")
    assert (t.value, t.unit, t.period, t.kind, t.average_annual) == (15.2, "万亿元", 2017, "actual", False)
    assert (row(df, "forest_coverage").value, row(df, "forest_coverage").period) == (23, 2017)
    # a yearly flow reached over five years is no one year's figure
    assert five_year_review("城镇新增就业达到6500万人。").query("indicator == 'new_urban_employment'").empty


def test_level_with_an_average_in_a_five_year_review_goes_on_the_average_row():
    df = five_year_review("——经济实力明显增强。国内生产总值增加到90万亿元，年均增长7%。")
    g = row(df, "gdp")
    assert (g.value, g.growth_pct, g.average_annual, g.period_start, g.period) == (90, 7, True, 2013, 2017)


def test_end_of_a_change_with_its_year_written_before_it():
    df = five_year_review("农村居民人均纯收入由2012年8000元增加到2017年13000元。")
    r = row(df, "rural_net_income")
    assert (r.value, r.period, r.kind) == (13000, 2017, "actual")


def test_level_stated_as_a_yearly_average_is_an_average_row():
    df = five_year_review("平均每年城镇新增就业1200多万人。")
    r = row(df, "new_urban_employment")
    assert (r.value, r.unit, r.value_qualifier, r.average_annual, r.period_start, r.period) == \
        (1200, "万人", "多", True, 2013, 2017)
    r = row(five_year_review("城镇新增就业年均1300万人。"), "new_urban_employment")
    assert (r.value, r.average_annual) == (1300, True)


def test_average_from_the_base_year_of_a_comparison():
    df = five_year_review("2017年，国内生产总值达到80万亿元，比2012年增长40%，年均增长7.1%。")
    avg = df[(df.indicator == "gdp") & df.average_annual]
    assert list(zip(avg.growth_pct, avg.period_start, avg.period)) == [(7.1, 2013, 2017)]


def test_the_past_year_named_in_a_paragraph_of_a_five_year_review():
    df = five_year_review("刚刚过去的2017年，主要目标全面完成。国内生产总值增长6.8%，城镇新增就业1300万人。")
    assert (row(df, "gdp").growth_pct, row(df, "gdp").period) == (6.8, 2017)
    # but not when the paragraph adds up several years
    df = five_year_review("2017年各项工作成效明显。五年累计，单位国内生产总值能耗下降18%。")
    assert df.query("indicator == 'energy_intensity'").empty


def test_average_rates_of_a_fenbie_list_after_two_names():
    df = five_year_review("城镇居民人均可支配收入和农村居民人均纯收入年均分别实际增长8.1%和9.2%。")
    u, r = row(df, "urban_disposable_income"), row(df, "rural_net_income")
    assert (u.growth_pct, u.average_annual, u.period_start, u.basis) == (8.1, True, 2013, "实际")
    assert (r.growth_pct, r.average_annual, r.period) == (9.2, True, 2017)


def test_a_level_over_the_span_yields_to_the_years_own_statement():
    body = ("财政收入从10万亿元增加到16万亿元。\n"
            "刚刚过去的2017年，主要目标全面完成。财政收入增长7%。")
    f = row(five_year_review(body), "fiscal_revenue")
    assert (f.growth_pct, f.period) == (7, 2017) and nan(f.value)
    f = row(five_year_review("财政收入从10万亿元增加到16万亿元。"), "fiscal_revenue")
    assert (f.value, f.period, f.kind) == (16, 2017, "actual")


def test_a_long_second_name_elided_in_a_fenbie_list_of_plan_goals():
    text = ("各位代表：\n一、2020年工作回顾\n去年工作扎实。\n二、“十四五”时期主要目标任务\n"
            "单位国内生产总值能耗和二氧化碳排放分别降低12%、16%。")
    df = indicators_table(report_from_text(text, year=2021))
    e, c = row(df, "energy_intensity"), row(df, "carbon_intensity")
    assert (e.growth_pct, e.period, e.kind) == (-12, 2025, "target")
    assert (c.growth_pct, c.period) == (-16, 2025)


def test_air_quality_over_prefecture_level_cities_is_the_headline():
    df = review("地级及以上城市细颗粒物（PM2.5）平均浓度下降4.1%，空气质量优良天数比例达85.3%。")
    assert row(df, "pm25").growth_pct == -4.1
    assert row(df, "good_air_days").value == 85.3


def test_deficit_ratio_as_a_share_of_gdp_after_the_deficit_and_from_last_year():
    df = plan("全国财政赤字合计8000亿元，占国内生产总值比重在2.5%以内。")
    r = row(df, "deficit_ratio")
    assert (r.value, r.unit, r.value_qualifier, r.kind) == (2.5, "%", "以内", "target")
    assert df.query("indicator == 'gdp'").empty
    r = row(plan("今年赤字率从去年的2.6%提高到2.9%。"), "deficit_ratio")
    assert (r.value, r.period, r.kind) == (2.9, 2025, "target")
    r = row(five_year_review("财政赤字占国内生产总值的比重从2012年的2.5%降到去年的1.8%左右。"), "deficit_ratio")
    assert (r.value, r.value_qualifier, r.period, r.kind) == (1.8, "左右", 2017, "actual")


def test_average_after_a_level_in_a_review_of_the_past_year_and_five_years():
    text = ("各位代表：\n一、过去一年和五年工作回顾\n——经济实力跃上新台阶。国内生产总值增加到100万亿元，"
            "五年年均增长6%。\n二、2023年政府工作建议\n今年要继续努力。")
    g = row(indicators_table(report_from_text(text, year=2023)), "gdp")
    assert (g.value, g.growth_pct, g.average_annual, g.period_start, g.period) == (100, 6, True, 2018, 2022)


def five_year_plan(body: str, year: int = 2021) -> pd.DataFrame:
    text = (f"各位代表：\n一、{year - 1}年工作回顾\n去年工作扎实。\n"
            f"二、“十三五”时期发展成就和“十四五”时期主要目标任务\n{body}\n三、{year}年重点工作\n今年要继续努力。")
    return indicators_table(report_from_text(text, year=year))


def test_target_words_in_a_five_year_plan_part_name_the_plans_goals():
    df = five_year_plan("各年度视情提出经济增长预期目标，城镇调查失业率控制在5.8%以内。")
    r = row(df, "surveyed_unemployment_rate")
    assert (r.value, r.value_qualifier, r.period, r.kind) == (5.8, "以内", 2025, "target")


def test_an_average_over_the_next_five_years():
    df = five_year_plan("《纲要草案》提出，今后五年国内生产总值年均增长6%。")
    g = row(df, "gdp")
    assert (g.growth_pct, g.average_annual, g.period_start, g.period, g.kind) == (6, True, 2021, 2025, "target")


def test_jun_gives_the_rate_to_each_member_of_a_list():
    r = row(plan("广义货币M2和社会融资规模余额预期增长均为11%左右。"), "m2")
    assert (r.growth_pct, r.qualifier) == (11, "左右")
    r = row(plan("固定资产投资、工业投资和民间投资均增长9%左右。"), "fixed_asset_investment")
    assert r.growth_pct == 9


def test_poverty_reduction_compared_with_the_year_before():
    r = row(review("农村贫困人口比上年减少320万。"), "rural_poverty_reduction")
    assert (r.value, r.unit, r.period) == (320, "万人", 2022)


def test_a_level_at_constant_prices_has_basis_comparable():
    df = five_year_plan("按2020年价格计算，2025年国内生产总值将超过130万亿元。")
    g = row(df, "gdp")
    assert (g.value, g.value_qualifier, g.basis, g.period, g.kind) == (130, "超过", "可比", 2025, "target")
    assert row(review("地区生产总值达到88亿元。"), "gdp").basis == ""


def test_economic_growth_target_is_gdp_growth():
    g = row(plan("今年经济增长预期目标为6%左右。"), "gdp")
    assert (g.growth_pct, g.qualifier, g.kind) == (6, "左右", "target")
    assert plan("消费对经济增长的贡献率达到60%。").query("indicator == 'gdp'").empty


def test_a_level_first_reached():
    r = row(review("粮食产量首次跃上1.3万亿斤。"), "grain_output")
    assert (r.value, r.unit) == (1.3, "万亿斤")


def test_a_goal_inside_a_review_of_several_years_is_no_level_reached():
    df = five_year_review("五年来经济实力明显增强。“十四五”末地区生产总值达到500亿元，力争一般公共预算收入达到30亿元。")
    assert df.query("indicator in ('gdp', 'general_budget_revenue') and kind == 'actual'").empty


def test_economy_growing_on_average_over_a_plan_period():
    df = five_year_plan("到2025年人均收入比2020年增长三成，“十四五”时期经济年均增长保持在5%以上。")
    g = row(df, "gdp")
    assert (g.growth_pct, g.qualifier, g.average_annual, g.period_start, g.period) == (5, "以上", True, 2021, 2025)


def test_growth_over_a_base_year_in_chinese_numerals_is_no_years_growth():
    df = plan("到2030年，进出口总额将达到900亿元，比二〇二五年增长百分之五十。", year=2026)
    r = df[df.indicator == "foreign_trade"]
    assert r.growth_pct.isna().all()


def test_an_earlier_year_in_a_five_year_review_paragraph_names_no_period():
    df = five_year_review("2013年以后，我们加快转型。2014年启动改革。五年内环境改善，森林覆盖率提高到22%。")
    r = row(df, "forest_coverage")
    assert (r.value, r.period) == (22, 2017)  # the span's end, not 2014


def test_a_level_reached_in_a_year_written_before_it_is_that_years_in_any_part():
    r = row(plan("全县地区生产总值从2019年的200亿元增加到2024年的300亿元。"), "gdp")
    assert (r.value, r.period, r.kind) == (300, 2024, "actual")


def test_a_modifier_between_the_name_and_its_number():
    df = plan("今年全县地区生产总值力争达到320亿元，增长6%左右；规上工业增加值确保增长8%。")
    r = row(df, "gdp")
    assert (r.value, r.growth_pct, r.qualifier, r.modifier, r.kind) == (320, 6, "左右", "力争", "target")
    r = row(df, "industrial_value_added")
    assert (r.growth_pct, r.modifier) == (8, "确保")


def test_who_sets_the_target_may_stand_before_its_name():
    """中央提出 / 我们提出 before 今年…预期目标 names who sets it: the headline target; 中央 alone
    before a name (中央财政收入) is still a share, not the headline."""
    text = "二、2010年工作安排\n我们提出今年地区生产总值预期增长目标为8%左右。\n中央财政收入增长9%。\n"
    rows = indicators_table(report_from_text(text, year=2010))
    assert rows[["indicator", "period", "kind", "growth_pct", "qualifier"]].values.tolist() == [
        ["gdp", 2010, "target", 8.0, "左右"]]
