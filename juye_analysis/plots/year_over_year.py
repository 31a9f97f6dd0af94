"""Figures of notebook 03 (year over year) for a pair of reports (old, new): targets against
outcomes, target ambition, the levels above, keyness, theme shift, text reuse.

Each function takes the tables and parameters and returns a matplotlib Figure; the notebook
saves it with ``save_figure``. The pair tables (keyness, theme_shift, text_reuse) come from
``compare.pairs`` (stored, else computed) and carry ``comparable`` and ``note``: a pair with a
partial text (``completeness`` partial) is drawn as a note saying so, not as bars. A partial
text is named in the title of the other figures; outcomes stated with 预计 (``estimated``) are
drawn hollow and labelled estimated; the levels above are drawn for the same statistic only.
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from .. import resource_files
from ..compare.pairs import pair_target_outcome
from ..compare.reuse import reuse_summary
from ..numbers.qualifiers import hardness
from ..read.divisions import english_name
from .charts import annotate_values, diverging_barh, grouped_bars, label_line_ends, new_figure, stacked_bars
from .labels import label, name_column, shorten


REUSE_COLORS = {"exact": "tab:gray", "near": "tab:olive", "new": "tab:orange"}
STATUS_COLORS = {"met": "tab:green", "missed": "tab:red"}
WRAP = {"zh": 34, "en": 68}  # characters a line of a note holds at the figures' width


def _year(reports: pd.DataFrame, report_id: str) -> int:
    return int(reports.set_index("report_id").loc[report_id, "report_year"])


def _wrap(text: str, lang: str) -> str:
    return "\n".join(textwrap.wrap(text, WRAP.get(lang, 68), break_long_words=True)) if text else ""


def _titled(ax, title: str, note: str = "", lang: str = "zh") -> None:
    """The title, with a note under it (wrapped) when there is one: one text, so nothing overlaps."""
    ax.set_title(title + ("\n" + _wrap(note, lang) if note else ""))


def partial_texts(reports: pd.DataFrame | None, report_ids, lang: str = "zh") -> str:
    """What the figures say about partial texts: "the 2025 text is partial (683 characters)" for
    each of ``report_ids`` whose ``completeness`` is partial; empty if none; a general "one text
    is partial" without ``reports``."""
    if reports is None:
        return label("yoy.partial_unknown", lang)
    r = reports.set_index("report_id")
    parts = []
    for rid in dict.fromkeys(report_ids):
        if "completeness" in r and r.loc[rid, "completeness"] == "partial":
            n = r.loc[rid, "n_chars"] if "n_chars" in r else None
            parts.append(label("yoy.partial_text", lang, year=int(r.loc[rid, "report_year"]),
                               n=f"{int(n):,}" if pd.notna(n) else "?"))
    return label("yoy.sep", lang).join(parts)


def qualified_text(value: float, qualifier, lang: str = "zh", unit: str = "") -> str:
    """A target as a chart writes it: in Chinese with its qualifiers where ``qualifiers.csv``
    puts them (``6%左右``, ``不低于6%``), in English by its hardness (``about 6%``, ``at least
    13.6``: ``numbers.qualifiers.hardness``, the words in ``labels.csv``)."""
    number = f"{value:g}{unit}"
    parts = [q for q in qualifier.split("|") if q and q != "range"] if isinstance(qualifier, str) else []
    if not parts:
        return number
    if lang == "zh":
        where = dict(zip(resource_files.qualifiers()["qualifier"], resource_files.qualifiers()["position"]))
        before = "".join(q for q in parts if where.get(q) == "before")
        return before + number + "".join(q for q in parts if where.get(q) != "before")
    return label(f"hardness.{hardness(qualifier)}", lang, default=number, value=number)


