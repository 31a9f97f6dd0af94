"""Figures of notebook 03 (year over year) for a pair of reports (old, new): targets against
outcomes, target ambition, the levels above, keyness, theme shift, text reuse.

Each function takes the tables and parameters and returns a matplotlib Figure; the notebook
saves it with ``save_figure``. The pair tables (keyness, theme_shift, text_reuse) come from
``compare.pairs`` (stored, else computed).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..compare.pairs import pair_target_outcome
from ..compare.reuse import reuse_summary
from .charts import annotate_values, diverging_barh, grouped_bars, new_figure, qualified, stacked_bars
from .labels import label, name_column


REUSE_COLORS = {"exact": "tab:gray", "near": "tab:olive", "new": "tab:orange"}
STATUS_COLORS = {"met": "tab:green", "missed": "tab:red"}


def _year(reports: pd.DataFrame, report_id: str) -> int:
    return int(reports.set_index("report_id").loc[report_id, "report_year"])


def target_vs_outcome_figure(target_outcome: pd.DataFrame, reports: pd.DataFrame, old: str, new: str,
                             lang: str = "zh"):
    """fig-03-target-vs-outcome: each growth target of OLD (tick, with its qualifier) and the
    outcome NEW reports (dot: green met, red missed, with the margin in pp)."""
    pair = pair_target_outcome(target_outcome, old, new)
    compared = pair[pair["status"] != "no_outcome"]
    growth = compared.assign(t=compared["target_growth_pct"].where(compared["measure"] == "growth_pct"),
                             a=compared["actual_growth_pct"].where(compared["measure"] == "growth_pct"))
    growth = growth.dropna(subset=["t", "a"]).sort_values("t")
    old_year = _year(reports, old)
    fig, ax = new_figure(7, 0.45 * max(len(growth), 2) + 1.2)
    y = np.arange(len(growth))
    for i, (t, a) in enumerate(zip(growth["t"], growth["a"])):
        ax.plot([t, a], [i, i], color="0.7", zorder=1)
    ax.scatter(growth["t"], y, marker="|", s=300, color="black", label=label("yoy.target_year", lang, year=old_year),
               zorder=2)
    ax.scatter(growth["a"], y, color=growth["status"].map(STATUS_COLORS), s=60, label=label("yoy.actual", lang),
               zorder=3)
    for i, r in enumerate(growth.itertuples()):  # a row's two texts together, as the eye reads them
        annotate_values(ax, [r.t], [i], [qualified(r.t, r.qualifier, unit="%")], offset=(0, 8), ha="center")
        annotate_values(ax, [r.a], [i], [f"{r.margin:+.1f}"], offset=(8, -3))
    ax.set_yticks(y, growth[name_column(lang)])
    ax.set_xlabel(label("yoy.growth", lang))
    county = reports.set_index("report_id").loc[old, "county"]
    ax.set_title(label("yoy.title_target_vs_outcome", lang, county=county, old_year=old_year, new=new))
    ax.legend(loc="lower right", fontsize=8)
    return fig


def target_ambition_figure(target_ambition: pd.DataFrame, old: str, new: str, lang: str = "zh"):
    """fig-03-target-ambition: each growth target of the two reports against the growth achieved
    the year before (from the same report's review)."""
    amb = target_ambition[target_ambition["report_id"].isin([old, new])].dropna(
        subset=["target_growth_pct", "previous_growth_pct"])
    fig, ax = new_figure(6, 4)
    for prev, target in zip(amb["previous_growth_pct"], amb["target_growth_pct"]):
        ax.plot([0, 1], [prev, target], marker="o")
    annotate_values(ax, [1] * len(amb), amb["target_growth_pct"], amb[name_column(lang)], offset=(6, 0), va="center")
    years = sorted(set(amb["period"].dropna().astype(int)))
    ax.set_xticks([0, 1], [label("yoy.prev_tick", lang, year=years[0] - 1 if years else ""),
                           label("yoy.target_tick", lang, years=", ".join(map(str, years)))])
    ax.set_xlim(-0.2, 1.9)
    ax.set_ylabel(label("yoy.growth", lang))
    return fig


def amplification_figure(amplification: pd.DataFrame, old: str, new: str, lang: str = "zh"):
    """fig-03-amplification: the county's growth targets (rates) next to those of the levels above
    for the same year and indicator, qualifiers written on the bars."""
    amp = amplification[amplification["report_id"].isin([old, new])]
    rates = amp.assign(c=amp["county_growth_pct"].fillna(amp["county_value"].where(amp["county_unit"] == "%")),
                       l=amp["level_growth_pct"].fillna(amp["level_value"].where(amp["level_unit"] == "%"))
                       ).dropna(subset=["c", "l"])
    levels = " / ".join(rates["jurisdiction"].unique())
    fig, ax = new_figure(6, 3.5)
    xs = grouped_bars(ax, len(rates), [{"values": rates["c"], "label": label("yoy.county", lang)},
                                       {"values": rates["l"], "label": label("yoy.level_target", lang, levels=levels)}])
    for i, r in enumerate(rates.itertuples()):
        annotate_values(ax, [xs[0][i]], [r.c], [qualified(r.c, r.county_qualifier)], ha="center", va="bottom")
        annotate_values(ax, [xs[1][i]], [r.l], [qualified(r.l, r.level_qualifier)], ha="center", va="bottom")
    ax.set_xticks(np.arange(len(rates)), rates[name_column(lang)])
    ax.set_ylabel(label("yoy.pct", lang))
    ax.legend(fontsize=8)
    return fig


def keyness_figure(keyness: pd.DataFrame, reports: pd.DataFrame, old: str, new: str, top_n: int = 15,
                   lang: str = "zh"):
    """fig-03-keyness: the ``top_n`` terms most characteristic of each report (positive: NEW).
    ``keyness``: the pair's table, sorted by score (``compare.pairs.pair_keyness``)."""
    side = pd.concat([keyness.head(top_n), keyness.tail(top_n)]).drop_duplicates("term").sort_values("score")
    fig, ax = new_figure(6, 0.25 * len(side) + 1)
    diverging_barh(ax, side["term"], side["score"])
    ax.set_xlabel(label("yoy.keyness", lang))
    ax.set_title(label("yoy.title_keyness", lang, old_year=_year(reports, old), new_year=_year(reports, new)))
    return fig


def theme_shift_figure(shift: pd.DataFrame, reports: pd.DataFrame, old: str, new: str, lang: str = "zh"):
    """fig-03-theme-shift: change of each theme's share of attention, in percentage points.
    ``shift``: the pair's table (``compare.pairs.pair_theme_shift``)."""
    s = shift.sort_values("change_pp")
    fig, ax = new_figure(6, 3.5)
    diverging_barh(ax, s["theme_zh" if lang == "zh" else "theme_en"], s["change_pp"])
    ax.set_xlabel(label("yoy.share", lang))
    ax.set_title(label("yoy.title_shift", lang, old_year=_year(reports, old), new_year=_year(reports, new)))
    return fig


def text_reuse_figure(reuse: pd.DataFrame, old: str, new: str, lang: str = "zh"):
    """fig-03-text-reuse: shares of NEW's characters in sentences repeated exactly, nearly, or new.
    ``reuse``: the pair's table (``compare.pairs.pair_text_reuse``)."""
    summary = reuse_summary(reuse)
    shares = {s: summary.loc[summary["status"] == s, "share_chars"].sum() for s in REUSE_COLORS}
    fig, ax = new_figure(6, 1.8)
    stacked_bars(ax, [0], [{"values": [share], "color": REUSE_COLORS[s], "label": label(f"reuse.{s}", lang, share=share)}
                           for s, share in shares.items()], horizontal=True)
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    ax.set_title(label("yoy.title_reuse", lang, new=new, old=old))
    ax.legend(ncol=3, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    return fig
