"""The figure functions of juye_analysis.plots on the built tables (zh and en), the labels resource
they read, the stored-else-computed pair tables, and notebooks that only call them."""
from __future__ import annotations

import ast
import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from juye_analysis.compare.keyness import latest_pair  # noqa: E402
from juye_analysis.compare.pairs import pair_keyness, pair_text_reuse, pair_theme_shift  # noqa: E402
from juye_analysis.indicators.views import choose_report_with_targets, county_structure_ratios  # noqa: E402
from juye_analysis.paths import NOTEBOOKS, PACKAGE_DIR  # noqa: E402
from juye_analysis.pipeline.storage import load_table  # noqa: E402
from juye_analysis.plots import indicators as fig01, keywords as fig02, overview as fig00  # noqa: E402
from juye_analysis.plots import year_over_year as fig03  # noqa: E402
from juye_analysis.plots import levels as fig04  # noqa: E402
from juye_analysis.plots import trends as fig04t  # noqa: E402
from juye_analysis.plots.labels import label, load_labels  # noqa: E402
from juye_analysis.plots.style import use_house_style  # noqa: E402
from juye_analysis.read.metadata import choose_report  # noqa: E402
from juye_analysis.read.structure import structure_summary  # noqa: E402
from juye_analysis.words.stored import report_term_frequencies  # noqa: E402

TABLES = ["reports", "sentences", "indicators", "rank_claims", "term_frequencies", "theme_attention",
          "target_outcome", "target_ambition", "amplification", "keyness", "theme_shift", "text_reuse",
          "target_series", "term_trends"]


@pytest.fixture(scope="module")
def tables(built_data):
    use_house_style()
    return {n: load_table(n, built_data / "processed") for n in TABLES}


def _full(t):
    return choose_report(t["reports"], None, completeness="full")


def _targets(t):
    return choose_report_with_targets(t["indicators"], t["reports"], None)


def _summary(t):
    rid = _full(t)
    return structure_summary(t["sentences"][t["sentences"]["report_id"] == rid])


def _tf(t):
    return report_term_frequencies(t["term_frequencies"], _full(t))


def _pair(t):
    return latest_pair(t["reports"])


FIGURES = {  # figure name (as the notebooks save it) → how to draw it from the tables in a language
    "fig-00-characters-by-section": lambda t, lang: fig00.characters_by_section_figure(_summary(t), t["reports"], _full(t), lang,
                                                                                        t["theme_attention"]),
    "fig-00-sentences-by-part": lambda t, lang: fig00.sentences_by_part_figure(_summary(t), t["reports"], _full(t), lang),
    "fig-01-growth-vs-target": lambda t, lang: fig01.growth_vs_target_figure(t["indicators"], t["reports"], _targets(t), lang),
    "fig-01-economy-structure": lambda t, lang: fig01.economy_structure_figure(
        county_structure_ratios(t["indicators"], t["reports"], _targets(t)), t["reports"], _targets(t), lang),
    "fig-01-rank-claims": lambda t, lang: fig01.rank_claims_figure(t["rank_claims"], t["reports"], _targets(t), lang),
    "fig-02-top-terms": lambda t, lang: fig02.top_terms_figure(_tf(t), t["reports"], _full(t), 30, lang),
    "fig-02-word-cloud": lambda t, lang: fig02.word_cloud_figure(_tf(t), t["reports"], _full(t), lang),
    "fig-02-terms-by-section": lambda t, lang: fig02.terms_by_section_figure(_tf(t), t["sentences"], t["reports"], _full(t), 30,
                                                                              lang, t["theme_attention"]),
    "fig-02-themes-by-section": lambda t, lang: fig02.themes_by_section_figure(t["theme_attention"], t["sentences"], t["reports"],
                                                                                _full(t), lang),
    "fig-02-themes-by-part": lambda t, lang: fig02.themes_by_part_figure(t["theme_attention"], t["sentences"], t["reports"],
                                                                          _full(t), lang),
    "fig-02-dispersion": lambda t, lang: fig02.dispersion_figure(_tf(t), t["sentences"], t["reports"], _full(t), None, 30, lang),
    "fig-03-target-vs-outcome": lambda t, lang: fig03.target_vs_outcome_figure(t["target_outcome"], t["reports"], *_pair(t), lang),
    "fig-03-target-ambition": lambda t, lang: fig03.target_ambition_figure(t["target_ambition"], *_pair(t), lang),
    "fig-03-amplification": lambda t, lang: fig03.amplification_figure(t["amplification"], *_pair(t), lang),
    "fig-03-keyness": lambda t, lang: fig03.keyness_figure(pair_keyness(t, *_pair(t)), t["reports"], *_pair(t), 15, lang),
    "fig-03-theme-shift": lambda t, lang: fig03.theme_shift_figure(pair_theme_shift(t, *_pair(t)), t["reports"], *_pair(t), lang),
    # (built_data has no national report: the series of the focal county, its two reports)
    "fig-04-national-series": lambda t, lang: fig04.series_figure(
        t["target_series"], "巨野县", ["gdp", "general_budget_revenue", "new_urban_employment"], 2024, 2025, lang),
    "fig-04-term-trends": lambda t, lang: fig04t.term_trend_figure(t["term_trends"], ["改革", "开放", "脱贫"], lang),
    "fig-04-focal-vs-national": lambda t, lang: fig04.focal_vs_level_figure(t["amplification"], "巨野县", "national", lang),
    "fig-03-text-reuse": lambda t, lang: fig03.text_reuse_figure(pair_text_reuse(t, *_pair(t)), *_pair(t), lang, reports=t["reports"]),
}


