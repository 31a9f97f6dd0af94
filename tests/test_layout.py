"""plots.layout (over-printed and clipped texts, titles, count ticks, fonts, ids, Chinese in
English figures) on small hand-made figures and on every figure of the notebooks; the journal
size presets; save_figure's folders per report and language; the texts made from the data
(pinyin terms, qualified values, shortened section titles)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from juye_analysis.plots.charts import integer_ticks, new_figure  # noqa: E402
from juye_analysis.plots.labels import (count_axis_labels, label, place_name, qualified_value,  # noqa: E402
                                        section_name, shorten, term_name)
from juye_analysis.plots.layout import (MIN_FONT_PT, column_width, drawn_texts, has_cjk,  # noqa: E402
                                        layout_problems)
from juye_analysis.plots.style import LayoutError, figure_folder, save_figure, use_house_style  # noqa: E402

from .test_plots import FIGURES, tables  # noqa: E402,F401 - the built tables, drawn per figure



@pytest.fixture
def fig():
    use_house_style()
    figure, ax = new_figure("single", 2.5)
    ax.plot([0, 1], [0, 1])
    ax.set_title("a title")
    yield figure
    plt.close(figure)


# --- the checks, one defect each -----------------------------------------------------------------

def test_a_clean_figure_has_no_problem(fig):
    assert layout_problems(fig, "en") == []


def test_two_texts_over_printed_are_found(fig):
    ax = fig.axes[0]
    ax.text(0.5, 0.5, "3.5 左右")
    ax.text(0.5, 0.5, "next bar")
    assert any("overlap" in p and "3.5 左右" in p for p in layout_problems(fig))


def test_a_text_past_the_figure_edge_is_clipped(fig):
    fig.text(0.98, 0.5, "20 以上 at least")
    assert any("clipped" in p and "20 以上" in p for p in layout_problems(fig))


def test_a_figure_without_title_is_found():
    use_house_style()
    figure, ax = new_figure("single", 2)
    ax.plot([0, 1], [0, 1])
    try:
        assert "no title" in layout_problems(figure)
    finally:
        plt.close(figure)


def test_fractional_ticks_on_a_count_axis_are_found(fig):
    ax = fig.axes[0]
    ax.set_ylabel(label("keywords.count_n", "en"))
    ax.set_ylim(0, 2)  # AutoLocator: 0, 0.25 …
    assert any("fractional" in p for p in layout_problems(fig))
    integer_ticks(ax.yaxis)
    assert layout_problems(fig) == []


def test_a_report_id_or_chinese_in_an_english_figure_is_found(fig):
    fig.axes[0].set_title("Sentences by part (juye_2024)")
    assert any("report id" in p for p in layout_problems(fig, "zh"))
    fig.axes[0].set_title("巨野县")
    assert any("Chinese" in p for p in layout_problems(fig, "en"))
    assert layout_problems(fig, "zh") == []


def test_small_fonts_and_too_wide_figures_are_found(fig):
    fig.axes[0].set_xlabel("tiny", fontsize=MIN_FONT_PT - 1)
    assert any("tiny" in p and "pt" in p for p in layout_problems(fig))
    fig.axes[0].set_xlabel("")
    fig.set_figwidth(8)
    assert any("wider than a double column" in p for p in layout_problems(fig))


def test_an_axis_drawn_off_has_no_texts():
    use_house_style()
    figure, ax = new_figure("single", 2)
    ax.imshow([[0, 1], [1, 0]])
    ax.axis("off")
    ax.set_title("cloud")
    try:
        assert [t.get_text() for t in (figure.canvas.draw() or drawn_texts(figure))] == ["cloud"]
    finally:
        plt.close(figure)


def test_journal_presets_85_and_175_mm():
    assert column_width("single") * 25.4 == pytest.approx(85)
    assert column_width("double") * 25.4 == pytest.approx(175)
    use_house_style()
    figure, _ = new_figure(12, 3)  # wider than a page: drawn at the double column
    assert figure.get_figwidth() == pytest.approx(column_width("double"))
    plt.close(figure)
    with pytest.raises(ValueError):
        column_width("triple")


def test_count_axis_labels_are_the_count_keys():
    counts = count_axis_labels()
    assert {"句数", "sentences", "次数", "count", "claims"} <= counts
    assert label("keywords.share", "en") not in counts


# --- every figure of the notebooks ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_has_no_layout_problem(tables, name, lang):  # noqa: F811
    figure = FIGURES[name](tables, lang)
    try:
        assert layout_problems(figure, lang, list(tables["reports"]["report_id"])) == []
    finally:
        plt.close(figure)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_english_figure_shows_no_chinese_character(tables, name):  # noqa: F811
    figure = FIGURES[name](tables, "en")
    try:
        figure.canvas.draw()
        chinese = [t.get_text() for t in drawn_texts(figure) if has_cjk(t.get_text())]
        assert chinese == []
    finally:
        plt.close(figure)


# --- save_figure: one folder per report (or pair) and language ---------------------------------

def test_figures_of_reports_pairs_and_languages_never_share_a_folder(fig, tmp_path):
    paths = {save_figure(fig, "fig-00-x", "juye_2024", lang, directory=tmp_path)[0] for lang in ("zh", "en")}
    paths.add(save_figure(fig, "fig-00-x", "juye_2025", "zh", directory=tmp_path)[0])
    paths.add(save_figure(fig, "fig-00-x", ("juye_2024", "juye_2025"), "zh", directory=tmp_path)[0])
    assert {p.relative_to(tmp_path).as_posix() for p in paths} == {
        "juye_2024/zh/fig-00-x.png", "juye_2024/en/fig-00-x.png", "juye_2025/zh/fig-00-x.png",
        "juye_2024..juye_2025/zh/fig-00-x.png"}


@pytest.mark.parametrize("report,lang", [("../etc", "zh"), ("a/b", "zh"), ("..", "zh"), ("", "zh"),
                                         (("juye_2024",) * 3, "zh"), ("juye_2024", "fr"), ("juye_2024", "../x")])
def test_a_report_or_language_that_is_no_id_is_refused_as_a_folder(report, lang, tmp_path):
    with pytest.raises(ValueError):
        figure_folder(report, lang, tmp_path)


def test_a_figure_name_must_be_fig_nn_words(fig, tmp_path):
    for name in ("../x", "fig-00-x.png", "Fig 00", ".hidden"):
        with pytest.raises(ValueError):
            save_figure(fig, name, "juye_2024", "zh", directory=tmp_path)


def test_strict_layout_writes_nothing_and_says_why(fig, tmp_path, monkeypatch):
    fig.axes[0].set_title("")
    monkeypatch.setenv("JUYE_STRICT_LAYOUT", "1")
    with pytest.raises(LayoutError, match="fig-00-x: no title"):
        save_figure(fig, "fig-00-x", "juye_2024", "zh", directory=tmp_path)
    assert not any(tmp_path.rglob("*.png"))
    monkeypatch.delenv("JUYE_STRICT_LAYOUT")
    with pytest.warns(UserWarning, match="no title"):
        save_figure(fig, "fig-00-x", "juye_2024", "zh", directory=tmp_path)


# --- texts made from the data -------------------------------------------------------------------

def test_terms_in_english_are_pinyin_without_chinese():
    assert term_name("营商环境", "en") == "yingshanghuanjing"
    assert term_name("营商环境", "zh") == "营商环境"


@pytest.mark.parametrize("value,qualifier,lang,text", [
    (3.5, "左右", "zh", "3.5左右"), (3.5, "左右", "en", "about 3.5"), (20, "以上", "en", "at least 20"),
    (3, "以内", "en", "at most 3"), (6, "不低于", "zh", "不低于6"), (6, "不低于", "en", "at least 6"),
    (6.9, "", "en", "6.9"), (6.9, None, "zh", "6.9")])
def test_qualified_values_read_as_written_or_by_hardness(value, qualifier, lang, text):
    assert qualified_value(value, qualifier, lang) == text


def test_a_shortened_section_title_ends_in_an_ellipsis():
    assert shorten("一二三四五", 4) == "一二三…" and shorten("一二三", 4) == "一二三"
    long = "这一年，我们精准发力、聚势突破，乡村振兴全面推进"
    assert section_name(1, 4, long, "zh") == "1.4 精准发力、聚势突破，乡村振兴全…"
    assert section_name(1, 4, long, "en", theme="Agriculture") == "1.4 Agriculture"
    assert not has_cjk(section_name(1, 0, "", "en")) and section_name(1, 0, "", "en").startswith("1.0 ")


def test_a_place_without_english_name_is_left_out_never_chinese():
    assert place_name("巨野县", "zh") == "巨野县"
    english = place_name("巨野县", "en")
    assert english is None or not has_cjk(english)


def test_an_ellipsis_or_curly_quote_in_english_is_no_chinese():
    assert not has_cjk("Industrial value added (enterpris…") and not has_cjk("“first” — No. 1")
    assert has_cjk("巨野") and has_cjk("（预计）") and has_cjk("6，7")
