"""Figures of notebook 00 (report overview): how much text each part and section gets.

Each function takes the tables and parameters and returns a matplotlib Figure; the notebook
saves it with ``save_figure``.
"""
from __future__ import annotations

import re

import pandas as pd

from .charts import new_figure, tab10
from .labels import label


def _report(reports: pd.DataFrame, report_id: str) -> pd.Series:
    return reports.set_index("report_id").loc[report_id]


def _row_label(row, lang: str) -> str:
    if row.section_no == 0:
        return label("overview.part_row", lang, part=row.part, part_no=row.part_no)
    section = re.sub("^这一年，我们", "", str(row.section))[:18]
    return label("overview.section_row", lang, section=section, part_no=row.part_no,
                 section_no=row.section_no)


def characters_by_section_figure(summary: pd.DataFrame, reports: pd.DataFrame, report_id: str,
                                 lang: str = "zh"):
    """fig-00-characters-by-section: characters of each part (its introduction) and section, one
    colour per part. ``summary``: ``read.structure.structure_summary`` of the report's sentences."""
    report = _report(reports, report_id)
    plot = summary[summary["part_no"] > 0]
    names = [_row_label(r, lang) for r in plot.itertuples(index=False)]
    fig, ax = new_figure(8, 0.32 * len(plot) + 1)
    colors = plot["part_no"].map(dict(zip(sorted(plot["part_no"].unique()), [tab10(i) for i in range(10)])))
    ax.barh(range(len(plot)), plot["n_chars"], color=colors)
    ax.set_yticks(range(len(plot)), names)
    ax.invert_yaxis()
    ax.set_xlabel(label("overview.chars_xlabel", lang))
    ax.set_title(label("overview.chars_title", lang, county=report["county"], year=report["report_year"]))
    return fig


def sentences_by_part_figure(summary: pd.DataFrame, report_id: str, lang: str = "zh"):
    """fig-00-sentences-by-part: sentences of each part (part 0, the title block, left out)."""
    by_part = summary.groupby(["part_no", "part", "part_role"], as_index=False)[["n_sentences", "n_chars"]].sum()
    by_part = by_part[by_part["part_no"] > 0]
    names = [label("overview.part_bar", lang, part=r.part, part_role=r.part_role)
             for r in by_part.itertuples(index=False)]
    fig, ax = new_figure(6, 3)
    ax.bar(names, by_part["n_sentences"], color=[tab10(i) for i in range(len(by_part))])
    ax.set_ylabel(label("overview.sentences_ylabel", lang))
    ax.set_title(label("overview.sentences_title", lang, report_id=report_id))
    return fig
