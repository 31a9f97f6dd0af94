"""Figures of notebook 04 (levels and series): a jurisdiction's targets against its outcomes year
after year (``target_series``), and the focal jurisdiction's targets against those of a level
above (``amplification``).

Each function takes the tables and parameters and returns a matplotlib Figure; the notebook
saves it with ``save_figure``. Every text comes from ``resources/labels.csv`` (keys ``levels.*``,
``levels_hardness.*``, ``level.*``) or from ``indicators.csv`` (indicator names).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..numbers.units import convert
from .charts import new_figure, tab10
from .labels import label, name_column, unit_name


def place(name: str, lang: str = "zh") -> str:
    """A jurisdiction's name as a figure in ``lang`` writes it: as given in Chinese, its English
    name from the division codes in English (巨野县 → Juye County, 全国 → China)."""
    if lang == "zh":
        return name
    from ..read.divisions import english_name

    return english_name(name, default=name)


# the hardness of a target (numbers.qualifiers.hardness) → its marker
HARDNESS_MARKERS = {"around": "o", "floor": "^", "ceiling": "v", "point": "s", "range": "D"}
# statuses that say a report is missing from the collection (drawn as a grey band)
MISSING_REPORT = ("no_target_report", "no_outcome_report")


def _measure(rows: pd.DataFrame) -> str:
    """growth_pct or value: how most of an indicator's targets are stated."""
    growth = rows["target_growth_pct"].notna() | rows["target_growth_low"].notna()
    return "growth_pct" if growth.sum() >= rows["target_value"].notna().sum() else "value"


def _actual(r, measure: str, unit: str) -> float:
    if measure == "growth_pct":
        return r.actual_growth_pct
    if pd.isna(r.actual_value):
        return math.nan
    if str(r.actual_unit) == unit:
        return r.actual_value
    return convert(r.actual_value, str(r.actual_unit), unit)