def target_vs_outcome_figure(target_outcome: pd.DataFrame, reports: pd.DataFrame, old: str, new: str,
                             lang: str = "zh"):
    """fig-03-target-vs-outcome: each growth target of OLD (tick, with its qualifier) and the
    outcome NEW reports (dot: green met, red missed, with the margin in pp). An outcome stated as
    an estimate (预计, ``estimated`` true) is a hollow dot and the legend says estimated; a stated
    one is filled (actual). When NEW is a partial text the title says so and how many targets it
    gives no outcome for."""
    from matplotlib.lines import Line2D

    pair = pair_target_outcome(target_outcome, old, new)
    compared = pair[pair["status"] != "no_outcome"]
    growth = compared.assign(t=compared["target_growth_pct"].where(compared["measure"] == "growth_pct"),
                             a=compared["actual_growth_pct"].where(compared["measure"] == "growth_pct"))
    growth = growth.dropna(subset=["t", "a"]).sort_values("t")
    estimated = growth["estimated"].eq(True).to_numpy() if len(growth) else np.zeros(0, dtype=bool)
    old_year, new_year = _year(reports, old), _year(reports, new)
    fig, ax = new_figure(7, 0.45 * max(len(growth), 2) + 1.6)
    y = np.arange(len(growth))
    for i, (t, a) in enumerate(zip(growth["t"], growth["a"])):
        ax.plot([t, a], [i, i], color="0.7", zorder=1)
    ax.scatter(growth["t"], y, marker="|", s=300, color="black", zorder=2)
    colors = growth["status"].map(STATUS_COLORS).to_numpy()
    for mask, hollow in ((~estimated, False), (estimated, True)):
        if mask.any():
            ax.scatter(growth["a"][mask], y[mask], s=60, zorder=3, linewidths=1.5,
                       facecolors="white" if hollow else colors[mask], edgecolors=colors[mask],
                       gid="estimated" if hollow else "actual")
    for i, r in enumerate(growth.itertuples()):  # a row's two texts together, as the eye reads them
        annotate_values(ax, [r.t], [i], [qualified_text(r.t, r.qualifier, lang, unit="%")],
                        offset=(0, 8), ha="center")
        annotate_values(ax, [r.a], [i], [f"{r.margin:+.1f}"], offset=(8, -3))
    ax.set_yticks(y, growth[name_column(lang)])
    ax.set_xlabel(label("yoy.growth", lang))
    handles = [Line2D([], [], marker="|", markersize=12, color="black", ls="",
                      label=label("yoy.target_year", lang, year=old_year))]
    if (~estimated).any():
        handles.append(Line2D([], [], marker="o", color="0.4", ls="", label=label("yoy.actual", lang)))
    if estimated.any():
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="0.4", ls="",
                              label=label("yoy.estimated", lang)))
    for status in ("met", "missed"):
        if (growth["status"] == status).any():
            handles.append(Line2D([], [], marker="o", color=STATUS_COLORS[status], ls="",
                                  label=label(f"status.{status}", lang)))
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    note = ""
    partial = partial_texts(reports, [new], lang)
    if partial:
        note = label("yoy.outcomes_partial", lang, partial=partial,
                     n=int((pair["status"] == "no_outcome").sum()), total=len(pair))
    _titled(ax, label("yoy.title_target_vs_outcome", lang, county=_county(reports, old, lang), old_year=old_year,
                      new_year=new_year), note, lang)
    return fig


def target_ambition_figure(target_ambition: pd.DataFrame, old: str, new: str, lang: str = "zh"):
    """fig-03-target-ambition: each growth target of the two reports against the growth achieved
    the year before (from the same report's review)."""
    amb = target_ambition[target_ambition["report_id"].isin([old, new])].dropna(
        subset=["target_growth_pct", "previous_growth_pct"])
    fig, ax = new_figure(6, 4)
    for prev, target in zip(amb["previous_growth_pct"], amb["target_growth_pct"]):
        ax.plot([0, 1], [prev, target], marker="o")
    years = sorted(set(amb["period"].dropna().astype(int)))
    fig.canvas.draw()  # the Axes' final height, for the spacing of the labels
    label_line_ends(ax, 1, amb["target_growth_pct"], [shorten(n, 34 if lang == "en" else 14) for n in amb[name_column(lang)]])
    ax.set_xticks([0, 1], [label("yoy.prev_tick", lang, year=years[0] - 1 if years else ""),
                           label("yoy.target_tick", lang, years=", ".join(map(str, years)))])
    ax.set_xlim(-0.2, 1.9)
    ax.set_ylabel(label("yoy.growth", lang))
    _titled(ax, label("yoy.title_ambition", lang))
    return fig


