"""Chart helpers shared by the figure modules: a new figure, grouped, stacked and diverging bars,
and value annotations. They draw on an Axes and return what a caller needs next (positions,
bars); titles and labels are left to the figure functions.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def new_figure(width: float, height: float):
    """A pyplot figure with one Axes (pyplot, so that a notebook shows it): (fig, ax)."""
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height))


def tab10(i: int):
    """The i-th colour of matplotlib's tab10 palette (the colour of series i)."""
    import matplotlib.pyplot as plt

    return plt.cm.tab10.colors[i]


def estimated_hatches(estimated) -> list[str]:
    """"//" for each value flagged estimated (True), "" otherwise (False, missing)."""
    return ["//" if e is True else "" for e in estimated]


def grouped_bars(ax, n_groups: int, series: Sequence[dict], *, total_width: float = 0.8) -> list[np.ndarray]:
    """One bar per group for each series, side by side within the group.

    ``series``: dicts with ``values`` (one per group, NaN for none) and optionally ``label``,
    ``color`` (default: the Axes' colour cycle) and ``hatch`` (a list, one per group). Returns the
    x positions of each series' bars (groups are at 0, 1, 2 …).
    """
    width = total_width / max(len(series), 1)
    positions = []
    for i, s in enumerate(series):
        x = np.arange(n_groups) + (i - (len(series) - 1) / 2) * width
        kwargs = {k: s[k] for k in ("label", "color", "hatch") if s.get(k) is not None}
        ax.bar(x, s["values"], width, **kwargs)
        positions.append(x)
    return positions


def stacked_bars(ax, positions, segments: Sequence[dict], *, horizontal: bool = False) -> None:
    """Bars stacked segment on segment at ``positions``.

    ``segments``: dicts with ``values`` (one per position), ``label`` and ``color``.
    """
    base = np.zeros(len(positions))
    for s in segments:
        values = np.asarray(s["values"], dtype=float)
        if horizontal:
            ax.barh(positions, values, left=base, label=s["label"], color=s["color"])
        else:
            ax.bar(positions, values, bottom=base, label=s["label"], color=s["color"])
        base = base + values


def diverging_barh(ax, labels, values, *, positive: str = "tab:orange", negative: str = "tab:blue") -> None:
    """Horizontal bars from a zero line: ``positive`` colour right of it, ``negative`` left."""
    values = np.asarray(values, dtype=float)
    ax.barh(labels, values, color=np.where(values > 0, positive, negative))
    ax.axvline(0, color="black", lw=0.8)


def annotate_values(ax, xs, ys, texts, *, offset: tuple[float, float] | None = None,
                    ha: str | None = None, va: str | None = None, fontsize: float = 8) -> None:
    """Write ``texts`` at the points (xs, ys), moved by ``offset`` points; points whose y is
    missing get no text."""
    kwargs = {"fontsize": fontsize}
    if ha is not None:
        kwargs["ha"] = ha
    if va is not None:
        kwargs["va"] = va
    if offset is not None:
        kwargs.update(xytext=offset, textcoords="offset points")
    for x, y, text in zip(xs, ys, texts):
        if not pd.isna(y):
            ax.annotate(text, (x, y), **kwargs)


def qualified(value: float, qualifier, *, fmt: str = "g", unit: str = "", sep: str = "") -> str:
    """A value as written on a chart, with its qualifier: ``6.5 左右`` (``sep=" "``), ``6%以上``
    (``unit="%"``); a missing or empty qualifier adds nothing."""
    q = qualifier if isinstance(qualifier, str) and qualifier else ""
    return f"{value:{fmt}}{unit}" + (f"{sep}{q}" if q else "")