def series_figure(series: pd.DataFrame, jurisdiction: str, indicators: list[str], start: int,
                  end: int, lang: str = "zh"):
    """fig-04-national-series: one panel per indicator, targets (marker by hardness: ○ 左右,
    △ 以上, ▽ 以内, □ no qualifier, ◇ a range drawn as a bar from its bounds) and outcomes (the
    line) of ``jurisdiction`` from ``start`` to ``end``; years whose report is missing from the
    collection shaded grey, years that set no target for the indicator marked × on the axis."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    mine = series[(series["county"] == jurisdiction) & series["period"].between(start, end)]
    shown = [i for i in indicators if i in set(mine["indicator"])]
    n = max(len(shown), 1)
    cols = 2 if n > 1 else 1
    rows_n = math.ceil(n / cols)
    fig, axes = plt.subplots(rows_n, cols, figsize=(3.4 * cols, 2.6 * rows_n), squeeze=False,
                             sharex=True)
    missing_years = sorted({int(p) for p in mine.loc[mine["status"] == "no_target_report", "period"]})
    for ax in axes.flat[len(shown):]:
        ax.set_visible(False)
    if not shown:
        axes[0, 0].set_visible(True)
        axes[0, 0].text(0.5, 0.5, label("levels.no_series", lang, jurisdiction=place(jurisdiction, lang)),
                        ha="center", va="center", transform=axes[0, 0].transAxes)
        axes[0, 0].set_axis_off()
        return fig
    for k, (ax, indicator) in enumerate(zip(axes.flat, shown)):
        rows = mine[mine["indicator"] == indicator].sort_values("period")
        measure = _measure(rows)
        unit = "%" if measure == "growth_pct" else next(
            (u for u in rows["target_unit"] if isinstance(u, str) and u), "")
        for y in missing_years:
            ax.axvspan(y - 0.5, y + 0.5, color="0.88", zorder=0)
        years = rows["period"].astype(int).to_numpy()
        actual = np.array([_actual(r, measure, unit) for r in rows.itertuples()], dtype=float)
        ax.plot(years, actual, color="black", lw=1.2, marker=".", zorder=2)
        for r in rows.itertuples():
            if measure == "growth_pct" and not pd.isna(r.target_growth_low):
                ax.vlines(r.period, r.target_growth_low, r.target_growth_high, color=tab10(0), lw=3, zorder=3)
                continue
            t = r.target_growth_pct if measure == "growth_pct" else r.target_value
            if pd.isna(t):
                continue
            ax.scatter([r.period], [t], marker=HARDNESS_MARKERS.get(r.hardness, "s"), s=36,
                       facecolor="white", edgecolor=tab10(0), linewidth=1.4, zorder=4)
        none = rows.loc[rows["status"] == "no_target", "period"].astype(int)
        if len(none):
            ax.plot(none, [0] * len(none), "x", color=tab10(3), transform=ax.get_xaxis_transform(),
                    clip_on=False, zorder=5)
        name = rows[name_column(lang)].iloc[0]
        shown_unit = label("levels.growth_pct", lang) if measure == "growth_pct" else \
            unit_name(unit, lang)
        ax.set_title(f"{name} ({shown_unit})",
                     fontsize=10)
        ax.set_xlim(start - 0.7, end + 0.7)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="x", labelbottom=True)  # years under every panel (shared x)
    handles = [Line2D([], [], color="black", marker=".", label=label("levels.outcome", lang))]
    handles += [Line2D([], [], ls="", marker=m, markerfacecolor="white", markeredgecolor=tab10(0),
                       label=label(f"levels_hardness.{h}", lang)) for h, m in HARDNESS_MARKERS.items()
                if h != "range"]
    handles.append(Line2D([], [], color=tab10(0), lw=3, label=label("levels_hardness.range", lang)))
    handles.append(Line2D([], [], ls="", marker="x", color=tab10(3), label=label("levels.no_target", lang)))
    if missing_years:
        from matplotlib.patches import Patch

        handles.append(Patch(color="0.88", label=label("levels.missing_report", lang,
                                                        years=", ".join(map(str, missing_years)))))
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 0.005))
    fig.suptitle(label("levels.title_series", lang, jurisdiction=place(jurisdiction, lang), start=start, end=end))
    fig.tight_layout(rect=(0, 0.3 / rows_n, 1, 0.96))
    return fig


def focal_vs_level_figure(amplification: pd.DataFrame, jurisdiction: str, level: str = "national",
                          lang: str = "zh"):
    """fig-04-focal-vs-national: year by year, each growth or rate target of ``jurisdiction``
    (●) against the same year's target of the ``level`` above (○), joined by a line and labelled
    with the gap in percentage points; pairs of different statistics (``flag``) are left out."""
    amp = amplification[(amplification["county"] == jurisdiction) & (amplification["level"] == level)
                        & (amplification["flag"].fillna("") != "different_statistic")]
    amp = amp.assign(c=amp["county_growth_pct"].fillna(amp["county_value"].where(amp["county_unit"] == "%")),
                     l=amp["level_growth_pct"].fillna(amp["level_value"].where(amp["level_unit"] == "%"))
                     ).dropna(subset=["c", "l"]).sort_values(["year", "indicator"])
    fig, ax = new_figure(6.5, 0.45 * max(len(amp), 2) + 1.6)
    if amp.empty:
        ax.text(0.5, 0.5, label("levels.no_pairs", lang, jurisdiction=place(jurisdiction, lang)),
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    ys = np.arange(len(amp))[::-1]
    above = place(amp["jurisdiction"].iloc[0], lang)
    for y, r in zip(ys, amp.itertuples()):
        ax.plot([r.l, r.c], [y, y], color="0.6", zorder=1)
        ax.annotate(label("levels.gap", lang, gap=r.gap_pp), (max(r.c, r.l), y), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.scatter(amp["c"], ys, color=tab10(1), zorder=2, label=place(jurisdiction, lang))
    ax.scatter(amp["l"], ys, facecolor="white", edgecolor=tab10(0), zorder=2, label=above)
    ax.set_yticks(ys, [f"{getattr(r, name_column(lang))} {int(r.year)}" for r in amp.itertuples()])
    ax.set_xlabel(label("levels.pct", lang))
    ax.set_title(label("levels.title_focal", lang, jurisdiction=place(jurisdiction, lang), level=above))
    ax.margins(x=0.25)
    ax.legend(fontsize=8, loc="lower right")
    return fig
