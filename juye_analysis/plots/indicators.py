"""Figures of notebook 01 (economic indicators): growth against target, the structure of the
economy, claims of standing; and the headline table with its column names in ``lang``.

Each figure function takes the tables and parameters and returns a matplotlib Figure; the
notebook saves it with ``save_figure``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..indicators.views import STRUCTURE_RATIOS, growth_vs_target
from .charts import annotate_values, estimated_hatches, grouped_bars, new_figure, qualified, stacked_bars, tab10
from .labels import label, labels, name_column


def _years(reports: pd.DataFrame, report_id: str) -> dict:
    report = reports.set_index("report_id").loc[report_id]
    return {"county": report["county"], "review_year": int(report["review_year"]),
            "report_year": int(report["report_year"])}


def headline_display(headline: pd.DataFrame, reports: pd.DataFrame, report_id: str, lang: str = "zh") -> pd.DataFrame:
    """The headline rows of ``indicators.views.headline_table`` for reading, with column names in
    ``lang``. Columns: indicator (name_zh / name_en), then value, unit and growth of the
    review-year outcome, and value, unit, growth and qualifier of the report-year target."""
    y = _years(reports, report_id)
    h = headline[headline["headline"]]
    outcome = label("indicators.outcome", lang, review_year=y["review_year"])
    target = label("indicators.target", lang, report_year=y["report_year"])
    value, unit = label("indicators.value", lang), label("indicators.unit", lang)
    growth = label("indicators.growth", lang)
    return pd.DataFrame({
        label("indicators.indicator", lang): h["name_zh"] + " / " + h["name_en"],
        f"{outcome} {value}": h["outcome_value"],
        f"{outcome} {unit}": h["outcome_unit"],
        f"{outcome} {growth}": h["outcome_growth_pct"],
        f"{target} {value}": h["target_value"],
        f"{target} {unit}": h["target_unit"],
        f"{target} {growth}": h["target_growth_pct"],
        f"{target} {label('indicators.qualifier', lang)}": h["target_qualifier"],
    }).reset_index(drop=True)


def growth_vs_target_figure(indicators: pd.DataFrame, reports: pd.DataFrame, report_id: str, lang: str = "zh"):
    """fig-01-growth-vs-target: for each indicator with a growth target, the review-year outcome,
    the target (its qualifier written on the bar) and the report-year outcome of a later report
    (hatched when estimated), from ``indicators.views.growth_vs_target``."""
    y = _years(reports, report_id)
    g = growth_vs_target(indicators, reports, report_id)
    later = g[g["series"] == "outcome"]
    names = {"outcome_before": label("indicators.outcome", lang, review_year=y["review_year"]),
             "target": label("indicators.target", lang, report_year=y["report_year"]),
             "outcome": label("indicators.later", lang, report_year=y["report_year"])
             + (label("indicators.estimated", lang) if later["estimated"].any() else "")
             + (f" [{', '.join(sorted(set(later['source'])))}]" if len(later) else "")}
    series = [s for s in names if s in set(g["series"])]
    keys = list(dict.fromkeys(g["indicator"]))
    parts = [g[g["series"] == s].set_index("indicator").reindex(keys) for s in series]
    fig, ax = new_figure(1.3 * len(keys) + 3, 4.5)
    xs = grouped_bars(ax, len(keys), [
        {"values": p["growth_pct"], "label": names[s], "color": tab10(i), "hatch": estimated_hatches(p["estimated"])}
        for i, (s, p) in enumerate(zip(series, parts))])
    for x, p in zip(xs, parts):
        annotate_values(ax, x, p["growth_pct"], [qualified(v, q, sep=" ") for v, q in zip(p["growth_pct"], p["qualifier"])],
                        offset=(0, 2), ha="center", va="bottom")
    indicator_names = g.drop_duplicates("indicator").set_index("indicator")[name_column(lang)]
    ax.set_xticks(np.arange(len(keys)), [indicator_names[k] for k in keys], rotation=20, ha="right")
    ax.set_ylabel(label("indicators.growth", lang))
    ax.set_title(label("indicators.title_growth", lang, **y))
    ax.legend(frameon=False)
    return fig


def economy_structure_figure(ratios: pd.DataFrame, lang: str = "zh"):
    """fig-01-economy-structure: the tertiary share of GDP and deposits and loans relative to GDP,
    one bar per period (hatched: estimated). ``ratios``: ``indicators.views.county_structure_ratios``."""
    keys = [name for name, _, _ in STRUCTURE_RATIOS]
    periods = sorted(ratios["period"].unique())
    parts = [ratios[ratios["period"] == p].set_index("ratio").reindex(keys) for p in periods]
    estimated = label("indicators.estimated", lang)
    fig, ax = new_figure(7, 4)
    xs = grouped_bars(ax, len(keys), [
        {"values": part["pct"], "label": str(p) + (estimated if part["estimated"].eq(True).any() else ""),
         "color": tab10(i), "hatch": estimated_hatches(part["estimated"])}
        for i, (p, part) in enumerate(zip(periods, parts))])
    for x, part in zip(xs, parts):
        annotate_values(ax, x, part["pct"], [f"{v:.0f}" for v in part["pct"]], ha="center", va="bottom")
    ax.set_xticks(np.arange(len(keys)), [label(f"ratio.{k}", lang) for k in keys])
    ax.set_ylabel(label("indicators.pct_gdp", lang))
    ax.set_title(label("indicators.title_structure", lang))
    ax.legend(frameon=False)
    return fig


def _scope_name(scope: str, lang: str) -> str:
    if not scope:
        return label("indicators.no_scope", lang)
    return label(f"scope.{scope}", lang)


def rank_claims_figure(rank_claims: pd.DataFrame, reports: pd.DataFrame, report_id: str, lang: str = "zh"):
    """fig-01-rank-claims: the report's claims of rank, counted by rank (ordinal ranks first, then
    the bands as written) and stacked by scope (the scopes of ``labels.csv``, in its order, then
    claims without a scope). Only claims of standing reached (``kind`` achieved): aspirations
    such as 争创“全市第一” are not standings."""
    rc = rank_claims[(rank_claims["report_id"] == report_id) & (rank_claims["kind"] == "achieved")]
    order = (sorted({r for r in rc["rank"] if r.isdigit()}, key=int)
             + sorted({r for r in rc["rank"] if not r.isdigit()}))
    known = [k.removeprefix("scope.") for k in labels(lang) if k.startswith("scope.")] + [""]
    scopes = [s for s in known if s in set(rc["scope"])]
    counts = pd.crosstab(rc["scope"], rc["rank"]).reindex(index=scopes, columns=order, fill_value=0)
    fig, ax = new_figure(8, 3.5)
    stacked_bars(ax, order, [{"values": counts.loc[s], "label": _scope_name(s, lang), "color": tab10(i)}
                             for i, s in enumerate(scopes)])
    ax.set_xlabel(label("indicators.rank", lang))
    ax.set_ylabel(label("indicators.count", lang))
    ax.set_title(label("indicators.title_rank", lang, report_id=report_id, **_years(reports, report_id)))
    ax.legend(title=label("indicators.scope", lang), frameon=False)
    return fig
