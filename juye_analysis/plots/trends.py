"""Figures of term trends (notebook 04, issue 13): chosen terms per 10,000 characters, report by
report over the years.

Takes the ``term_trends`` table (or :func:`juye_analysis.words.trends.count_term_trends`) and
returns a matplotlib Figure; the notebook saves it with ``save_figure``.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import resource_files
from .charts import new_figure, tab10
from .labels import label, term_name
from .levels import place


def term_label(term: str, trends: pd.DataFrame, lang: str = "zh") -> str:
    """A term's legend entry: the term (zh); in English its translation from ``trend_terms.csv``
    (改革 → reform), else the term in pinyin (an English figure shows no Chinese character); a
    theme's English name from ``themes.csv``."""
    rows = trends[trends["term"] == term]
    if len(rows) and rows["kind"].iloc[0] == "theme":
        if lang == "zh":
            return str(rows["term_zh"].iloc[0])
        names = resource_files.themes().drop_duplicates("theme").set_index("theme")["theme_en"]
        return str(names.get(term, term))
    if lang == "zh":
        return term
    en = resource_files.trend_terms().set_index("term")["term_en"]
    return str(en[term]) if term in en.index and en[term] else term_name(term, "en")


def term_trend_figure(trends: pd.DataFrame, terms: Iterable[str], lang: str = "zh",
                      jurisdiction: str = ""):
    """fig-04-term-trends: each term's (or theme's) count per 10,000 characters by report year,
    one line per term, a dot per report (several reports of a year each get their dot). With no
    rows (no report of ``jurisdiction`` in the build) a figure that says so."""
    terms = list(dict.fromkeys(terms))
    if trends.empty:  # no report of the jurisdiction in the build (a county-only build)
        fig, ax = new_figure("double", 2.0)
        ax.set_title(label("trends.title_none", lang))
        ax.text(0.5, 0.5, label("trends.none", lang, jurisdiction=place(jurisdiction, lang)),
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    data = trends[trends["term"].isin(terms)]
    missing = [t for t in terms if t not in set(data["term"])]
    if missing:
        raise ValueError(f"terms not in the trends table: {', '.join(missing)}")
    fig, ax = new_figure("double", 4.5)
    for i, term in enumerate(terms):
        rows = data[data["term"] == term].sort_values("report_year")
        by_year = rows.groupby("report_year", sort=True)["per_10k_chars"].mean()
        ax.plot(by_year.index, by_year.values, color=tab10(i % 10), linewidth=1.2,
                label=term_label(term, trends, lang))
        ax.scatter(rows["report_year"], rows["per_10k_chars"], color=tab10(i % 10), s=8)
    years = data["report_year"]
    ax.set_xlabel(label("trends.year", lang))
    ax.set_ylabel(label("keywords.per10k", lang))
    ax.set_title(label("trends.title", lang, first=int(years.min()), last=int(years.max())))
    ax.legend(fontsize=7, ncol=2 if len(terms) > 5 else 1, frameon=False)
    return fig
