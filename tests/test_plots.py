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
from juye_analysis.plots.labels import label, load_labels  # noqa: E402
from juye_analysis.plots.style import use_house_style  # noqa: E402
from juye_analysis.read.metadata import choose_report  # noqa: E402
from juye_analysis.read.structure import structure_summary  # noqa: E402
from juye_analysis.words.stored import report_term_frequencies  # noqa: E402

TABLES = ["reports", "sentences", "indicators", "rank_claims", "term_frequencies", "theme_attention",
          "target_outcome", "target_ambition", "amplification", "keyness", "theme_shift", "text_reuse"]


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
    "fig-03-text-reuse": lambda t, lang: fig03.text_reuse_figure(pair_text_reuse(t, *_pair(t)), *_pair(t), lang),
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
        assert fig.axes and any(ax.patches or ax.collections or ax.images or ax.lines for ax in fig.axes)
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
                fig03.text_reuse_figure(reuse, new, old, "en")):
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
                                ast.unparse(statements[1]).replace("'", '"')), "save_figure(fig, NAME, report or pair, lang)"
            assert ast.unparse(statements[0]).startswith("fig = ")


PARAMETERS = {  # every parameter and its default, as the notebooks had them before their figures moved
    "00_report_overview": {"report_id": None, "lang": "zh"},
    "01_economic_indicators": {"report_id": None, "lang": "zh"},
    "02_keyword_frequency": {"report_id": None, "top_n": 30, "stopword_tiers": None, "extra_stopwords": [],
                             "lang": "zh", "dispersion_terms": None, "kwic_term": "营商环境", "mask_path": None},
    "03_year_over_year": {"old_report_id": None, "new_report_id": None, "lang": "zh", "top_n": 15},
}


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebook_parameters_keep_their_defaults(path):
    (cell,) = [c for c in _code_cells(path) if "parameters" in c.get("metadata", {}).get("tags", [])]
    found = {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse("".join(cell["source"])).body}
    assert found == PARAMETERS[path.stem]
