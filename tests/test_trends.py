"""Term trends (issue 13): words/trends.py and plots/trends.py on small hand-made tables."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from juye_analysis.words.trends import TREND_COLUMNS, count_term_trends, top_terms_by_decade  # noqa: E402

REPORTS = pd.DataFrame({"report_id": ["n1978", "n2024"], "jurisdiction": ["全国", "全国"],
                        "level": ["national", "national"], "report_year": [1978, 2024],
                        "n_chars": [20_000, 5_000]})
TOKENS = pd.DataFrame({"report_id": ["n1978"] * 3 + ["n2024"] * 4,
                       "token": ["四个现代化", "改革", "四个现代化", "改革", "新质生产力", "改革", "乡村振兴"]})
THEMES = pd.DataFrame({"theme": ["reform", "reform", "agriculture"], "theme_zh": ["改革", "改革", "农业农村"],
                       "theme_en": ["Reform", "Reform", "Agriculture"], "term": ["改革", "放管服", "乡村振兴"],
                       "note": ["", "", ""]})


def _trends(**kw):
    kw.setdefault("themes", THEMES)
    return count_term_trends(TOKENS, REPORTS, ["四个现代化", "改革", "新质生产力"],
                             dictionary_version="v-test", **kw)


def test_counts_and_rates_per_report_and_term():
    df = _trends().set_index(["report_id", "kind", "term"])
    assert df.loc[("n1978", "term", "四个现代化"), "n"] == 2
    assert df.loc[("n1978", "term", "四个现代化"), "per_10k_chars"] == pytest.approx(1.0)  # 2 / 20,000
    assert df.loc[("n2024", "term", "四个现代化"), "n"] == 0  # zeros are rows too
    assert df.loc[("n2024", "term", "改革"), "per_10k_chars"] == pytest.approx(4.0)  # 2 / 5,000
    assert (df["n_chars"].loc["n2024"] == 5_000).all()


def test_themes_count_the_tokens_of_their_terms():
    df = _trends().set_index(["report_id", "kind", "term"])
    assert df.loc[("n2024", "theme", "reform"), "n"] == 2
    assert df.loc[("n2024", "theme", "agriculture"), "n"] == 1
    assert df.loc[("n2024", "theme", "agriculture"), "term_zh"] == "农业农村"


def test_columns_order_and_the_dictionary_version():
    df = _trends()
    assert list(df.columns) == TREND_COLUMNS
    assert len(df) == 2 * (3 + 2)
    assert set(df["dictionary_version"]) == {"v-test"}
    assert list(df.loc[df["report_id"] == "n1978", "term"]) == ["四个现代化", "改革", "新质生产力",
                                                                 "reform", "agriculture"]


def test_the_default_dictionary_version_is_the_user_dictionarys():
    from juye_analysis.resource_files import userdict_version

    df = count_term_trends(TOKENS, REPORTS, ["改革"], themes=THEMES.iloc[:0])
    assert set(df["dictionary_version"]) == {userdict_version()}


def test_a_term_that_is_not_a_dictionary_word_is_counted_as_a_substring():
    sentences = pd.DataFrame({"report_id": ["n1978", "n2024"], "text": ["丙戊甲丙戊", "丙戊"]})
    df = count_term_trends(TOKENS, REPORTS, ["丙戊"], themes=THEMES.iloc[:0], sentences=sentences)
    assert list(df["n"]) == [2, 1] and set(df["counted_as"]) == {"substring"}
    with pytest.raises(ValueError, match="丙戊"):
        count_term_trends(TOKENS, REPORTS, ["丙戊"], themes=THEMES.iloc[:0])


def test_count_as_substring_counts_a_term_inside_a_longer_word():
    tokens = pd.DataFrame({"report_id": ["n2024"] * 2, "token": ["脱贫攻坚", "脱贫"]})
    sentences = pd.DataFrame({"report_id": ["n2024"], "text": ["脱贫攻坚，脱贫"]})
    auto = count_term_trends(tokens, REPORTS.iloc[1:], ["脱贫"], themes=THEMES.iloc[:0], sentences=sentences)
    sub = count_term_trends(tokens, REPORTS.iloc[1:], ["脱贫"], themes=THEMES.iloc[:0], sentences=sentences,
                            count_as="substring")
    assert (auto["n"].tolist(), auto["counted_as"].tolist()) == ([1], ["token"])
    assert (sub["n"].tolist(), sub["counted_as"].tolist()) == ([2], ["substring"])


def test_a_dictionary_term_counted_as_tokens_equals_its_substring_count(tokenizer):
    from juye_analysis.words.tokens import tokens_from_sentences

    text = "因地制宜发展新质生产力。新质生产力是创新起主导作用的先进生产力。培育新质生产力。"
    sentences = pd.DataFrame({"report_id": ["r"], "part_no": [1], "part": [""], "section_no": [0],
                              "section": [""], "sentence_no": [1], "start": [0], "end": [len(text)],
                              "text": [text]})
    tokens = tokens_from_sentences(sentences, tokenizer)
    reports = pd.DataFrame({"report_id": ["r"], "jurisdiction": ["全国"], "level": ["national"],
                            "report_year": [2024], "n_chars": [len(text)]})
    df = count_term_trends(tokens, reports, ["新质生产力"], themes=THEMES.iloc[:0], tokenizer=tokenizer)
    assert df["counted_as"].tolist() == ["token"]
    assert df["n"].tolist() == [text.count("新质生产力")] == [3]


def test_top_terms_by_decade_with_a_whitespace_tokenizer():
    from juye_analysis.words.tokenizer import whitespace_tokenizer

    texts = {1978: "改革 改革 开放 的", 1979: "改革 农业", 2021: "创新 创新 改革"}
    df = top_terms_by_decade(texts, whitespace_tokenizer, top=2, stopwords={"的"})
    assert df[df["decade"] == 1970][["term", "n"]].values.tolist() == [["改革", 3], ["农业", 1]]
    assert df[df["decade"] == 2020]["term"].tolist() == ["创新", "改革"]
    assert df[df["decade"] == 1970]["n_reports"].iloc[0] == 2


def test_log_odds_puts_first_the_term_only_one_decade_uses():
    from juye_analysis.words.tokenizer import whitespace_tokenizer

    texts = {1978: " ".join(["改革"] * 10 + ["革命"] * 10), 2021: " ".join(["改革"] * 10 + ["创新"] * 10)}
    df = top_terms_by_decade(texts, whitespace_tokenizer, top=2, stopwords=(), method="log_odds")
    assert df[df["decade"] == 1970]["term"].tolist() == ["革命", "改革"]
    assert df[df["decade"] == 2020]["term"].tolist() == ["创新", "改革"]
    assert df.loc[df["term"] == "改革", "score"].abs().max() < 1e-9  # used alike: z = 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_term_trend_figure_has_a_title_and_a_line_per_term(lang):
    from juye_analysis.plots.trends import term_trend_figure

    fig = term_trend_figure(_trends(), ["四个现代化", "改革", "reform"], lang=lang)
    ax = fig.axes[0]
    assert "1978" in ax.get_title() and "2024" in ax.get_title()
    assert len(ax.get_lines()) == 3
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == ("四个现代化" if lang == "zh" else "Four Modernisations")  # no Chinese in English
    from juye_analysis.words.themes import theme_labels

    assert labels[2] == ("改革" if lang == "zh" else theme_labels(lang="en")["reform"])


def test_term_without_a_translation_is_written_in_pinyin_in_english():
    from juye_analysis.plots.trends import term_label

    trends = pd.DataFrame({"term": ["营商环境"], "kind": ["term"]})
    assert term_label("营商环境", trends, "en") == "yingshanghuanjing"
    assert term_label("营商环境", trends, "zh") == "营商环境"


def test_term_trend_figure_refuses_a_term_not_in_the_table():
    from juye_analysis.plots.trends import term_trend_figure

    with pytest.raises(ValueError, match="双循环"):
        term_trend_figure(_trends(), ["双循环"])


def test_the_built_term_trends_agree_with_theme_attention_and_build_info(built_data):
    """The build's term_trends: one row per report and term or theme, the theme counts equal the
    token counts of theme_attention, and the dictionary version is the one build_info records."""
    import json

    from juye_analysis.pipeline.storage import load_table

    processed = built_data / "processed"
    trends = load_table("term_trends", processed)
    attention = load_table("theme_attention", processed)
    assert not trends.duplicated(["report_id", "kind", "term"]).any()
    themes = trends[trends["kind"] == "theme"].set_index(["report_id", "term"])["n"].sort_index()
    report = attention[attention["scope"] == "report"].set_index(["report_id", "theme"])["n_tokens"].sort_index()
    assert themes.tolist() == report.tolist()
    info = json.loads((processed / "build_info.json").read_text(encoding="utf-8"))
    assert set(trends["dictionary_version"]) == {info["dictionary_version"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_term_trend_figure_says_when_the_build_has_no_report_of_the_jurisdiction(lang):
    """A county-only build has no national report: notebook 04 draws a note, not an error."""
    from juye_analysis.plots.trends import term_trend_figure

    empty = pd.DataFrame(columns=["term", "kind", "report_year", "per_10k_chars"])
    fig = term_trend_figure(empty, ["改革"], lang, "全国")
    ax = fig.axes[0]
    assert ax.get_title() and ax.texts[0].get_text() == (
        "构建中没有全国的报告" if lang == "zh" else "no report of China in the build")