def _texts(fig) -> list[str]:
    """Titles, axis labels, tick labels and legend entries of a figure."""
    out = []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        if ax.get_legend() is not None:
            out += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in out if t]


def _notebooks():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _saved_names() -> list[str]:
    names = []
    for path in _notebooks():
        for cell in _code_cells(path):
            names += re.findall(r'save_figure\(fig, "([^"]+)"', "".join(cell["source"]))
    return names


def test_every_figure_the_notebooks_save_has_a_figure_function():
    assert sorted(_saved_names()) == sorted(FIGURES)
    assert len(_saved_names()) == len(set(_saved_names()))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_function_returns_a_figure(tables, name, lang):
    fig = FIGURES[name](tables, lang)
    try:
        assert isinstance(fig, Figure)
        # something drawn, or (a pair with a partial text) the note saying why nothing is
        assert fig.axes and any(ax.patches or ax.collections or ax.images or ax.lines
                                or any(t.get_gid() == "not_comparable" for t in ax.texts) for ax in fig.axes)
        texts = _texts(fig)
        assert texts, "a figure without any text"
        assert not [t for t in texts if "{" in t or "}" in t], "a label with a field left unfilled"
    finally:
        plt.close(fig)


def test_english_and_chinese_labels_differ(tables):
    zh, en = (FIGURES["fig-01-growth-vs-target"](tables, lang) for lang in ("zh", "en"))
    try:
        assert zh.axes[0].get_xlabel() == "增长（%）" and en.axes[0].get_xlabel() == "growth (%)"
        assert "Gross regional product" in [t.get_text() for t in en.axes[0].get_yticklabels()]
        assert "地区生产总值" in [t.get_text() for t in zh.axes[0].get_yticklabels()]
    finally:
        plt.close(zh)
        plt.close(en)


# --- the labels resource ---------------------------------------------------------------------

_LITERAL = re.compile(r'\blabel\(\s*["\']([^"\'{}]+)["\']')
_PREFIX = re.compile(r'\blabel\(\s*f"([a-z_]+\.)\{')
_STARTS = re.compile(r'startswith\("([a-z_]+\.)"\)')


def _used_keys():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (PACKAGE_DIR / "plots").glob("*.py"))
    return set(_LITERAL.findall(source)), set(_PREFIX.findall(source)) | set(_STARTS.findall(source))


def test_labels_have_zh_and_en_for_every_key_used():
    df = load_labels()
    assert list(df.columns[:3]) == ["key", "zh", "en"]
    assert not df["key"].duplicated().any()
    assert (df["zh"].str.strip() != "").all() and (df["en"].str.strip() != "").all()
    literal, prefixes = _used_keys()
    assert literal and prefixes
    keys = set(df["key"])
    assert literal <= keys, sorted(literal - keys)
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in keys), prefix
    unused = [k for k in keys if k not in literal and not any(k.startswith(p) for p in prefixes)]
    assert not unused, f"rows of labels.csv no figure uses: {sorted(unused)}"


