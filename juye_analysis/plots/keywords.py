"""Figures of notebook 02 (keyword frequency and policy attention): top terms, word cloud, terms
by section, theme attention by section and by part, dispersion.

Each function takes the tables and parameters and returns a matplotlib Figure; the notebook
saves it with ``save_figure``. ``tf`` is a term-frequency table of one report with the scopes
report, part and section (``words.stored.report_term_frequencies``).
"""
from __future__ import annotations

import pandas as pd

from ..words.matrix import term_dispersion, term_matrix
from ..words.scopes import part_spans
from ..words.themes import theme_labels
from .charts import fit_legend, fit_title, integer_ticks, new_figure, tab10
from .labels import label, part_name, report_name, section_name, term_name


HEATMAP_MAX_TERMS = 25


def read_mask(path) -> "object | None":
    """A word-cloud mask (an RGB array: its white area stays empty) from an image file, or None."""
    if path is None:
        return None
    import numpy as np
    from PIL import Image

    return np.array(Image.open(path).convert("RGB"))


def _report_rows(tf: pd.DataFrame) -> pd.DataFrame:
    return tf[tf["scope"] == "report"]


def _section_names(sentences: pd.DataFrame, theme_attention, report_id: str, lang: str) -> dict:
    """(part_no, section_no) → the section's name (:func:`labels.section_name`)."""
    from .overview import main_themes

    rep = sentences[sentences["report_id"] == report_id].drop_duplicates(["part_no", "section_no"])
    themes = main_themes(theme_attention, report_id, lang) if theme_attention is not None else {}
    return {(int(r.part_no), int(r.section_no)):
            section_name(r.part_no, r.section_no, r.section, lang, themes.get((int(r.part_no), int(r.section_no))))
            for r in rep.itertuples(index=False)}


def top_terms_figure(tf: pd.DataFrame, reports: pd.DataFrame, report_id: str, top_n: int = 30, lang: str = "zh"):
    """fig-02-top-terms: the ``top_n`` most frequent terms of the whole report (in English
    figures each term in pinyin)."""
    top = _report_rows(tf).head(top_n)
    fig, ax = new_figure("single", 0.15 * len(top) + 1.0)
    ax.barh([term_name(t, lang) for t in top["term"]], top["n"], color=tab10(0))
    ax.set_ylim(len(top) - 0.5, -0.5)
    ax.set_xlabel(label("keywords.count_n", lang))
    ax.set_ylabel(label("keywords.term", lang))
    integer_ticks(ax.xaxis)
    fit_title(ax, label("keywords.top", lang, name=report_name(reports, report_id, lang), n=len(top)), loc="left")
    return fig


def word_cloud_figure(tf: pd.DataFrame, reports: pd.DataFrame, report_id: str, lang: str = "zh", mask=None):
    """fig-02-word-cloud: a word cloud of the report's counts (``generate_from_frequencies``, fixed
    ``random_state``, the package's CJK font, a margin wide enough that neighbouring words do not
    read as one phrase; English: the terms in pinyin); ``mask`` from :func:`read_mask`."""
    from wordcloud import WordCloud

    from .style import cjk_font_path

    rows = _report_rows(tf)
    frequencies = {}
    for term, n in zip(rows["term"], rows["n"]):
        key = term_name(term, lang)
        frequencies[key] = frequencies.get(key, 0) + int(n)
    cloud = WordCloud(font_path=str(cjk_font_path()), width=1800, height=1000, background_color="white",
                      max_words=120, random_state=42, mask=mask, prefer_horizontal=1.0, margin=14,
                      relative_scaling=0.5, collocations=False).generate_from_frequencies(frequencies)
    fig, ax = new_figure("double", 4.3)
    ax.imshow(cloud, interpolation="bilinear")
    ax.axis("off")
    fit_title(ax, label("keywords.cloud", lang, name=report_name(reports, report_id, lang)))
    return fig


def terms_by_section_figure(tf: pd.DataFrame, sentences: pd.DataFrame, reports: pd.DataFrame, report_id: str,
                            top_n: int = 30, lang: str = "zh", theme_attention: pd.DataFrame | None = None):
    """fig-02-terms-by-section: heatmap of the top terms (at most 25) by section, per 10,000
    characters of each section (English: terms in pinyin, sections by their main theme)."""
    import seaborn as sns

    heat = term_matrix(tf, report_id, scope="section", top_n=min(top_n, HEATMAP_MAX_TERMS))
    names = _section_names(sentences, theme_attention, report_id, lang)
    rows = [names[(int(p), int(s))] for p, s in heat.index]
    fig, ax = new_figure("double", 0.16 * len(heat) + 1.9)
    sns.heatmap(heat.set_axis(rows, axis=0).set_axis([term_name(t, lang) for t in heat.columns], axis=1),
                cmap="Blues", linewidths=0.3, ax=ax, xticklabels=True, yticklabels=True,
                cbar_kws={"label": label("keywords.per10k", lang)})
    ax.set_xlabel("")
    ax.set_ylabel(label("section.axis", lang))
    ax.tick_params(axis="x", rotation=90)
    fit_title(ax, label("keywords.heat", lang, name=report_name(reports, report_id, lang)), loc="left")
    return fig


