"""Structure and years on the texts of the corpus gold (tests/gold/corpus/meta_*.csv), read
without --year, and each heading, date and place form the reading must handle.

Texts that need --year: shanghang_2020 (the site masks every year as 20XX). Jurisdictions the
texts do not name with their level (KNOWN_NO_PLACE) must come out empty, never wrong. Part roles
are compared in order; one part holding both targets and tasks (plan) matches the gold's
"targets | tasks" (jinhuakaifaqu_2024: the paper's second subhead is no heading we can tell).
"""
from __future__ import annotations

import pytest

from juye_analysis.cli.main import main
from juye_analysis.errors import UserError
from juye_analysis.read import read_report, report_from_text
from juye_analysis.read.places import infer_jurisdiction
from juye_analysis.read.structure import report_parts, sentences_table
from juye_analysis.read.years import infer_report_years

from .gold_corpus import TEXTS, meta

NEEDS_YEAR = {"shanghang_2020.txt": "the site masks every year as 20XX"}

KNOWN_NO_PLACE = {
    "chunan_2018.txt": "named only in the site's copyright line",
    "jinhuakaifaqu_2024.txt": "not named (今日开发区); from SOURCES",
    "liping_2023.txt": "在县第十八届…; the name only in the body (黎平)",
    "taixing_2010.txt": "only 我市",
    "yifeng_2009.txt": "the name only in the body (宜丰)",
    "zhangzhou_2010.txt": "漳州 without 市 (代市长陈冬)",
}

GOLD = meta()


def _roles(parts: str) -> list[str]:
    return [p.rsplit("=", 1)[1] for p in parts.split(" | ")] if parts else []


# Excerpts cut off inside their first part whose gold lists the parts the news text names
# ("报告分为“2018年工作回顾”和“2019年工作安排”两大部分"): the parts present must be a prefix of them.
CUT_INSIDE_FIRST_PART = {"zhanggong_2019.txt"}


def _same_roles(ours: list[str], gold: list[str]) -> bool:
    """Equal in order, a plan part standing for the gold's targets followed by tasks."""
    if ours == gold:
        return True
    i = j = 0
    while i < len(ours) and j < len(gold):
        if ours[i] == gold[j]:
            i, j = i + 1, j + 1
        elif ours[i] == "plan" and gold[j:j + 2] == ["targets", "tasks"]:
            i, j = i + 1, j + 2
        else:
            return False
    return i == len(ours) and j == len(gold)


def _read(row):
    path = TEXTS / row.group / row.file
    year = int(row.report_year) if row.file in NEEDS_YEAR else None
    return read_report(path, year=year)


def test_meta_gold_years_places_dates_and_parts(capsys):
    rows, failures = [], []
    for row in GOLD.itertuples():
        report = _read(row)
        parts = report_parts(report)
        got = {"report_year": str(report.report_year), "review_year": str(report.review_year),
               "session_date": report.meta["session_date"], "jurisdiction": report.meta["jurisdiction"],
               "level": report.meta["level"]}
        ok = {k: got[k] == getattr(row, k) for k in got}
        if row.file in KNOWN_NO_PLACE:
            ok["jurisdiction"] = ok["level"] = got["jurisdiction"] == "" and got["level"] == ""
        gold_roles = _roles(row.parts)
        if row.file in CUT_INSIDE_FIRST_PART:
            gold_roles = gold_roles[:len(parts)]
        ok["parts"] = _same_roles(parts["part_role"].tolist(), gold_roles)
        rows.append((row.file, ok, got, parts["part_role"].tolist(), _roles(row.parts)))
        failures += [f"{row.file}: {k} {got.get(k, parts['part_role'].tolist())} != gold"
                     for k, v in ok.items() if not v]
        # --year equal to the gold never contradicts the text
        assert read_report(TEXTS / row.group / row.file, year=int(row.report_year)).report_year == int(row.report_year)
    with capsys.disabled():
        print()
        for file, ok, got, ours, gold in rows:
            marks = " ".join(f"{k}={'ok' if v else 'NO'}" for k, v in ok.items())
            print(f"  {file:26} {marks}  {got['jurisdiction'] or '-'} {got['level'] or '-'} "
                  f"{got['report_year']} parts {'|'.join(ours) or '-'}")
        for key in ("report_year", "review_year", "session_date", "jurisdiction", "level", "parts"):
            n = sum(ok[key] for _, ok, *_ in rows)
            print(f"  {key:13} {n}/{len(rows)}")
        right = sum(got["jurisdiction"] != "" and ok["jurisdiction"] for _, ok, got, *_ in rows)
        print(f"  jurisdiction named right {right}, absent {len(KNOWN_NO_PLACE)} (the text does not name "
              f"it with its level), wrong {len(rows) - right - len(KNOWN_NO_PLACE)}")
    assert not failures, failures


