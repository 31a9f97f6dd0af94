"""read/pages.py: running headers and footers and wrapped lines of a paged text layer, on
hand-made lines; read/breaks.py radicals; read/pdf.py's check of a text layer."""
from __future__ import annotations

from juye_analysis.read.normalize import normalize
from juye_analysis.read.pages import Line, layer_from_lines, running_lines
from juye_analysis.read.pdf import text_layer_problem

BODY = "这一年，我们聚焦发展、强基固本，综合实力不断增强。"


def _page(page: int, top: str | None, bottom: str | None) -> list[Line]:
    lines = [Line(top, page)] if top else []
    lines += [Line(BODY, page), Line(BODY, page), Line(BODY, page)]
    return lines + ([Line(bottom, page)] if bottom else [])


def test_decorated_page_numbers_and_a_repeated_title_are_running_lines():
    lines = (_page(1, None, "— 1 —") + _page(2, "巨野县人民政府工作报告", "-2-")
             + _page(3, "巨野县人民政府工作报告", "第3页 共3页"))
    found, counts = running_lines(lines)
    assert [lines[i].text for i in sorted(found)] == ["— 1 —", "巨野县人民政府工作报告", "-2-",
                                                      "巨野县人民政府工作报告", "第3页 共3页"]
    assert counts == {"page numbers": 3, "repeated title lines": 2}


def test_a_bare_number_is_a_page_number_only_when_it_follows_the_pages():
    following = _page(1, None, "11") + _page(2, None, "12") + _page(3, None, "13")
    found, _ = running_lines(following)
    assert sorted(following[i].text for i in found) == ["11", "12", "13"]
    stray = _page(1, None, "2023") + _page(2, None, None)
    assert running_lines(stray)[0] == set()


def test_a_line_repeated_on_one_page_only_is_kept():
    lines = _page(1, "一、2023年工作回顾", None) + _page(2, None, None) + _page(3, None, None)
    assert running_lines(lines)[0] == set()


def _geo(text, page, left, right, bottom, em=14.0):
    return Line(text, page, left, right, bottom, em)


def test_a_full_line_joins_the_next_unless_it_is_indented_or_set_apart():
    lines = [
        _geo("这一年，我们聚焦发展、强基固本。综合实力不断增强，地区生", 1, 80, 500, 700),
        _geo("产总值增长。", 1, 80, 160, 680),  # continues a full line
        _geo("二是项目建设加力提速，纳入省市集中开工项目六十一个。", 1, 108, 500, 660),  # indented
        _geo("实行包项目责任制，全过程提供店小二服务，推动项目快落地。", 1, 80, 500, 640),
        _geo("这是一个新的段落，和上一段隔着一行空白。", 1, 80, 420, 600),  # set apart
    ]
    layer = layer_from_lines(lines, "pdf", "pdf_text", 1)
    joined = {layer.text[j - 1] for j in layer.joins}
    assert len(layer.joins) == 2 and joined == {"生", "。"}
    assert normalize(layer.text, layer=layer).text.split("\n")[0].endswith("地区生产总值增长。")
    assert "2 lines wrapped at the page width joined" in layer.notes


def test_pages_start_where_their_lines_start():
    layer = layer_from_lines(_page(1, None, None) + _page(3, None, None), "pdf", "pdf_text", 3)
    per_page = 3 * (len(BODY) + 1)
    assert layer.page_starts == (0, per_page, per_page)  # page 2 is blank
    norm = normalize(layer.text, layer=layer)
    assert [norm.page_at(o) for o in (0, per_page - 1, per_page)] == [1, 1, 3]


def test_radical_and_compatibility_code_points_become_the_characters():
    norm = normalize("⼀是⽇益增⻓，⻔类齐全，\uf92c。")
    assert norm.text == "一是日益增长，门类齐全，郎。"
    assert "5 CJK radical or compatibility code points (⼀ for 一) read as the character" in norm.notes
    assert [norm.raw[norm.raw_start(i)] for i in (0, 2)] == ["⼀", "⽇"]


def test_an_empty_or_garbled_text_layer_is_told():
    assert "no text layer" in text_layer_problem("  12 \n 13 ", 2)
    assert "garbled" in text_layer_problem("\ue000\ue001abc" * 40, 1)
    assert text_layer_problem(BODY * 3, 1) is None
