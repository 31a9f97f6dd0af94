"""Chart helpers shared by the figure modules: a new figure, grouped, stacked and diverging bars,
and value annotations. They draw on an Axes and return what a caller needs next (positions,
bars); titles and labels are left to the figure functions.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def new_figure(width, height: float):
    """A pyplot figure with one Axes (pyplot, so that a notebook shows it), at print size:
    ``width`` a journal preset, ``"single"`` (≈ 85 mm) or ``"double"`` column (≈ 175 mm), or
    inches (at most the double column: a wider figure would be printed smaller than its fonts
    say); ``height`` in inches. Constrained layout keeps every label inside the figure. Returns
    (fig, ax)."""
    import matplotlib.pyplot as plt

    from .layout import column_width

    inches = column_width(width) if isinstance(width, str) else min(float(width), column_width("double"))
    return plt.subplots(figsize=(inches, height), layout="constrained")


def tab10(i: int):
    """The i-th colour of matplotlib's tab10 palette (the colour of series i)."""
    import matplotlib.pyplot as plt

    return plt.cm.tab10.colors[i]


def estimated_hatches(estimated) -> list[str]:
    """"//" for each value flagged estimated (True), "" otherwise (False, missing)."""
    return ["//" if e is True else "" for e in estimated]


def grouped_bars(ax, n_groups: int, series: Sequence[dict], *, total_width: float = 0.8,
                 horizontal: bool = False) -> list[np.ndarray]:
    """One bar per group for each series, side by side within the group (``horizontal``: one
    above the other, the first series on top when the y axis runs downwards).

    ``series``: dicts with ``values`` (one per group, NaN for none) and optionally ``label``,
    ``color`` (default: the Axes' colour cycle) and ``hatch`` (a list, one per group). Returns the
    positions of each series' bars (groups are at 0, 1, 2 …).
    """
    width = total_width / max(len(series), 1)
    positions = []
    for i, s in enumerate(series):
        x = np.arange(n_groups) + (i - (len(series) - 1) / 2) * width
        kwargs = {k: s[k] for k in ("label", "color", "hatch") if s.get(k) is not None}
        if horizontal:
            ax.barh(x, s["values"], width, **kwargs)
        else:
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


def integer_ticks(axis) -> None:
    """Whole-number ticks on ``axis`` (``ax.xaxis``, ``ax.yaxis``): an axis of counts."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=6, integer=True))


def _too_wide(fig, artist) -> bool:
    fig.canvas.draw()
    box = artist.get_window_extent(fig.canvas.get_renderer())
    return box.x0 < fig.bbox.x0 or box.x1 > fig.bbox.x1


def fit_title(ax, text: str, **kwargs):
    """The figure's title, set flush left across the whole figure (``fig.suptitle``: a narrow
    Axes next to long tick labels would squeeze an Axes title), broken into lines when wider
    than the figure: first after its colon, then at spaces (or, in Chinese, between
    characters). ``kwargs`` other than ``loc`` go to ``suptitle``."""
    import textwrap

    import matplotlib

    kwargs.pop("loc", None)
    kwargs = {"x": 0.01, "ha": "left", "fontsize": matplotlib.rcParams["axes.titlesize"], **kwargs}
    fig = ax.figure
    title = fig.suptitle(text, **kwargs)
    if not _too_wide(fig, title):
        return title
    for colon in ("：", ": "):
        if colon in text:
            head, tail = text.split(colon, 1)
            text = head + colon.strip() + "\n" + tail
            break
    title = fig.suptitle(text, **kwargs)
    width = max(len(line) for line in text.splitlines())
    while _too_wide(fig, title) and width > 8:
        width -= 4
        lines = []
        for line in text.splitlines():
            lines += textwrap.wrap(line, width) if " " in line else [line[i:i + width] for i in range(0, len(line), width)]
        title = fig.suptitle("\n".join(lines), **kwargs)
    return title


def fit_legend(fig, ncol: int, **kwargs):
    """``fig.legend(ncol=ncol, **kwargs)`` with fewer columns while it is wider than the figure."""
    legend = fig.legend(ncol=ncol, **kwargs)
    while ncol > 1 and _too_wide(fig, legend):
        legend.remove()
        ncol -= 1
        legend = fig.legend(ncol=ncol, **kwargs)
    return legend


def spread(values, gap: float) -> list[float]:
    """``values`` moved apart, as little as possible, so that no two are closer than ``gap``
    (labels at the end of lines that end close together); returned in the input's order."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: list[float] = []
    for i in order:
        placed.append(values[i] if not placed else max(values[i], placed[-1] + gap))
    # centre the moved run on the original values, so labels stay near their points
    shift = (sum(placed) - sum(values[i] for i in order)) / max(len(placed), 1)
    out = [0.0] * len(values)
    for rank, i in enumerate(order):
        out[i] = placed[rank] - shift
    return out


def label_line_ends(ax, x: float, ys, texts, *, fontsize: float = 7.5, dx: float = 0.06) -> None:
    """Write ``texts`` right of the line ends (x, y), spread apart so that none over-prints
    another, each joined to its point by a thin line."""
    ys = [float(y) for y in ys]
    if not ys:
        return
    lo, hi = ax.get_ylim()
    height_in = ax.figure.get_figheight() * ax.get_position().height
    gap = (fontsize * 1.7 / 72) * (hi - lo) / max(height_in, 0.1)
    for y, y_text, text in zip(ys, spread(ys, gap), texts):
        ax.annotate(text, (x, y), xytext=(x + dx, y_text), textcoords="data", va="center", fontsize=fontsize,
                    arrowprops={"arrowstyle": "-", "lw": 0.5, "color": "0.5"})