@pytest.mark.parametrize("file", sorted(NEEDS_YEAR))
def test_a_masked_year_needs_year_and_says_why(file):
    with pytest.raises(UserError, match="20XX"):
        read_report(TEXTS / "counties" / file)


def _parts(text: str, year: int | None = None) -> list[tuple[str, str]]:
    s = sentences_table(report_from_text(text, year=year))
    p = s[s["part_no"] > 0].drop_duplicates("part_no")
    return list(zip(p["part"], p["part_role"]))


_OPEN = "各位代表：\n现在，我代表县人民政府向大会报告工作。\n"


@pytest.mark.parametrize("heading, title, role", [
    ("一、2023年工作回顾", "2023年工作回顾", "review"),
    ("一、过去一年工作回顾", "过去一年工作回顾", "review"),
    ("2022年工作回顾", "2022年工作回顾", "review"),
    ("一、过去五年工作回顾", "过去五年工作回顾", "five_year_review"),
    ("一、2016年和过去五年工作回顾", "2016年和过去五年工作回顾", "five_year_review"),
    ("一、2021年及本届政府工作回顾", "2021年及本届政府工作回顾", "five_year_review"),
    ("一、过去四年政府工作回顾", "过去四年政府工作回顾", "five_year_review"),
])
def test_review_heading_forms(heading, title, role):
    parts = _parts(_OPEN + heading + "\n2022年，我们稳住了经济。\n", year=2024 if "2023" in heading else None)
    assert parts[0] == (title, role)


def test_plan_heading_forms_by_their_neighbours_and_text():
    text = (_OPEN + "一、2023年工作回顾\n这一年，我们稳住了经济。\n"
            "二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右。\n"
            "三、2024年政府工作任务\n（一）大力推进现代化产业体系建设。\n")
    assert _parts(text) == [("2023年工作回顾", "review"), ("2024年经济社会发展总体要求和政策取向", "targets"),
                            ("2024年政府工作任务", "tasks")]
    alone = _OPEN + "一、过去一年工作回顾\n过去一年，我们稳住了经济。\n二、对今年政府工作的建议\n今年发展主要预期目标是：增长5%左右。\n"
    assert [r for _, r in _parts(alone, year=2023)] == ["review", "plan"]
    after = alone.replace("二、对今年", "二、今年经济社会发展的总体要求\n主要预期目标是增长5%。\n三、对今年")
    assert [r for _, r in _parts(after, year=2023)] == ["review", "targets", "tasks"]


def test_bare_plan_heading_and_a_tasks_part_without_targets():
    text = _OPEN + "2018年工作回顾\n2018年，我们稳住了经济。\n2019年工作安排\n（一）抓项目。一是招商。\n"
    assert _parts(text) == [("2018年工作回顾", "review"), ("2019年工作安排", "tasks")]


