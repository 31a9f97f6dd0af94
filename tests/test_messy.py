"""Messy real-world input: each variant gives the same tables as the clean file, or one clear
line of error; never a crash or a silent loss."""
from __future__ import annotations

import shutil

import opencc
import pandas as pd
import pytest

from juye_analysis.pipeline.build import build, process_one
from juye_analysis.errors import UserError

from .conftest import RAW, REPORT_2024, copy_raw

RAW_COLUMNS = {"raw_start", "raw_end", "raw", "report_id"}  # offsets into the raw file differ by design


def _tables(path, **meta):
    row, tables, text = process_one(str(path), {"report_id": "r", **meta})
    return row, tables, text


@pytest.fixture(scope="module")
def clean():
    return _tables(REPORT_2024)


def _same_tables(a, b):
    assert a.keys() == b.keys()
    for name in a:
        left = a[name].drop(columns=[c for c in a[name].columns if c in RAW_COLUMNS])
        right = b[name].drop(columns=[c for c in b[name].columns if c in RAW_COLUMNS])
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                      obj=name)


@pytest.fixture(scope="module")
def raw_text():
    return REPORT_2024.read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", ["gb18030", "utf-8-sig", "crlf"])
def test_encodings_and_line_ends_give_the_same_tables(tmp_path, clean, raw_text, variant):
    path = tmp_path / "r.txt"
    if variant == "crlf":
        path.write_bytes(raw_text.replace("\n", "\r\n").encode("utf-8"))
    else:
        path.write_bytes(raw_text.encode(variant))
    row, tables, text = _tables(path)
    assert text == clean[2]
    _same_tables(tables, clean[1])


def test_traditional_chinese_is_converted_with_opencc(tmp_path, clean, raw_text):
    path = tmp_path / "trad.txt"
    trad = opencc.OpenCC("s2t").convert(raw_text).replace("“", "「").replace("”", "」")
    path.write_text(trad, encoding="utf-8")
    row, tables, text = _tables(path)
    assert "traditional→simplified" in row["cleaning"]
    assert "「藏粮于地、藏粮于技」" in text  # quotes kept as written
    assert text.replace("「", "“").replace("」", "”") == clean[2]
    s, c = tables["sentences"], clean[1]["sentences"]
    cols = ["sentence_no", "part_no", "section_no", "item", "start", "end"]
    pd.testing.assert_frame_equal(s[cols], c[cols])
    if "quantities" in tables:
        pd.testing.assert_series_equal(tables["quantities"]["value"], clean[1]["quantities"]["value"])


def test_web_page_gives_the_same_tables(tmp_path, clean, raw_text):
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府工作报告</title>"
            "<style>p{margin:0}</style><script>var nav = '<p>首页</p>';</script></head><body>\n"
            "<div class='nav'>首页 &gt; 政务公开 &gt; 政府工作报告</div>\n"
            "<div>发布时间：2024-01-20 10:00 浏览次数：1024 字号：大 中 小</div>\n"
            + "".join(f"<p>{line.replace('&', '&amp;')}</p>\n" for line in raw_text.split("\n"))
            + "<div>【打印】【关闭】</div>\n<div>版权所有：巨野县人民政府&nbsp;&nbsp;鲁ICP备00000000号</div>"
            "</body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    row, tables, text = _tables(path)
    assert text == clean[2]
    assert "html" in row["cleaning"] and "navigation lines dropped" in row["cleaning"]
    _same_tables(tables, clean[1])
    # offsets still point into the raw file
    s = tables["sentences"].iloc[20]
    assert s["text"][:6] in page[s["raw_start"]:s["raw_end"]]


def test_a_50_mb_file_is_one_clear_error(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        chunk = REPORT_2024.read_bytes()
        while fh.tell() < 50_000_000:
            fh.write(chunk)
    with pytest.raises(UserError, match=r"huge\.txt: 5\d MB is too large"):
        _tables(path)


def test_random_bytes_are_one_clear_error(tmp_path):
    import random

    rng = random.Random(7)
    path = tmp_path / "random.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(50_000)))
    with pytest.raises(UserError, match="random.txt"):
        _tables(path)


def test_a_text_with_no_numbers_builds(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("巨野县第十九届人民代表大会\n各位代表：\n一、过去一年工作回顾\n我们坚持稳中求进。\n"
                    "二、今年工作安排\n我们要继续努力。\n", encoding="utf-8")
    row, tables, _ = _tables(path, report_year="2026")
    assert len(tables["sentences"]) == 6
    if "quantities" in tables:
        assert len(tables["quantities"]) == 0


def test_the_same_report_listed_twice_in_metadata(tmp_path):
    raw = tmp_path / "raw"
    copy_raw(raw)
    meta = pd.read_csv(raw / "reports.csv", dtype=str, keep_default_na=False)
    twin = meta.iloc[[0]].assign(report_id="juye_2024_again", county="郓城县")  # same file, other name
    pd.concat([meta, twin]).to_csv(raw / "reports.csv", index=False)
    with pytest.raises(UserError, match="listed twice"):
        build(raw, tmp_path / "out", progress=False)


def test_traditional_can_be_refused(raw_text):
    from juye_analysis.read.normalize import normalize

    with pytest.raises(UserError, match="Traditional"):
        normalize(opencc.OpenCC("s2t").convert(raw_text), traditional="refuse")


@pytest.mark.parametrize("written", ["1,234.5亿元", "１２３４．５亿元", "１，２３４．５亿元", "1234.5 亿元", "1234.5亿元"])
def test_thousands_separators_and_full_width_digits(written):
    from juye_analysis.read.report import report_from_text
    from juye_analysis.read.structure import sentences_table
    from juye_analysis.numbers.table import quantities_table

    report = report_from_text(f"二、2024年工作安排\n地区生产总值达到{written}，增长６．５％。\n")
    q = quantities_table(report, {"sentences": sentences_table(report)})
    level = q[q["kind"] == "level"].iloc[0]
    assert (level["number"], level["value"], level["unit"]) == (1234.5, 1234.5e8, "元")
    growth = q[q["kind"] == "growth_pct"].iloc[0]
    assert growth["number"] == 6.5


def test_a_heading_before_the_first_sentence_stays_a_heading():
    from juye_analysis.read.normalize import normalize

    assert normalize("二、2024年工作安排\n地区生产总值增长6%。\n").text == "二、2024年工作安排\n地区生产总值增长6%。"