def _level_name(level: str, jurisdiction: str, lang: str) -> str:
    """A level above as a legend names it: the jurisdiction as written in Chinese, its English
    name (``read.divisions.english_name``: 全国 → China) in English, else the level's label."""
    if lang == "zh":
        return jurisdiction
    return english_name(jurisdiction, default="") or label(f"level.{level}", lang, default=level)


def _county(reports: pd.DataFrame, report_id: str, lang: str) -> str:
    """The report's county as a title names it: as written in Chinese, its English name in English
    (from its division code, else its name; a place that is not a division keeps its name)."""
    r = reports.set_index("report_id").loc[report_id]
    if lang == "zh":
        return str(r["county"])
    code = r.get("division_code")
    code = str(code).strip() if pd.notna(code) else ""
    name = english_name(code, default="") if code else ""
    return name or english_name(str(r["county"]), default=str(r["county"]))


def amplification_figure(amplification: pd.DataFrame, old: str, new: str, lang: str = "zh"):
    """fig-03-amplification: the county's growth targets (rates) next to those of the levels above
    for the same year and indicator, qualifiers written on the bars. Only pairs of the same
    statistic are drawn (those whose ``gap_pp`` the table gives); a rate pair the table does not
    compare (different statistics, e.g. registered against surveyed unemployment) is left out
    and named in the title's note, and so are the targets in absolute levels (not comparable
    across jurisdictions)."""
    amp = amplification[amplification["report_id"].isin([old, new])]
    rates = amp.assign(c=amp["county_growth_pct"].fillna(amp["county_value"].where(amp["county_unit"] == "%")),
                       l=amp["level_growth_pct"].fillna(amp["level_value"].where(amp["level_unit"] == "%"))
                       ).dropna(subset=["c", "l"])
    levels_only = amp[~amp.index.isin(rates.index)]  # absolute levels: a county's 亿斤 is no nation's
    left_out = rates[rates["gap_pp"].isna()]
    rates = rates[rates["gap_pp"].notna()]
    levels = " / ".join(dict.fromkeys(_level_name(lv, j, lang)
                                      for lv, j in zip(rates["level"], rates["jurisdiction"])))
    fig, ax = new_figure(6, 3.8)
    xs = grouped_bars(ax, len(rates), [{"values": rates["c"], "label": label("yoy.county", lang)},
                                       {"values": rates["l"], "label": label("yoy.level_target", lang, levels=levels)}])
    for i, r in enumerate(rates.itertuples()):
        annotate_values(ax, [xs[0][i]], [r.c], [qualified_text(r.c, r.county_qualifier, lang)], ha="center", va="bottom")
        annotate_values(ax, [xs[1][i]], [r.l], [qualified_text(r.l, r.level_qualifier, lang)], ha="center", va="bottom")
    ax.set_xticks(np.arange(len(rates)), rates[name_column(lang)])
    ax.set_ylabel(label("yoy.pct", lang))
    if len(rates):
        ax.legend(fontsize=8)
    notes = []
    if len(left_out):
        names = label("yoy.sep", lang).join(dict.fromkeys(left_out[name_column(lang)]))
        notes.append(label("yoy.amp_left_out", lang, items=names))
    if len(levels_only):
        names = label("yoy.sep", lang).join(dict.fromkeys(levels_only[name_column(lang)]))
        notes.append(label("yoy.amp_levels_left_out", lang, items=names))
    note = label("yoy.notes_sep", lang).join(notes)
    years = sorted(set(amp["year"].dropna().astype(int)))
    _titled(ax, label("yoy.title_amplification", lang, years=", ".join(map(str, years))), note, lang)
    return fig