def test_doing_the_year_s_work_well_and_a_five_year_plan_part():
    text = (_OPEN + "一、2025年工作及“十四五”回顾\n2025年，我们稳住了经济。\n二、“十五五”时期奋斗目标和主要任务\n"
            "到2030年，地区生产总值突破500亿元。\n三、扎实做好2026年各项工作\n今年主要预期目标是：增长6%。\n")
    assert [r for _, r in _parts(text)] == ["five_year_review", "five_year_plan", "plan"]
    assert _parts(_OPEN + "一、2009年工作回顾\n2009年，全市稳。\n二、扎实做好2010年各项工作\n（一）抓项目。\n"
                  "三、着力建设让人民满意的政府\n我们要改进作风。\n")[1:] == [
        ("扎实做好2010年各项工作", "tasks"), ("着力建设让人民满意的政府", "self_building")]


def test_ten_parts_and_untitled_task_parts_between_targets_and_self_building():
    titles = ["2004年工作回顾", "2005年工作总体部署"] + [f"继续推进第{i}项改革" for i in range(1, 7)] \
        + ["加强政府自身建设", "坚持和平外交政策"]
    text = _OPEN + "".join(f"{'一二三四五六七八九十'[i]}、{t}\n这一年我们做了工作。\n" for i, t in enumerate(titles))
    roles = [r for _, r in _parts(text)]
    assert len(roles) == 10
    assert roles == ["review", "targets"] + ["tasks"] * 6 + ["self_building", "other"]


def test_a_table_of_contents_is_not_the_parts():
    text = ("2026年横州市政府工作报告\n提纲：\n一、2025年工作回顾\n二、“十五五”时期奋斗目标和主要任务\n三、2026年工作安排\n"
            "（一）坚定不移抓产业\n各位代表：\n现在，我代表市人民政府报告工作。\n一、2025年工作回顾\n2025年，我们稳住了经济。\n")
    report = report_from_text(text)
    s = sentences_table(report)
    assert s.loc[s["is_heading"], "part"].tolist() == ["2025年工作回顾"]
    assert report_parts(report, s)["part_role"].tolist() == ["review", "five_year_plan", "tasks"]


def test_a_heading_run_into_its_first_sentence():
    text = "各位代表：现在，我代表县人民政府报告工作。一、过去五年工作回顾本届政府的五年，是不平凡的五年。\n"
    s = sentences_table(report_from_text(text, year=2017))
    head = s[s["is_heading"]]
    assert head["text"].tolist() == ["一、过去五年工作回顾"] and head["part_role"].tolist() == ["five_year_review"]
    assert s.iloc[-1]["text"].startswith("本届政府的五年") and s.iloc[-1]["part_no"] == 1


def test_part_role_rule_is_kept():
    s = sentences_table(report_from_text(_OPEN + "一、2023年工作回顾\n2023年稳。\n二、加强政府自身建设\n改进作风。\n"))
    rules = s.drop_duplicates("part_no").set_index("part_no")["part_role_rule"].to_dict()
    assert rules == {0: "before_first_part", 1: "review_title", 2: "self_building_title"}


@pytest.mark.parametrize("line, year, date", [
    ("——2023年1月6日在黎平县第十八届人民代表大会第二次会议上", 2023, "2023-01-06"),
    ("（二○二二年十二月二十日）", 2023, "2022-12-20"),
    ("--2023年1月16日在宜黄县第十八届人民代表大会", 2023, "2023-01-16"),
    ("——2021年12月16日在福安市第十八届人民代表大会第一次会议上", 2022, "2021-12-16"),
    ("凤县人民政府工作报告（2023年1月9日）", 2023, "2023-01-09"),
])
def test_date_line_forms(line, year, date):
    y = infer_report_years(f"政府工作报告\n{line}\n各位代表：\n")
    assert (y.report_year, y.review_year, y.session_date, y.rule, y.unambiguous) == (year, year - 1, date, "date_line", True)


def test_a_page_title_that_disagrees_with_the_date_line():
    y = infer_report_years("宣城市人民政府2010年政府工作报告\n——2011年1月13日在宣城市第三届人民代表大会第一次会议上\n")
    assert (y.report_year, y.rule, y.notes) == (2011, "date_line", ["title says 2010"])


