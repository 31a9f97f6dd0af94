"""Figures of notebook 02 (keyword frequency and policy attention): top terms, word cloud, terms
by section, theme attention by section and by part, dispersion.

Each function takes the tables and parameters and returns a matplotlib Figure; the notebook
saves it with ``save_figure``. ``tf`` is a term-frequency table of one report with the scopes
report, part and section (``words.stored.report_term_frequencies``).
"""
from __future__ import annotations

import pandas as pd

from ..words.matrix import term_dispersion, term_matrix
from ..words.scopes import part_spans, scope_labels
from ..words.themes import theme_labels
from .charts import new_figure, tab10
from .labels import label


HEATMAP_MAX_TERMS = 25


def report_name(reports: pd.DataFrame, report_id: str, lang: str = "zh") -> str:
    """The report as named in titles: 巨野县2024年政府工作报告 / 巨野县 2024."""
    report = reports.set_index("report_id").loc[report_id]
    return label("keywords.report_name", lang, county=report["county"], year=report["report_year"])


def read_mask(path) -> "object | None":
    """A word-cloud mask (an RGB array: its white area stays empty) from an image file, or None."""
    if path is None:
        return None
    import numpy as np
    from PIL import Image

    return np.array(Image.open(path).convert("RGB"))


def _report_rows(tf: pd.DataFrame) -> pd.DataFrame:
    return tf[tf["scope"] == "report"]


def _section_labels(sentences: pd.DataFrame, report_id: str) -> pd.DataFrame:
    return scope_labels(sentences[sentences["report_id"] == report_id]).set_index(["part_no", "section_no"])


def top_terms_figure(tf: pd.DataFrame, reports: pd.DataFrame, report_id: str, top_n: int = 30, lang: str = "zh"):
    """fig-02-top-terms: the ``top_n`` most frequent terms of the whole report."""
    top = _report_rows(tf).head(top_n)
    fig, ax = new_figure(7, 0.26 * len(top) + 1)
    ax.barh(top["term"], top["n"], color=tab10(0))
    ax.invert_yaxis()
    ax.set_xlabel(label("keywords.n", lang))
    ax.set_title(label("keywords.top", lang, name=report_name(reports, report_id, lang), n=len(top)))
    return fig


def word_cloud_figure(tf: pd.DataFrame, reports: pd.DataFrame, report_id: str, lang: str = "zh", mask=None):
    """fig-02-word-cloud: a word cloud of the report's counts (``generate_from_frequencies``, fixed
    ``random_state``, the package's CJK font); ``mask`` from :func:`read_mask`."""
    from wordcloud import WordCloud

    from .style import cjk_font_path

    rows = _report_rows(tf)
    cloud = WordCloud(font_path=str(cjk_font_path()), width=1200, height=700, background_color="white",
                      max_words=150, random_state=42, mask=mask, prefer_horizontal=1.0,
                      collocations=False).generate_from_frequencies(dict(zip(rows["term"], rows["n"])))
    fig, ax = new_figure(10, 6)
    ax.imshow(cloud, interpolation="bilinear")
    ax.axis("off")
    ax.set_title(label("keywords.cloud", lang, name=report_name(reports, report_id, lang)))
    return fig


def terms_by_section_figure(tf: pd.DataFrame, sentences: pd.DataFrame, report_id: str, top_n: int = 30,
                            lang: str = "zh"):
    """fig-02-terms-by-section: heatmap of the top terms (at most 25) by section, per 10,000
    characters of each section."""
    import seaborn as sns

    heat = term_matrix(tf, report_id, scope="section", top_n=min(top_n, HEATMAP_MAX_TERMS))
    rows = _section_labels(sentences, report_id).loc[heat.index, "label"]
    fig, ax = new_figure(12, 0.36 * len(heat) + 2)
    sns.heatmap(heat.set_axis(rows, axis=0), cmap="Blues", linewidths=0.3, ax=ax,
                cbar_kws={"label": label("keywords.per10k", lang)})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(label("keywords.heat", lang))
    return fig


def _themes(theme_attention: pd.DataFrame, report_id: str, scope: str, lang: str):
    names = theme_labels(lang=lang)
    ta = theme_attention[(theme_attention["report_id"] == report_id) & (theme_attention["scope"] == scope)
                         & (theme_attention["part_no"] > 0)]
    return ta.assign(label=ta["theme"].map(names)), names


def themes_by_section_figure(theme_attention: pd.DataFrame, sentences: pd.DataFrame, report_id: str,
                             lang: str = "zh"):
    """fig-02-themes-by-section: each section's theme shares (substring counts), stacked."""
    import seaborn as sns

    sec, names = _themes(theme_attention, report_id, "section", lang)
    wide = sec.pivot_table(index=["part_no", "section_no"], columns="label", values="share_substrings",
                           sort=False).fillna(0)
    wide = wide[[names[t] for t in names if names[t] in wide.columns]]
    wide.index = _section_labels(sentences, report_id).loc[wide.index, "label"]
    fig, ax = new_figure(10, 0.36 * len(wide) + 1.5)
    wide.plot.barh(stacked=True, ax=ax, width=0.8, color=sns.color_palette("tab10", wide.shape[1]))
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(label("keywords.share", lang))
    ax.set_ylabel("")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title(label("keywords.themes_sec", lang))
    return fig


def themes_by_part_figure(theme_attention: pd.DataFrame, sentences: pd.DataFrame, report_id: str,
                          lang: str = "zh"):
    """fig-02-themes-by-part: each part's theme shares (substring counts), one bar per theme."""
    import seaborn as sns

    part, _ = _themes(theme_attention, report_id, "part", lang)
    rep = sentences[sentences["report_id"] == report_id]
    titles = rep.drop_duplicates("part_no").set_index("part_no")["part"]
    part = part.assign(part=[label("keywords.part", lang, part=titles.get(n), part_no=n) for n in part["part_no"]])
    fig, ax = new_figure(10, 3)
    sns.barplot(data=part, x="share_substrings", y="part", hue="label", ax=ax, palette="tab10")
    ax.set_xlabel(label("keywords.share", lang))
    ax.set_ylabel("")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title(label("keywords.themes_part", lang))
    return fig


def dispersion_figure(tf: pd.DataFrame, sentences: pd.DataFrame, report_id: str, terms=None, top_n: int = 30,
                      lang: str = "zh"):
    """fig-02-dispersion: one tick per occurrence (as a substring) of each term along the report,
    over shaded bands for its parts. ``terms``: None for the report's eight most frequent (of
    the ``top_n``)."""
    rep = sentences[sentences["report_id"] == report_id]
    terms = list(terms or _report_rows(tf).head(top_n)["term"].head(8))
    disp = term_dispersion(rep, terms)
    spans = part_spans(rep)
    fig, ax = new_figure(10, 0.4 * len(terms) + 1.2)
    for i, row in enumerate(spans[spans["part_no"] > 0].itertuples()):
        ax.axvspan(row.relative_start, row.relative_end, color="0.93" if i % 2 == 0 else "0.98", zorder=0)
        ax.text((row.relative_start + row.relative_end) / 2, -0.6, str(row.part_no), ha="center", va="bottom",
                fontsize=9)
    ypos = {t: i for i, t in enumerate(terms)}
    ax.scatter(disp["relative_position"], disp["term"].map(ypos), marker="|", s=200, color=tab10(0))
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(len(terms) - 0.5, -0.9)
    ax.set_xlim(0, 1)
    ax.set_xlabel(label("keywords.where", lang))
    ax.set_title(label("keywords.disp", lang))
    return fig