def _themes(theme_attention: pd.DataFrame, report_id: str, scope: str, lang: str):
    names = theme_labels(lang=lang)
    ta = theme_attention[(theme_attention["report_id"] == report_id) & (theme_attention["scope"] == scope)
                         & (theme_attention["part_no"] > 0)]
    return ta.assign(label=ta["theme"].map(names)), names


def themes_by_section_figure(theme_attention: pd.DataFrame, sentences: pd.DataFrame, reports: pd.DataFrame,
                             report_id: str, lang: str = "zh"):
    """fig-02-themes-by-section: each section's theme shares (substring counts), stacked."""
    import seaborn as sns

    sec, names = _themes(theme_attention, report_id, "section", lang)
    wide = sec.pivot_table(index=["part_no", "section_no"], columns="label", values="share_substrings",
                           sort=False).fillna(0)
    wide = wide[[names[t] for t in names if names[t] in wide.columns]]
    section_names = _section_names(sentences, theme_attention, report_id, lang)
    wide.index = [section_names[(int(p), int(s))] for p, s in wide.index]
    fig, ax = new_figure("double", 0.17 * len(wide) + 1.8)
    wide.plot.barh(stacked=True, ax=ax, width=0.8, color=sns.color_palette("tab10", wide.shape[1]), legend=False)
    ax.set_ylim(len(wide) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel(label("keywords.share", lang))
    ax.set_ylabel(label("section.axis", lang))
    fit_legend(fig, 4, loc="outside lower center", frameon=False, title=label("keywords.theme", lang))
    fit_title(ax, label("keywords.themes_sec", lang, name=report_name(reports, report_id, lang)), loc="left")
    return fig


def themes_by_part_figure(theme_attention: pd.DataFrame, sentences: pd.DataFrame, reports: pd.DataFrame,
                          report_id: str, lang: str = "zh"):
    """fig-02-themes-by-part: each part's theme shares (substring counts), one bar per theme."""
    import seaborn as sns

    part, _ = _themes(theme_attention, report_id, "part", lang)
    rep = sentences[sentences["report_id"] == report_id].drop_duplicates("part_no").set_index("part_no")
    part = part.assign(part=[part_name(n, rep.loc[n, "part"], rep.loc[n, "part_role"], lang) for n in part["part_no"]])
    fig, ax = new_figure("double", 4.2)
    sns.barplot(data=part, x="share_substrings", y="part", hue="label", ax=ax, palette="tab10", legend=True)
    ax.set_xlabel(label("keywords.share", lang))
    ax.set_ylabel("")
    handles, texts = ax.get_legend_handles_labels()
    ax.get_legend().remove()
    fit_legend(fig, 4, handles=handles, labels=texts, loc="outside lower center", frameon=False,
               title=label("keywords.theme", lang))
    fit_title(ax, label("keywords.themes_part", lang, name=report_name(reports, report_id, lang)), loc="left")
    return fig


def dispersion_figure(tf: pd.DataFrame, sentences: pd.DataFrame, reports: pd.DataFrame, report_id: str, terms=None,
                      top_n: int = 30, lang: str = "zh"):
    """fig-02-dispersion: one tick per occurrence (as a substring) of each term along the report,
    over bands that show the report's parts (one colour each, named in the legend). ``terms``:
    None for the report's eight most frequent (of the ``top_n``)."""
    from matplotlib.patches import Patch

    rep = sentences[sentences["report_id"] == report_id]
    terms = list(terms or _report_rows(tf).head(top_n)["term"].head(8))
    disp = term_dispersion(rep, terms)
    spans = part_spans(rep)
    roles = rep.drop_duplicates("part_no").set_index("part_no")
    fig, ax = new_figure("double", 0.24 * len(terms) + 1.4)
    handles = []
    for i, row in enumerate(spans[spans["part_no"] > 0].itertuples()):
        color = tab10(i)
        ax.axvspan(row.relative_start, row.relative_end, color=color, alpha=0.15, lw=0, zorder=0)
        handles.append(Patch(facecolor=color, alpha=0.3,
                             label=part_name(row.part_no, roles.loc[row.part_no, "part"],
                                             roles.loc[row.part_no, "part_role"], lang)))
    ypos = {t: i for i, t in enumerate(terms)}
    ax.scatter(disp["relative_position"], disp["term"].map(ypos), marker="|", s=120, color="black", lw=0.9)
    ax.set_yticks(range(len(terms)), [term_name(t, lang) for t in terms])
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.grid(False)
    ax.set_xlabel(label("keywords.where", lang))
    ax.set_ylabel(label("keywords.term", lang))
    fit_legend(fig, len(handles), handles=handles, loc="outside lower center", frameon=False,
               title=label("part.legend", lang))
    fit_title(ax, label("keywords.disp", lang, name=report_name(reports, report_id, lang)), loc="left")
    return fig