def test_years_from_title_heading_and_phrases():
    assert infer_report_years("2004年中华人民共和国国务院政府工作报告\n各位代表：\n").report_year == 2004
    assert infer_report_years("各位代表：\n〇〇八年工作回顾\n过去的一年很不平凡。\n").report_year == 2009
    news = infer_report_years("3月29日，开阳县第十八届人民代表大会第二次会议开幕。报告共分为三个部分：2022年工作回顾、"
                              "2023年经济社会发展主要目标和任务、纵深推进政府自身建设。")
    assert (news.report_year, news.rule, news.session_date) == (2023, "heading", "2023-03-29")
    assert infer_report_years("报告回顾了2024年的工作。").report_year == 2025
    weak = infer_report_years("2009年，我市实现地区生产总值333亿元。")
    assert (weak.report_year, weak.unambiguous) == (2010, False)


def test_year_contradicting_an_unambiguous_text_is_one_error(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("政府工作报告\n——2023年1月6日在黎平县第十八届人民代表大会第二次会议上\n各位代表：\n一、2022年工作回顾\n"
                    "2022年，我们稳住了经济。\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"--year 2024 but the text says 2023 \(its date line"):
        read_report(path, year=2024)
    assert read_report(path).report_year == 2023


def test_an_ambiguous_text_defers_to_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n2023年稳。\n二、2026年工作安排\n抓项目。\n", encoding="utf-8")
    with pytest.raises(UserError, match="cannot infer the report year"):
        read_report(path)
    assert read_report(path, year=2024).report_year == 2024
    weak = tmp_path / "w.txt"
    weak.write_text("2009年，我市实现地区生产总值333亿元。\n", encoding="utf-8")
    assert read_report(weak, year=2012).report_year == 2012  # weak evidence never contradicts


def test_subtitle_zai_is_not_part_of_the_county():
    name, level, _ = infer_jurisdiction("政府工作报告\n——在郓城县第十九届人民代表大会第三次会议上\n")
    assert (name, level) == ("郓城县", "county")


@pytest.mark.parametrize("text, name, level", [
    ("2004年中华人民共和国国务院政府工作报告\n各位代表：", "全国", "national"),
    ("(陕西省)2018年澄城县人民政府工作报告(全文)", "澄城县", "county"),
    ("2023年遵义市道真仡佬族苗族自治县政府工作报告—全文", "道真仡佬族苗族自治县", "county"),
    ("（2023年2月23日在自治县十届人大二次会议上）\n玉屏侗族自治县人民政府县长 田兴国", "玉屏侗族自治县", "county"),
    ("——2018年1月10日在贵港市第五届人民代表大会第三次会议上", "贵港市", "city"),
    ("——2021年12月16日在福安市第十八届人民代表大会", "福安市", "county_city"),
    ("2025年3月21日在汉滨区第十九届人民代表大会第四次会议上", "汉滨区", "district"),
    ("山东省菏泽市巨野县第十九届人民代表大会第四次会议开幕", "巨野县", "county"),
    ("在金华经济技术开发区第一届人民代表大会", "金华经济技术开发区", "zone"),
])
def test_jurisdiction_and_level(text, name, level):
    assert infer_jurisdiction(text)[:2] == (name, level)


def test_reports_row_has_jurisdiction_level_and_county():
    from juye_analysis.pipeline.steps import first_step

    _, (row, _, _) = first_step(str(TEXTS / "counties" / "fengxian_2023.txt"), {"file": "f.txt"})
    assert (row["jurisdiction"], row["level"], row["county"], row["session_date"]) == ("凤县", "county", "凤县", "2023-01-09")
    assert row["parts"] == "2022年工作回顾=review" and row["year_rule"] == "date_line"


def test_folder_build_names_every_file_it_cannot_place(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("shanghang_2020.txt", "taixing_2010.txt", "fengxian_2023.txt"):
        (raw / name).write_bytes((TEXTS / "counties" / name).read_bytes())
    status = main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--no-cache"])
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("juye-analysis: error:")]
    assert status == 2 and len(lines) == 2
    assert "shanghang_2020.txt: cannot infer the report year" in lines[0]
    assert "taixing_2010.txt: cannot infer the jurisdiction" in lines[1]
