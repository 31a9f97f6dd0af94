"""Defect 8 of issue 11, "HTML tags over 2,000 characters are not stripped": web pages are read
with the standard library's HTML parser, so no tag is too long, scripts and styles are dropped
whatever they contain, data: URIs go with their size noted, and every normalised character
still maps back to the raw page."""
from __future__ import annotations

import base64
import html
import random
import re

import pytest

from juye_analysis.pipeline.build import process_one
from juye_analysis.read.normalize import normalize
from juye_analysis.read.web import looks_like_html

from .conftest import REPORT_2024
from .snapshot_util import CORPUS as _CORPUS

CORPUS = _CORPUS / "counties"

HAN = re.compile(r"[\u4e00-\u9fff]")
ENTITY = re.compile(r"&#?\w+;")


@pytest.fixture(scope="module")
def raw_text():
    return REPORT_2024.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def clean(raw_text):
    return normalize(raw_text)


@pytest.fixture(scope="module")
def image():
    """A data: URI of a 3 MB "PNG" (4 million base64 characters)."""
    payload = base64.b64encode(random.Random(8).randbytes(3_000_000)).decode("ascii")
    return "data:image/png;base64," + payload


def _page(body_lines, *, before="", after="", head="<title>政府工作报告</title>"):
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>" + head + "</head><body>\n" + before
            + "".join(f"<p>{line}</p>\n" for line in body_lines) + after + "</body></html>")


def _maps_back(norm) -> None:
    """Every normalised Han character is the raw character at its offset, or the entity there."""
    for i in (m.start() for m in HAN.finditer(norm.text)):
        at = norm.raw_start(i)
        entity = ENTITY.match(norm.raw, at)
        assert norm.text[i] == (html.unescape(entity.group()) if entity else norm.raw[at]), i


@pytest.mark.parametrize("where", ["after", "before", "both"])
def test_html_tags_over_2000_characters_an_inline_image_is_dropped(raw_text, clean, image, where):
    tag = f'<p><img alt="图" src="{image}"/></p>\n'
    page = _page(raw_text.split("\n"), before=tag if where != "after" else "",
                 after=tag if where != "before" else "")
    norm = normalize(page)
    assert norm.text == clean.text
    n = 1 if where != "both" else 2
    assert norm.notes[0].startswith(f"html: {n} data URI{'s' * (n > 1)} ({n * len(image):,} characters)")
    _maps_back(norm)


@pytest.mark.parametrize("where", [
    "after",
    "before",
])
def test_html_tags_over_2000_characters_the_report_row_is_that_of_the_text(tmp_path, raw_text, image, where):
    tag = f'<p><img src="{image}"></p>\n'
    path = tmp_path / "page.html"
    page = _page(raw_text.split("\n"), head="<title>report</title>", **{where: tag})  # no Chinese before
    path.write_text(page, encoding="utf-8")
    row, tables, text = process_one(str(path), {"report_id": "r"})  # no report_year: from the text
    clean_row, _, clean_text = process_one(str(REPORT_2024), {"report_id": "r"})
    assert text == clean_text
    assert (row["report_year"], row["review_year"]) == (clean_row["report_year"], clean_row["review_year"])
    assert row["n_chars"] == clean_row["n_chars"] == len(clean_text)
    assert f"1 data URI ({len(image):,} characters)" in row["cleaning"]
    assert tables["sentences"]["text"].str.len().max() < 1000


def test_html_tags_over_2000_characters_a_long_attribute_goes(raw_text, clean):
    style = "color:red;" * 500  # a 5,000-character attribute
    lines = raw_text.split("\n")
    page = _page([f'<span style="{style}">{line}</span>' for line in lines])
    norm = normalize(page)
    assert norm.text == clean.text
    assert "<" not in norm.text and "color" not in norm.text
    _maps_back(norm)


def test_a_data_uri_in_the_text_of_a_page_or_of_a_plain_text_is_dropped(raw_text, clean, image):
    page = _page(raw_text.split("\n"), after=f"<p>{image}</p>\n")
    norm = normalize(page)
    assert norm.text == clean.text
    assert norm.notes[0].startswith(f"html: 1 data URI ({len(image):,} characters)")
    plain = normalize(raw_text + "\n" + image + "\n")
    assert plain.text == clean.text
    assert f"1 data URI ({len(image):,} characters) dropped" in plain.notes
    _maps_back(plain)


