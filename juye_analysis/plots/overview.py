"""Figures of notebook 00 (report overview): how much text each part and section gets.

Each function takes the tables and parameters and returns a matplotlib Figure; the notebook
saves it with ``save_figure``.
"""
from __future__ import annotations

import pandas as pd

from .charts import fit_legend, fit_title, integer_ticks, new_figure, tab10
from .labels import label, part_name, report_name, section_name


def main_themes(theme_attention: pd.DataFrame, report_id: str, lang: str = "zh") -> dict:
    """(part_no, section_no) → the name in ``lang`` of the theme with the largest share of the
    section's theme terms (substring counts); sections without theme terms are left out."""
    col = "theme_zh" if lang == "zh" else "theme_en"
    ta = theme_attention[(theme_attention["report_id"] == report_id) & (theme_attention["scope"] == "section")
                         & (theme_attention["n_substrings"] > 0)]
    top = ta.sort_values(["part_no", "section_no", "share_substrings", "theme"],
                         ascending=[True, True, False, True]).drop_duplicates(["part_no", "section_no"])
    return {(int(p), int(s)): t for p, s, t in zip(top["part_no"], top["section_no"], top[col])}


def characters_by_section_figure(summary: pd.DataFrame, reports: pd.DataFrame, report_id: str,
                                 lang: str = "zh", theme_attention: pd.DataFrame | None = None):
    """fig-00-characters-by-section: characters of each section, and of each part's
    introduction (its text before the first section, labelled as such: ``1.0``), one colour per
    part (legend). ``summary``: ``read.structure.structure_summary`` of the report's sentences;
    ``theme_attention`` names the sections in English by their main theme."""
    plot = summary[summary["part_no"] > 0]
    themes = main_themes(theme_attention, report_id, lang) if theme_attention is not None else {}
    names = [section_name(r.part_no, r.section_no, r.section, lang, themes.get((r.part_no, r.section_no)))
             for r in plot.itertuples(index=False)]
    parts = plot.drop_duplicates("part_no")
    color = {p: tab10(i) for i, p in enumerate(parts["part_no"])}
    fig, ax = new_figure("double", 0.17 * len(plot) + 1.1)
    ax.barh(range(len(plot)), plot["n_chars"], color=plot["part_no"].map(color))
    for p in parts.itertuples(index=False):  # legend entries: one per part
        ax.barh([0], [0], color=color[p.part_no], label=part_name(p.part_no, p.part, p.part_role, lang))
    ax.set_yticks(range(len(plot)), names)
    ax.set_ylim(len(plot) - 0.5, -0.5)
    ax.set_xlabel(label("overview.count_chars", lang))
    ax.set_ylabel(label("section.axis", lang))
    integer_ticks(ax.xaxis)
    ax.legend(title=label("part.legend", lang), loc="lower right", frameon=True)
    fit_title(ax, label("overview.chars_title", lang, name=report_name(reports, report_id, lang)))
    return fig


def sentences_by_part_figure(summary: pd.DataFrame, reports: pd.DataFrame, report_id: str, lang: str = "zh"):
    """fig-00-sentences-by-part: sentences of each part (part 0, the title block, left out), one
    horizontal bar per part, its count written at the bar's end."""
    by_part = summary.groupby(["part_no", "part", "part_role"], as_index=False)[["n_sentences", "n_chars"]].sum()
    by_part = by_part[by_part["part_no"] > 0].sort_values("part_no")
    names = [part_name(r.part_no, r.part, r.part_role, lang) for r in by_part.itertuples(index=False)]
    fig, ax = new_figure("single", 0.3 * len(by_part) + 1.0)
    y = range(len(by_part))
    ax.barh(y, by_part["n_sentences"], color=[tab10(i) for i in range(len(by_part))])
    for yi, n in zip(y, by_part["n_sentences"]):
        ax.annotate(f"{n}", (n, yi), xytext=(2, 0), textcoords="offset points", va="center", fontsize=7.5)
    ax.set_yticks(list(y), names)
    ax.set_ylim(len(by_part) - 0.5, -0.5)
    ax.set_xlim(0, by_part["n_sentences"].max() * 1.15)
    ax.set_xlabel(label("overview.count_sentences", lang))
    integer_ticks(ax.xaxis)
    fit_title(ax, label("overview.sentences_title", lang, name=report_name(reports, report_id, lang)), loc="left")
    return fig