def _not_comparable(ax, table: pd.DataFrame, reports: pd.DataFrame | None, old: str, new: str,
                    lang: str) -> bool:
    """When the pair table says the pair is not comparable: the Axes shows the reason instead of
    bars (True); else False."""
    if "comparable" not in table.columns or table.empty or bool(table["comparable"].all()):
        return False
    partial = partial_texts(reports, [old, new], lang) or label("yoy.partial_unknown", lang)
    ax.set_axis_off()
    ax.text(0.5, 0.5, _wrap(label("yoy.not_comparable", lang, partial=partial), lang),
            ha="center", va="center", transform=ax.transAxes, fontsize=10, gid="not_comparable")
    return True


def keyness_figure(keyness: pd.DataFrame, reports: pd.DataFrame, old: str, new: str, top_n: int = 15,
                   lang: str = "zh"):
    """fig-03-keyness: the ``top_n`` terms most characteristic of each report (positive: NEW).
    ``keyness``: the pair's table, sorted by score (``compare.pairs.pair_keyness``); a pair that
    is not comparable (a partial text) gets the reason instead of bars."""
    title = label("yoy.title_keyness", lang, old_year=_year(reports, old), new_year=_year(reports, new))
    side = pd.concat([keyness.head(top_n), keyness.tail(top_n)]).drop_duplicates("term").sort_values("score")
    if "comparable" in keyness.columns and not keyness.empty and not keyness["comparable"].all():
        fig, ax = new_figure(6, 2.5)
        _not_comparable(ax, keyness, reports, old, new, lang)
        _titled(ax, title)
        return fig
    fig, ax = new_figure(6, 0.25 * len(side) + 1)
    diverging_barh(ax, side["term"], side["score"])
    ax.set_xlabel(label("yoy.keyness", lang))
    _titled(ax, title)
    return fig


def theme_shift_figure(shift: pd.DataFrame, reports: pd.DataFrame, old: str, new: str, lang: str = "zh"):
    """fig-03-theme-shift: change of each theme's share of attention, in percentage points.
    ``shift``: the pair's table (``compare.pairs.pair_theme_shift``); a pair that is not
    comparable (a partial text) gets the reason instead of bars."""
    fig, ax = new_figure(6, 3.5)
    title = label("yoy.title_shift", lang, old_year=_year(reports, old), new_year=_year(reports, new))
    if not _not_comparable(ax, shift, reports, old, new, lang):
        s = shift.sort_values("change_pp")
        diverging_barh(ax, s["theme_zh" if lang == "zh" else "theme_en"], s["change_pp"])
        ax.set_xlabel(label("yoy.share", lang))
    _titled(ax, title)
    return fig


def text_reuse_figure(reuse: pd.DataFrame, old: str, new: str, lang: str = "zh",
                      reports: pd.DataFrame | None = None):
    """fig-03-text-reuse: shares of NEW's characters in sentences repeated exactly, nearly, or new.
    ``reuse``: the pair's table (``compare.pairs.pair_text_reuse``); a pair that is not comparable
    (a partial text) gets the reason instead of the bar. ``reports`` gives the years of the title."""
    years = ({"old_year": _year(reports, old), "new_year": _year(reports, new)} if reports is not None
             else None)
    title = label("yoy.title_reuse", lang, **years) if years else label("yoy.title_reuse_plain", lang)
    fig, ax = new_figure(6, 1.8 if "comparable" not in reuse or reuse["comparable"].all() else 2.5)
    if _not_comparable(ax, reuse, reports, old, new, lang):
        _titled(ax, title)
        return fig
    summary = reuse_summary(reuse)
    shares = {s: summary.loc[summary["status"] == s, "share_chars"].sum() for s in REUSE_COLORS}
    stacked_bars(ax, [0], [{"values": [share], "color": REUSE_COLORS[s], "label": label(f"reuse.{s}", lang, share=share)}
                           for s, share in shares.items()], horizontal=True)
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    _titled(ax, title)
    ax.legend(ncol=3, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    return fig