def test_labels_keep_fields_and_leading_spaces():
    assert label("indicators.estimated", "en") == " (estimated)"
    assert label("reuse.near", "zh", share=0.25) == "近似重复 25%"
    assert label("overview.chars_title", "en", name="2024 government work report") == (
        "2024 government work report: characters by part and section")
    with pytest.raises(ValueError):
        label("yoy.growth", "fr")


# --- stored, else computed ---------------------------------------------------------------------

def _without(tables, *names):
    return {k: v for k, v in tables.items() if k not in names}


def test_pair_tables_computed_equal_the_stored_ones(tables):
    old, new = _pair(tables)
    for helper, name in [(pair_keyness, "keyness"), (pair_theme_shift, "theme_shift"), (pair_text_reuse, "text_reuse")]:
        stored = helper(tables, old, new)
        computed = helper(_without(tables, name), old, new)
        assert len(stored) > 0
        pd.testing.assert_frame_equal(computed.reset_index(drop=True), stored.reset_index(drop=True)[list(computed.columns)],
                                      check_dtype=False)


def test_a_pair_the_build_does_not_store_is_computed_and_drawn(tables):
    old, new = _pair(tables)
    assert tables["keyness"].query("old_report_id == @new and new_report_id == @old").empty
    k = pair_keyness(tables, new, old)  # the reverse pair: not stored
    assert set(k["old_report_id"]) == {new} and k["score"].is_monotonic_decreasing
    shift = pair_theme_shift(tables, new, old)
    reuse = pair_text_reuse(tables, new, old)
    assert set(reuse["old_report_id"]) == {new} and set(reuse["new_report_id"]) == {old}
    for fig in (fig03.keyness_figure(k, tables["reports"], new, old, 15, "en"),
                fig03.theme_shift_figure(shift, tables["reports"], new, old, "en"),
                fig03.text_reuse_figure(reuse, new, old, "en", reports=tables["reports"])):
        assert isinstance(fig, Figure)
        plt.close(fig)


def test_term_frequencies_recounted_when_stopwords_differ(tables, built_data):
    rid = _full(tables)
    stored = report_term_frequencies(tables["term_frequencies"], rid)
    assert stored.equals(tables["term_frequencies"][tables["term_frequencies"]["report_id"] == rid])
    tokens = load_table("tokens", built_data / "processed")
    recounted = report_term_frequencies(tables["term_frequencies"], rid, extra_stopwords=["巨野"], tokens=tokens)
    assert "巨野" in set(stored["term"]) and "巨野" not in set(recounted["term"])
    n = lambda df: df[df["scope"] == "report"].set_index("term")["n"]  # noqa: E731
    assert n(recounted).to_dict() == n(stored).drop("巨野").to_dict()


# --- notebooks only call the package ---------------------------------------------------------------

FORBIDDEN = {
    "a function definition": re.compile(r"^\s*(async\s+)?def\s", re.M),
    "a class definition": re.compile(r"^\s*class\s", re.M),
    "matplotlib or seaborn imported": re.compile(r"import\s+(matplotlib|seaborn)|from\s+(matplotlib|seaborn|wordcloud)\b"),
    "pyplot, an Axes or seaborn used": re.compile(r"\b(plt|ax|axes|sns)\.\w+"),
    "a drawing method called": re.compile(r"\.(bar|barh|annotate|scatter|subplots|imshow|axvline|axvspan|heatmap|barplot|"
                                          r"set_title|set_xlabel|set_ylabel|set_xticks|set_yticks|legend)\(|\.plot[.(]"),
    "a label dictionary": re.compile(r'"(zh|en)"\s*:\s*(dict\(|[{(\["])'),
}


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_cells_only_call_the_package(path):
    for cell in _code_cells(path):
        source = "".join(cell["source"])
        for what, pattern in FORBIDDEN.items():
            assert not pattern.search(source), f"{path.name}: {what} in a code cell:\n{source}"
        if "save_figure(" in source:
            statements = ast.parse(source).body
            assert len(statements) == 2, f"{path.name}: a figure cell is one figure call and save_figure:\n{source}"
            assert re.fullmatch(r'save_figure\(fig, "fig-[0-9a-z-]+", (report_id|\(old, new\)), lang\)',
                                ast.unparse(statements[1]).replace("'", '"')), \
                "save_figure(fig, NAME, report or pair, lang)"
            assert ast.unparse(statements[0]).startswith("fig = ")


