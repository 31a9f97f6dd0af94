"""The structure table of the real 2024 report, the news summary, and year inference."""
from __future__ import annotations

import pytest

from juye_analysis.read.structure import SENTENCE_COLUMNS, sentences_table, structure_summary
from juye_analysis.read.report import cn_ordinal, infer_county, infer_years, read_report, report_from_text
from juye_analysis.errors import UserError

from .conftest import SUMMARY_2025


def test_columns_and_keys(sentences_2024):
    assert list(sentences_2024.columns) == SENTENCE_COLUMNS
    assert not sentences_2024.duplicated(["report_id", "sentence_no"]).any()
    assert sentences_2024["sentence_no"].tolist() == list(range(1, len(sentences_2024) + 1))


def test_text_and_offsets_agree(report_2024, sentences_2024):
    for row in sentences_2024.itertuples():
        assert report_2024.text[row.start:row.end] == row.text


def test_three_parts_with_their_roles(sentences_2024):
    parts = sentences_2024[sentences_2024["part_no"] > 0].drop_duplicates("part_no")
    assert parts["part"].tolist() == ["2023年工作回顾", "2024年目标任务和重点工作", "加强政府自身建设"]
    assert parts["part_role"].tolist() == ["review", "plan", "self_building"]


def test_sections(sentences_2024):
    n = sentences_2024[sentences_2024["section_no"] > 0].groupby("part_no")["section_no"].nunique()
    assert n.to_dict() == {1: 7, 2: 6, 3: 4}  # part 一: the seven "这一年，我们…" paragraphs
    s = sentences_2024.drop_duplicates(["part_no", "section_no"]).set_index(["part_no", "section_no"])
    assert s.loc[(2, 1), "section"] == "聚焦固根本、强动能，铸造发展强力引擎"
    assert s.loc[(3, 4), "section"] == "坚持把依法行政推向纵深"
    assert s.loc[(1, 1), "section"].startswith("这一年，我们聚焦发展")


def test_ten_livelihood_projects(sentences_2024):
    items = sentences_2024[sentences_2024["parent_item"] == "四是"]
    assert items["item_no"].tolist() == list(range(1, 11))
    assert set(items["section_no"]) == {6} and set(items["part_no"]) == {2}
    assert items["text"].iloc[-1].startswith("10.新建、改造提升高标准农田5万亩以上")


def test_items_within_sections(sentences_2024):
    s = sentences_2024
    row = s[s["text"].str.startswith("三是城市开发有序实施")].iloc[0]  # was inside **bold**
    assert (row.part_no, row.section_no, row["item"]) == (1, 5, "三是")
    follow = s[s["text"].str.startswith("规划设计麒麟城")].iloc[0]
    assert follow["item"] == "三是"
    targets = s[s["text"].str.startswith("今年经济社会发展的主要预期目标是")].iloc[0]
    assert (targets.part_no, targets.section_no, targets["item"]) == (2, 0, "")


def test_summary_without_structure_is_a_valid_table():
    report = read_report(SUMMARY_2025)
    s = sentences_table(report)
    assert set(s["part_no"]) == {1} and set(s["section_no"]) == {0}
    assert (report.report_year, report.review_year, report.meta["county"]) == (2025, 2024, "巨野县")
    assert s["text"].str.contains("预计实现地区生产总值478亿元").any()


def test_year_inference():
    assert infer_years("一、2023年工作回顾\n二、2024年目标任务和重点工作") == (2024, 2023)
    assert infer_years("报告回顾了2024年的工作。") == (2025, 2024)
    assert infer_years("今年经济社会发展的主要预期目标是") == (None, None)
    assert infer_years("一、2023年工作回顾\n二、2026年工作安排") == (None, None)  # contradiction


def test_a_year_that_cannot_be_inferred_asks_for_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n今年我们要继续努力。\n", encoding="utf-8")
    with pytest.raises(UserError, match="--year"):
        read_report(path)
    assert read_report(path, year=2026).report_year == 2026


def test_county_inference():
    assert infer_county("山东巨野县第十九届人民代表大会第四次会议开幕") == "巨野县"
    assert infer_county("郓城县第十九届人民代表大会第三次会议") == "郓城县"
    assert infer_county("没有县名的文字") is None


def test_cn_ordinal():
    assert [cn_ordinal(s) for s in ["一", "十", "十二", "二十", "二十三"]] == [1, 10, 12, 20, 23]


def test_structure_summary_shares_add_up(sentences_2024):
    summary = structure_summary(sentences_2024)
    assert summary["share_chars"].sum() == pytest.approx(1)
    assert summary["n_sentences"].sum() == len(sentences_2024)


def test_other_phrasings_of_structure():
    text = ("各位代表：\n一、过去一年工作回顾\n过去一年，我们稳住了经济。一是工业增长。\n"
            "二、2026年工作安排\n（一）抓项目。一是招商。二是建设。\n(二) 抓民生。\n1. 新建学校2处。\n")
    s = sentences_table(report_from_text(text, year=2026))
    # a 工作安排 part whose text states no targets is the year's tasks (with targets it is plan:
    # tests/test_structure_gold.py)
    assert s.groupby("part_no")["part_role"].first().to_dict() == {0: "preamble", 1: "review", 2: "tasks"}
    assert s[s["part_no"] == 2]["section_no"].max() == 2
    assert s.iloc[-1]["text"] == "1.新建学校2处。"