def test_a_script_with_end_tags_in_strings_and_comparisons_is_dropped(raw_text, clean):
    script = ("<script>var nav = '<div class=\"nav\">首页</div>';\n"
              "if (a < b && b > c) { document.write(\"</div></p>我们要继续努力。\"); }\n"
              "for (var i = 0; i<n; i++) {}</script>")
    style = "<style>p > span { content: '<b>'; }</style>"
    comment = "<!-- 旧版导航 <div>首页</div> -->"
    noscript = "<noscript><p>请启用脚本。</p></noscript>"
    page = _page(raw_text.split("\n"), head="<title>报告</title>" + style,
                 before=script + "\n" + comment + "\n" + noscript + "\n", after=script)
    norm = normalize(page)
    assert norm.text == clean.text
    note = norm.notes[0]
    assert f"2 scripts ({2 * len(script):,} characters)" in note
    assert "1 head" in note and "1 noscript" in note and f"1 comment ({len(comment)} characters)" in note
    _maps_back(norm)


def test_unclosed_tags_stray_lt_and_entities_in_a_page():
    page = ("<html><head><title>巨野县</title>\n<body><div>二、2024年工作安排\n"
            "<p>地区生产总值增长6%，赤字率<3%，高于>2%的目标。<p>城镇登记失业率控制在<5%以内。\n"
            "<p>粮食产量&gt;110万吨&nbsp;以上，&#x589e;长&amp;提高，&unknown;照写。<b>加粗未闭合。\n"
            "<p>页面在这里被截断。</p> <h3 style=\"text-al")
    norm = normalize(page)
    assert norm.text == ("二、2024年工作安排\n地区生产总值增长6%，赤字率<3%，高于>2%的目标。\n"
                         "城镇登记失业率控制在<5%以内。\n粮食产量>110万吨以上，增长&提高，&unknown;照写。加粗未闭合。\n"
                         "页面在这里被截断。")
    head = "<head><title>巨野县</title>\n"  # unclosed: it ends at <body>
    assert norm.notes[0] == f"html: 1 head ({len(head)} characters) dropped"
    _maps_back(norm)


def test_stray_lt_in_a_plain_text_is_kept():
    text = "二、2024年工作安排\n城镇登记失业率控制在<5%以内，赤字率<3%，<b>重点</b>。\n"
    assert not looks_like_html(text)
    assert normalize(text).text == text.strip()


def test_an_image_before_the_tags_does_not_hide_that_the_text_is_html(image):
    assert looks_like_html(f'<p><img src="{image}"></p><div>二、2024年工作安排</div><p>增长6%。</p>')


@pytest.mark.parametrize("cut_off, dropped", [
    ("<!-- 旧版导航 <p>首页</p>", "1 comment"),
    ("<script>if (a < b) { x = '<p>首页</p>';", "1 script"),
    ('<p><img src="data:image/png;base64,iVBORw0KGgo', None),
])
def test_a_page_cut_off_inside_a_comment_a_script_or_a_tag_loses_only_the_markup(cut_off, dropped):
    page = "<html><body><div>二、2024年工作安排</div>\n<p>地区生产总值增长6%。</p>\n" + cut_off
    norm = normalize(page)
    assert norm.text == "二、2024年工作安排\n地区生产总值增长6%。"
    assert norm.notes[0] == (f"html: {dropped} ({len(cut_off)} characters) dropped" if dropped else "html")
    _maps_back(norm)


def test_a_page_of_h1_h3_and_b_tags_is_read_as_html():
    """zhanggong_2019 (raw HTML of <h3>, <h1 style=…>, <b> only) was not taken for a web page:
    its tags went into sentences, tokens (h3, style, text-align) and n_chars."""
    raw = (CORPUS / "zhanggong_2019.txt").read_text(encoding="utf-8")
    norm = normalize(raw)
    assert looks_like_html(raw) and norm.notes[0] == "html"
    assert not re.search(r"[<>]|h3|style|align", norm.text)
    assert len(HAN.findall(norm.text)) == len(HAN.findall(raw))  # only markup went
    *_, before_last, last = norm.text.split("\n")  # </h3><h3 style=…><b> ends a paragraph
    assert before_last.endswith("实现了三大亮眼成绩:") and last == "取得了一批叫得响的荣誉品牌"  # glosses dropped


@pytest.mark.parametrize("unit", ["<a ", "<!-- x >", "</ ", "<? ", "<![foo[ "])
def test_a_hostile_page_of_constructs_never_closed_reads_in_linear_time(unit):
    """html.parser before Python 3.11.13 rescans to the end for each construct left open there
    (100,000 of them took minutes), and raises on ``<![foo[``: the parser is fed them as text."""
    import time

    page = "<html><body><div>二、2024年工作安排</div>\n<p>地区生产总值增长6%。</p>\n" + unit * 100_000
    start = time.perf_counter()
    norm = normalize(page)
    assert time.perf_counter() - start < 5
    assert norm.text.startswith("二、2024年工作安排\n地区生产总值增长6%。")
    _maps_back(norm)