PARAMETERS = {  # every parameter and its default, as the notebooks had them before their figures moved
    "00_report_overview": {"report_id": None, "lang": "zh"},
    "01_economic_indicators": {"report_id": None, "lang": "zh"},
    "02_keyword_frequency": {"report_id": None, "top_n": 30, "stopword_tiers": None, "extra_stopwords": [],
                             "lang": "zh", "dispersion_terms": None, "kwic_term": "营商环境", "mask_path": None},
    "03_year_over_year": {"old_report_id": None, "new_report_id": None, "report_id": None, "lang": "zh", "top_n": 15},
    "04_levels_and_series": {"lang": "zh", "report_id": None, "series_jurisdiction": "全国",
                             "indicators": ["gdp", "cpi", "new_urban_employment", "surveyed_unemployment_rate",
                                            "registered_unemployment_rate"],
                             "start_year": 2004, "end_year": 2025,
                             "terms": ["改革", "开放", "高质量发展", "新质生产力", "脱贫", "生态文明"]},
}


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_parameters_keep_their_defaults(path):
    (cell,) = [c for c in _code_cells(path) if "parameters" in c.get("metadata", {}).get("tags", [])]
    found = {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse("".join(cell["source"])).body}
    assert found == PARAMETERS[path.stem]


# --- honest comparisons: partial texts, estimates, same statistic (hand-made tables) -------------

def _pair_reports(new_completeness="partial"):
    return pd.DataFrame({"report_id": ["c_2023", "c_2024"], "county": ["某县", "某县"],
                         "report_year": [2023, 2024], "completeness": ["full", new_completeness],
                         "n_chars": [5000, 400]})


def _outcomes(rows):
    from juye_analysis.compare import OUTCOME_COLUMNS

    base = {"county": "某县", "period": 2023, "measure": "growth_pct", "target_report_id": "c_2023",
            "outcome_report_id": "c_2024", "note": ""}
    return pd.DataFrame([{**base, **r} for r in rows]).reindex(columns=OUTCOME_COLUMNS)


def _all_texts(fig) -> str:
    fig.canvas.draw()
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_estimated_outcomes_are_hollow_and_labelled_estimated_never_actual(lang):
    to = _outcomes([
        {"indicator": "gdp", "name_zh": "地区生产总值", "name_en": "GDP", "qualifier": "左右",
         "target_growth_pct": 6.0, "actual_growth_pct": 6.5, "estimated": True, "margin": 0.5, "status": "met"},
        {"indicator": "cpi", "name_zh": "物价", "name_en": "CPI", "qualifier": "",
         "target_growth_pct": 3.0, "actual_growth_pct": 2.0, "estimated": False, "margin": -1.0, "status": "missed"}])
    fig = fig03.target_vs_outcome_figure(to, _pair_reports("full"), "c_2023", "c_2024", lang)
    try:
        dots = {c.get_gid(): c for c in fig.axes[0].collections if c.get_gid() in ("estimated", "actual")}
        assert set(dots) == {"estimated", "actual"}
        assert len(dots["estimated"].get_offsets()) == 1 and dots["estimated"].get_offsets()[0][0] == 6.5
        assert tuple(dots["estimated"].get_facecolor()[0]) == (1.0, 1.0, 1.0, 1.0)  # hollow
        assert tuple(dots["actual"].get_facecolor()[0]) != (1.0, 1.0, 1.0, 1.0)  # filled
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert label("yoy.estimated", lang) in legend and label("yoy.actual", lang) in legend
    finally:
        plt.close(fig)
    only_estimated = to.iloc[:1]
    fig = fig03.target_vs_outcome_figure(only_estimated, _pair_reports("full"), "c_2023", "c_2024", lang)
    try:
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert label("yoy.estimated", lang) in legend and label("yoy.actual", lang) not in legend
    finally:
        plt.close(fig)


