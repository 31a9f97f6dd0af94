"""Numbers in Chinese text: hand-checked cases, names that are not quantities, ranges, units and
scales, and a property test (a number written in any unit and scale parses back to its value)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juye_analysis import report_from_text
from juye_analysis.numbers.table import QUANTITY_COLUMNS, quantities_table
from juye_analysis.numbers.numerals import parse_chinese
from juye_analysis.numbers.scanner import parse_quantities
from juye_analysis.numbers.units import scales, units


def one(text: str) -> dict:
    rows = [r for r in parse_quantities(text) if r["kind"] not in ("year", "date")]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("text, number, unit, scale, value, kind", [
    ("实现地区生产总值447.6亿元。", 447.6, "元", "亿", 447.6e8, "level"),
    ("完成1,234.5亿元。", 1234.5, "元", "亿", 1234.5e8, "level"),
    ("新建高标准农田5.1万亩。", 5.1, "亩", "万", 51_000, "level"),
    ("总产13.5亿斤。", 13.5, "斤", "亿", 13.5e8, "level"),
    ("城镇新增就业7127人。", 7127, "人", "", 7127, "count"),
    ("新增各类市场主体1.5万户。", 1.5, "户", "万", 15_000, "count"),
    ("铺设供热管网35.2公里。", 35.2, "公里", "", 35.2, "level"),
    ("新建线路3千米。", 3, "千米", "", 3, "level"),
    ("提高2个百分点。", 2, "个百分点", "", 2, "pct_point"),
    ("农村集中供水率达99%。", 99, "%", "", 99, "share_pct"),
    ("开展志愿服务6.5万余场。", 6.5, "场", "万", 65_000, "count"),
    ("投资3000余万元。", 3000, "元", "万", 3e7, "level"),
    ("两次工业重点项目现场推进会。", 2, "次", "", 2, "count"),
    ("建成十二个服务站。", 12, "个", "", 12, "count"),
    ("培训三千余人。", 3000, "人", "", 3000, "count"),
    ("流转土地一千亩。", 1000, "亩", "", 1000, "level"),
    ("带动两万人就业。", 2, "人", "万", 20_000, "count"),
    ("覆盖率达到百分之九十五。", 95, "%", "", 95, "share_pct"),
])
def test_hand_checked(text, number, unit, scale, value, kind):
    r = one(text)
    assert math.isclose(r["number"], number)
    assert (r["unit"], r["scale"], r["kind"]) == (unit, scale, kind)
    assert math.isclose(r["value"], value)


@pytest.mark.parametrize("text, direction, kind", [
    ("地区生产总值增长6.9%。", 1, "growth_pct"),
    ("比上年增长12.4%。", 1, "growth_pct"),
    ("金融机构存贷款余额分别增长9.6%、4.7%。", 1, "growth_pct"),
    ("居民消费价格涨幅控制在3.5%左右。", 1, "growth_pct"),
    ("单位能耗下降3%。", -1, "growth_pct"),
    ("审批时限再压缩50%以上。", -1, "growth_pct"),
    ("工业增加值增长-2.3%。", -1, "growth_pct"),
    ("研发投入强度提高0.3个百分点。", 1, "pct_point"),
    ("城镇化率提高到57%。", None, "share_pct"),
])
def test_growth_and_direction(text, direction, kind):
    rows = parse_quantities(text)
    assert all(r["kind"] == kind for r in rows)
    assert all((r["direction"] or None) == direction for r in rows)


def test_negative_growth_keeps_its_sign():
    assert one("工业增加值增长-2.3%。")["number"] == -2.3


@pytest.mark.parametrize("text", ["每个镇街打造2-3处幼儿园。", "每个镇街打造2—3处幼儿园。",
                                  "每个镇街打造2至3处幼儿园。", "每个镇街打造2~3处幼儿园。"])
def test_ranges(text):
    r = one(text)
    assert (r["range_low"], r["range_high"], r["unit"], r["kind"]) == (2, 3, "处", "count")
    assert math.isnan(r["number"]) and math.isnan(r["value"])
    assert "range" in r["qualifier"]


def test_percent_range():
    r = one("增长5%-6%。")
    assert (r["range_low"], r["range_high"], r["unit"], r["kind"]) == (5, 6, "%", "growth_pct")


@pytest.mark.parametrize("text, qualifier", [
    ("地区生产总值增长6%左右。", "左右"), ("落地过亿元项目60个以上。", "以上"),
    ("城镇登记失业率控制在3.4%以内。", "以内"), ("每个镇街新提升不低于5个村。", "不低于"),
    ("营业收入超过100亿元。", "超过"), ("引进人才近200人。", "近"), ("投资约5亿元。", "约"),
    ("培训200多人。", "多"), ("失业率控制在4%。", "控制在"),
])
def test_qualifiers(text, qualifier):
    assert one(text)["qualifier"] == qualifier


@pytest.mark.parametrize("text", [
    "“十四五”规划", "抓三农", "按照“一二三七”工作思路", "坚决拥护“两个确立”", "增强“四个意识”",
    "坚定“四个自信”", "第一产业增加值", "一是双招双引成效突出", "实行“一企一策”", "构建“六位一体”服务体系",
    "严格落实“四位一体”工作机制", "紧盯世界500强", "第十九届人民代表大会第三次会议", "第三季度",
    "作为发展的第一引擎", "积极推动S327巨野线改建", "创建4A级景区", "围绕十大产业链", "这一年，我们",
    "新的一年", "关键一年", "进一步提升", "全市唯一", "统一部署",
])
def test_names_are_not_quantities(text):
    assert [r for r in parse_quantities(text) if r["kind"] not in ("year", "date")] == []


def test_years_and_dates_are_kept_apart():
    rows = parse_quantities("1月16日上午，回顾了2024年的工作，谋划2025—2027年。")
    assert [(r["text"], r["kind"]) for r in rows] == [
        ("1月16日", "date"), ("2024年", "year"), ("2025—2027年", "year")]


def test_list_marker_is_not_a_quantity():
    rows = parse_quantities("四是办好民生实事。\n10.新建、改造提升高标准农田5万亩以上。")
    assert [r["text"] for r in rows] == ["5万亩以上"]


def test_ranks():
    rows = parse_quantities("总量全市第三，居全市第二位，位居第一名，第三季度。")
    assert [(r["text"], r["number"], r["kind"]) for r in rows] == [
        ("第三", 3, "rank"), ("第二位", 2, "rank"), ("第一名", 1, "rank")]


def test_quoted_and_modifier_flags():
    rows = parse_quantities("落实“20条意见”，建设110千伏变电站1座。")
    assert [(r["text"], r["flag"]) for r in rows] == [
        ("20条", "quoted"), ("110千伏", "modifier"), ("1座", "")]


def test_vague_and_unparsed_spans_stay_with_a_flag():
    rows = parse_quantities("新增数十家企业，版本1.2.3发布。")
    assert [(r["text"], r["parse_ok"], r["flag"]) for r in rows] == [
        ("数十家", False, "vague"), ("1.2.3", False, "unparsed")]


def test_unclear_unit_leaves_fields_empty():
    r = one("完成7大工程。")
    assert (r["number"], r["unit"], r["kind"], r["base_unit"]) == (7, "", "", "")
    assert math.isnan(r["value"])


@pytest.mark.parametrize("s, n", [("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一千", 1000),
                                  ("三千五百", 3500), ("一万二千", 12000), ("三亿五千万", 350_000_000),
                                  ("十二点五", 12.5), ("二〇二三", 2023), ("一百零五", 105)])
def test_parse_chinese(s, n):
    assert parse_chinese(s) == n


def test_parse_chinese_rejects_digit_strings_with_gaps():
    assert parse_chinese("一二三七") == 1237  # digit by digit: only a year reads this way
    assert parse_chinese("三四五六七") == 34567
    assert parse_chinese("万") is None


def test_phrase_is_the_noun_measured():
    rows = parse_quantities("签约过亿元项目137个，对荷投热电联产、半导体芯片等21个在谈项目，积极对接。")
    assert [r["phrase"] for r in rows] == ["签约过亿元项目", "在谈项目"]


def test_table_offsets_and_raw_text():
    text = "一、2023年工作回顾\n新建高标准农田 5.1 万亩，增长 6.9%。"
    report = report_from_text(text, year=2024)
    q = quantities_table(report)
    assert list(q.columns) == QUANTITY_COLUMNS
    row = q[q["kind"] == "level"].iloc[0]
    assert row["raw"] == "5.1 万亩" and row["text"] == "5.1万亩"
    assert report.text[row["start"]:row["end"]] == "5.1万亩"
    assert report.normalized.raw[row["raw_start"]:row["raw_end"]] == "5.1 万亩"


def test_no_numbers_gives_an_empty_table_with_the_columns():
    q = quantities_table(report_from_text("各位代表：我们要继续努力。", year=2024))
    assert q.empty and list(q.columns) == QUANTITY_COLUMNS


# --- property: any number in any supported unit and scale parses back to its value ----------

_UNITS = sorted(u for u in units() if u not in ("%", "‰", "年"))
_SCALES = [""] + sorted(scales())


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9_999_999), st.integers(min_value=0, max_value=3),
       st.sampled_from(_SCALES), st.sampled_from(_UNITS), st.booleans())
def test_any_number_unit_and_scale_round_trips(mantissa, decimals, scale, unit, commas):
    number = mantissa / 10 ** decimals
    written = f"{number:,.{decimals}f}" if commas else f"{number:.{decimals}f}"
    # a scale glued to a unit that itself starts with a scale word would be ambiguous in writing too
    if scale and any((scale + unit).startswith(u) and u != unit for u in units()):
        return
    r = one(f"共完成{written}{scale}{unit}，")
    base, factor, _ = units()[unit]
    expected = number * (scales()[scale] if scale else 1) * factor
    assert math.isclose(r["number"], number, rel_tol=1e-12)
    assert (r["unit"], r["scale"], r["base_unit"]) == (unit, scale, base)
    assert math.isclose(r["value"], expected, rel_tol=1e-9)


@pytest.mark.parametrize("text, expected", [
    ("（1）新建学校3所。", ["3所"]),
    ("1、改造道路5条。", ["5条"]),
    ("增长7 %。", ["7 %"]),
    ("审批时限压缩至3个工作日。", ["3个工作日"]),
])
def test_item_markers_and_spacing(text, expected):
    assert [r["text"] for r in parse_quantities(text)] == expected


def test_base_unit_values_have_no_float_noise():
    from juye_analysis.read.report import report_from_text
    from juye_analysis.read.structure import sentences_table
    from juye_analysis.numbers.table import quantities_table

    report = report_from_text("二、2024年工作安排\n收入35.3亿元，贷款10.2亿元，总额36.7亿元。\n")
    q = quantities_table(report, {"sentences": sentences_table(report)})
    assert q.loc[q["kind"] == "level", "value"].tolist() == [3_530_000_000, 1_020_000_000, 3_670_000_000]


def test_every_unit_conversion_is_the_one_of_numbers_units():
    """Unit conversion was written four times (numbers, indicator definitions, the indicator views,
    target_outcome): all of them are now numbers.units, and agree with the quantities table."""
    from juye_analysis.compare import outcomes
    from juye_analysis.indicators import views
    from juye_analysis.indicators.aliases import indicator_defs
    from juye_analysis.numbers.units import base_unit, convert, to_base, unit_in_base

    assert views.to_base is to_base and outcomes.convert is convert
    for units, base in zip(indicator_defs()["unit"], indicator_defs()["base_unit"]):
        unit = units.split("|")[0]  # an indicator may list several units (亿美元|亿元)
        assert base == (unit_in_base(unit) or (None, ""))[1] == base_unit(unit), unit
    row = one("城镇新增就业0.69万人。")  # the scanner's value in base units is the same conversion
    assert to_base(0.69, "万人") == pytest.approx(row["value"]) and row["base_unit"] == base_unit("万人") == "人"
    assert convert(0.69, "万人", "人") == pytest.approx(6900)
    assert convert(36.7, "亿元", "万元") == pytest.approx(367_000)
    assert convert(3, "公顷", "亩") == pytest.approx(45)
    assert math.isnan(convert(1, "亿元", "万人")) and math.isnan(convert(1, "亿元", "某某"))
    assert math.isnan(to_base(1, "某某")) and base_unit("某某") == ""


def test_a_range_with_a_full_width_dash_keeps_both_ends():
    from juye_analysis.numbers.scanner import parse_quantities

    (r,) = [q for q in parse_quantities("增长5%－5.5%") if q["kind"]]
    assert (r["range_low"], r["range_high"], r["kind"]) == (5, 5.5, "growth_pct")


def test_pinyin_debris_does_not_cut_a_growth_word_from_its_rate():
    from juye_analysis.numbers.clauses import strip_debris
    from juye_analysis.numbers.scanner import parse_quantities

    (r,) = [q for q in parse_quantities("收入同比增长(zhǎng)7.5%") if q["kind"]]
    assert r["kind"] == "growth_pct" and r["number"] == 7.5
    clean, pos = strip_debris("會(huì)議")
    assert clean == "會議" and pos[1] == 6


def test_a_number_with_only_a_scale_keeps_the_qualifier_after_it():
    r = one("全年减少贫困人口800万以上")
    assert (r["number"], r["scale"], r["qualifier"]) == (800, "万", "以上")


def test_a_rate_after_growth_target_wording_stays_a_growth_rate():
    assert one("货币供应量增长目标为11%左右")["kind"] == "growth_pct"
    assert one("货币供应量预期增长目标拟定为12%")["kind"] == "growth_pct"
    assert one("投资增长为12%")["kind"] != "growth_pct"  # 增长为: the level reached


def test_an_average_rate_with_fenbie_or_a_basis_before_the_growth_word():
    assert one("收入年均分别增长6.1%")["kind"] == "avg_growth_pct"
    assert one("收入年均实际增长5.5%")["kind"] == "avg_growth_pct"
    assert one("收入分别实际增长5.5%")["kind"] == "growth_pct"


def test_digits_spelt_one_by_one_give_no_wrong_number():
    rows = [r for r in parse_quantities("收入达到2 0 9 0元，增长5．4 %") if r["parse_ok"]]
    assert not any(r["number"] in (0, 4) and r["unit"] for r in rows), rows