def test_a_partial_newer_text_is_named_in_the_target_vs_outcome_title():
    to = _outcomes([
        {"indicator": "gdp", "name_zh": "地区生产总值", "name_en": "GDP", "qualifier": "",
         "target_growth_pct": 6.0, "actual_growth_pct": 6.5, "estimated": False, "margin": 0.5, "status": "met"},
        {"indicator": "cpi", "name_zh": "物价", "name_en": "CPI", "qualifier": "", "target_growth_pct": 3.0,
         "status": "no_outcome", "outcome_report_id": None}])
    for completeness, expected in (("partial", True), ("full", False)):
        fig = fig03.target_vs_outcome_figure(to, _pair_reports(completeness), "c_2023", "c_2024", "en")
        try:
            title = fig.axes[0].get_title()
            partial = label("yoy.partial_text", "en", year=2024, n="400")
            assert (partial in title) is expected, title
            assert ("1 of 2 targets" in title) is expected
        finally:
            plt.close(fig)


@pytest.mark.parametrize("draw", ["keyness", "theme_shift", "text_reuse"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_pair_with_a_partial_text_shows_the_note_not_bars(draw, lang):
    from juye_analysis.compare.comparable import bind_comparability

    reports = _pair_reports("partial")
    ids = {"old_report_id": "c_2023", "new_report_id": "c_2024"}
    tables = {
        "keyness": pd.DataFrame({"term": ["甲", "乙"], "score": [2.0, -2.0], **ids}),
        "theme_shift": pd.DataFrame({"theme": ["a", "b"], "theme_zh": ["产业", "民生"], "theme_en": ["industry", "welfare"],
                                     "change_pp": [48.0, -48.0], **ids}),
        "text_reuse": pd.DataFrame({"sentence_no": [1, 2], "n_chars": [10, 20], "status": ["new", "exact"], **ids}),
    }
    for completeness, comparable in (("partial", False), ("full", True)):
        reports = _pair_reports(completeness)
        table = bind_comparability(tables[draw], reports)
        assert set(table["comparable"]) == {comparable}
        fig = {"keyness": lambda: fig03.keyness_figure(table, reports, "c_2023", "c_2024", 15, lang),
               "theme_shift": lambda: fig03.theme_shift_figure(table, reports, "c_2023", "c_2024", lang),
               "text_reuse": lambda: fig03.text_reuse_figure(table, "c_2023", "c_2024", lang, reports=reports)}[draw]()
        try:
            ax = fig.axes[0]
            notes = [t for t in ax.texts if t.get_gid() == "not_comparable"]
            assert bool(notes) is not comparable
            assert bool(ax.patches) is comparable  # no bar drawn for a pair that is not comparable
            if notes:
                text = notes[0].get_text().replace("\n", "" if lang == "zh" else " ")
                assert label("yoy.partial_text", lang, year=2024, n="400") in text
                assert "48" not in _all_texts(fig)
        finally:
            plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_amplification_figure_draws_only_same_statistic_pairs_and_names_the_rest(lang):
    from juye_analysis.compare import AMPLIFICATION_COLUMNS

    base = {"county": "某县", "year": 2024, "level": "national", "jurisdiction": "全国", "report_id": "c_2024"}
    amp = pd.DataFrame([
        {**base, "indicator": "gdp", "name_zh": "地区生产总值", "name_en": "GDP", "county_growth_pct": 6.0,
         "county_qualifier": "左右", "level_growth_pct": 5.0, "level_qualifier": "左右", "gap_pp": 1.0},
        {**base, "indicator": "unemployment", "name_zh": "失业率", "name_en": "unemployment rate",
         "county_value": 3.4, "county_unit": "%", "county_qualifier": "以内", "level_value": 5.5,
         "level_unit": "%", "level_qualifier": "左右", "gap_pp": float("nan"),
         "note": "different statistics: the county states 城镇登记失业率, the reference 城镇调查失业率"},
        {**base, "indicator": "grain", "name_zh": "粮食产量", "name_en": "grain output", "county_value": 13.6,
         "county_unit": "亿斤", "level_value": 1.3, "level_unit": "万亿斤", "gap_pp": float("nan")},
    ]).reindex(columns=AMPLIFICATION_COLUMNS)
    fig = fig03.amplification_figure(amp, "c_2023", "c_2024", lang)
    try:
        ax = fig.axes[0]
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        name = "name_zh" if lang == "zh" else "name_en"
        assert ticks == [amp.loc[0, name]]
        assert len(ax.patches) == 2  # the county's bar and the level's, for GDP only
        assert sorted(round(p.get_height(), 6) for p in ax.patches) == [5.0, 6.0]
        title = ax.get_title().replace("\n", "" if lang == "zh" else " ")
        assert label("yoy.amp_left_out", lang, items=amp.loc[1, name]) in title
        assert label("yoy.amp_levels_left_out", lang, items=amp.loc[2, name]) in title
    finally:
        plt.close(fig)


def test_english_fig03_qualifiers_and_levels_are_english():
    assert fig03.qualified_text(6.0, "左右", "en", unit="%") == "about 6%"
    assert fig03.qualified_text(13.6, "以上", "en") == "at least 13.6"
    assert fig03.qualified_text(3.4, "控制在|以内", "en", unit="%") == "at most 3.4%"
    assert fig03.qualified_text(3.4, "控制在|以内", "zh", unit="%") == "控制在3.4%以内"
    assert fig03.qualified_text(5.0, None, "en") == "5"


@pytest.mark.parametrize("name", sorted(n for n in FIGURES if n.startswith("fig-03")))
def test_english_fig03_figures_have_no_chinese_character(tables, name):
    fig = FIGURES[name](tables, "en")
    try:
        han = [t for t in _all_texts(fig).split("\n") if re.search(r"[\u4e00-\u9fff]", t)]
        assert not han, han
    finally:
        plt.close(fig)


def test_rank_claims_figure_counts_only_achieved_claims():
    rc = pd.DataFrame({"report_id": ["c_2023"] * 3, "kind": ["achieved", "achieved", "aspired"],
                       "scope": ["全市", "全省", "全省"], "rank": ["1", "1", "一流"]})
    reports = pd.DataFrame({"report_id": ["c_2023"], "county": ["某县"], "report_year": [2023], "review_year": [2022]})
    fig = fig01.rank_claims_figure(rc, reports, "c_2023", "zh")
    try:
        ax = fig.axes[0]
        # one horizontal bar per rank: the aspired 一流 is not a standing
        assert [t.get_text() for t in ax.get_yticklabels()] == [label("rank.ordinal", "zh", n=1)]
        assert sum(p.get_width() for p in ax.patches) == 2
    finally:
        plt.close(fig)


def test_series_figure_shows_each_targets_hardness_and_the_missing_years():
    """Marker by hardness (○ 左右, △ 以上, ▽ 以内), a range as a bar, a missing report as a band."""
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.patches import Polygon, Rectangle

    def row(period, status, hard="", growth=None, low=None, high=None, actual=None):
        return {"county": "全国", "indicator": "gdp", "name_zh": "国内生产总值", "name_en": "GDP",
                "period": period, "hardness": hard, "target_growth_pct": growth, "target_growth_low": low,
                "target_growth_high": high, "target_value": None, "target_unit": "",
                "actual_growth_pct": actual, "actual_value": None, "actual_unit": "", "status": status}
    series = pd.DataFrame([row(2016, "met", "range", low=6.5, high=7.0, actual=6.7),
                           row(2017, "met", "around", 6.5, actual=6.9),
                           row(2018, "met", "floor", 6.0, actual=6.6),
                           row(2019, "no_outcome_report", "ceiling", 6.0),
                           row(2020, "no_target_report")])
    fig = fig04.series_figure(series, "全国", ["gdp"], 2016, 2020, "en")
    try:
        ax = fig.axes[0]
        markers = [c for c in ax.collections if isinstance(c, PathCollection)]
        assert len(markers) == 3  # 2017 ○, 2018 △, 2019 ▽; the range is a bar
        assert [tuple(c.get_offsets()[0]) for c in markers] == [(2017, 6.5), (2018, 6.0), (2019, 6.0)]
        bars = [c for c in ax.collections if isinstance(c, LineCollection)]
        assert len(bars) == 1 and bars[0].get_segments()[0].tolist() == [[2016, 6.5], [2016, 7.0]]
        bands = [p for p in ax.patches if isinstance(p, (Polygon, Rectangle))]
        assert len(bands) == 1  # 2020: the report missing from the collection
        assert "China" in fig._suptitle.get_text()
    finally:
        plt.close(fig)
