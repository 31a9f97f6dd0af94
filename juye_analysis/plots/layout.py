"""Checks of a drawn figure that a journal would otherwise catch: ``layout_problems(fig)``.

After the figure is drawn, every visible text (titles, axis labels, the tick labels in view,
legend entries, annotations) has a window extent; two texts whose extents intersect are
over-printed, and a text whose extent leaves the figure is clipped. A figure also needs a title,
count axes need whole-number ticks, fonts at least ``MIN_FONT_PT`` at print size (the figure is
drawn at print size: at most the double-column width), no internal report id may show, and an
English figure shows no Chinese character. ``save_figure`` runs these checks on every figure it
writes (see :func:`juye_analysis.plots.style.save_figure`).
"""
from __future__ import annotations

import re
from ..read.chars import _HAN_RANGES

MM_PER_INCH = 25.4
SINGLE_COLUMN_MM = 85.0  # journal single column (Elsevier 90, Springer 84, Nature 89: ≈ 85)
DOUBLE_COLUMN_MM = 175.0  # journal double column (Elsevier 190, Springer 174, Nature 183: ≈ 175)
MIN_FONT_PT = 7.0
TOLERANCE_PX = 0.5  # extents meeting within half a pixel are not an overlap

# Han (read.chars, the one definition), CJK punctuation, full-width forms, and the
# supplementary ideograph planes (Extension B onwards); not … — · or curly quotes, which English
# text uses too
_CJK_TEXT = re.compile(f"[{_HAN_RANGES}\u3000-\u303f\uff00-\uffef\U00020000-\U0002ffff]")
_REPORT_ID_LIKE = re.compile(r"\b[a-z][a-z0-9]*_(19|20)\d\d\b")


def column_width(preset: str) -> float:
    """Width in inches of a journal preset: ``single`` (≈ 85 mm) or ``double`` (≈ 175 mm)."""
    widths = {"single": SINGLE_COLUMN_MM, "double": DOUBLE_COLUMN_MM}
    if preset not in widths:
        raise ValueError(f"size preset {preset!r}: use single or double")
    return widths[preset] / MM_PER_INCH


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a CJK character (Han, CJK punctuation, full-width forms)."""
    return bool(_CJK_TEXT.search(text))


def _in_view(axis, tick) -> bool:
    lo, hi = sorted(axis.get_view_interval())
    span = (hi - lo) or 1.0
    return lo - 1e-9 * span <= tick.get_loc() <= hi + 1e-9 * span


def _tick_labels(ax) -> tuple[list, list]:
    """(drawn tick labels, the x/y axis each belongs to) of ``ax``: labels of ticks in view."""
    drawn, owners = [], []
    if not ax.axison:
        return drawn, owners
    for axis in (ax.xaxis, ax.yaxis):
        if not axis.get_visible():
            continue
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            if not _in_view(axis, tick):
                continue
            for text in (tick.label1, tick.label2):
                if text.get_visible() and text.get_text().strip():
                    drawn.append(text)
                    owners.append(axis)
    return drawn, owners


def drawn_texts(fig) -> list:
    """Every text artist the figure shows once drawn (call after ``fig.canvas.draw()``)."""
    from matplotlib.text import Text

    ticks = set()
    texts = []
    for ax in fig.axes:
        labels, _ = _tick_labels(ax)
        texts += labels
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update((id(tick.label1), id(tick.label2)))
    seen = {id(t) for t in texts}
    for text in fig.findobj(Text):
        if id(text) in ticks or id(text) in seen:
            continue
        if not text.get_visible() or not text.get_text().strip() or not _parents_shown(text, fig):
            continue
        texts.append(text)
        seen.add(id(text))
    return texts


def _parents_shown(text, fig) -> bool:
    """False for the axis labels of an Axes drawn without axes (``ax.axis("off")``)."""
    for ax in fig.axes:
        if not ax.axison and text in (ax.xaxis.label, ax.yaxis.label, ax.xaxis.offsetText,
                                      ax.yaxis.offsetText):
            return False
        if text in (ax.xaxis.offsetText, ax.yaxis.offsetText) and not text.get_text():
            return False
    return True


def _title(fig) -> str:
    parts = [fig._suptitle.get_text() if fig._suptitle is not None else ""]
    for ax in fig.axes:
        parts += [ax.get_title(loc) for loc in ("center", "left", "right")]
    return " ".join(p for p in parts if p.strip())


def _count_labels() -> set[str]:
    from .labels import count_axis_labels

    return count_axis_labels()


def layout_problems(fig, lang: str | None = None, report_ids=()) -> list[str]:
    """What is wrong with the drawn ``fig``, one line each (empty: nothing).

    Checks: a title; no two visible texts over-printed; none clipped by the figure edge; the
    figure at most the double-column width and every font at least ``MIN_FONT_PT``; whole-number
    ticks on count axes (an axis whose label is a count label of ``labels.csv``); no report id
    (``report_ids``, or anything shaped like ``juye_2024``) in a text; with ``lang="en"``, no
    Chinese character in a text.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    problems = []
    if not _title(fig):
        problems.append("no title")
    width_mm = fig.get_figwidth() * MM_PER_INCH
    if width_mm > DOUBLE_COLUMN_MM + 0.5:
        problems.append(f"{width_mm:.0f} mm wide: wider than a double column ({DOUBLE_COLUMN_MM:.0f} mm)")
    from matplotlib.text import Text

    texts = drawn_texts(fig)
    boxes = [Text.get_window_extent(t, renderer) for t in texts]  # an annotation's text, not its arrow
    edge = fig.bbox
    for text, box in zip(texts, boxes):
        name = repr(text.get_text())
        if text.get_fontsize() < MIN_FONT_PT - 1e-6:
            problems.append(f"{name} set in {text.get_fontsize():g} pt (< {MIN_FONT_PT:g} pt)")
        if (box.x0 < edge.x0 - TOLERANCE_PX or box.y0 < edge.y0 - TOLERANCE_PX
                or box.x1 > edge.x1 + TOLERANCE_PX or box.y1 > edge.y1 + TOLERANCE_PX):
            problems.append(f"{name} clipped by the figure edge")
        if lang == "en" and has_cjk(text.get_text()):
            problems.append(f"{name}: Chinese in an English figure")
        ids = [r for r in report_ids if r and r in text.get_text()] or _REPORT_ID_LIKE.findall(text.get_text())
        if ids:
            problems.append(f"{name} shows a report id")
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            if (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE_PX
                    and min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE_PX):
                problems.append(f"{texts[i].get_text()!r} and {texts[j].get_text()!r} overlap")
    counts = _count_labels()
    for ax in fig.axes:
        labels, owners = _tick_labels(ax)
        for axis in (ax.xaxis, ax.yaxis):
            if axis.label.get_text() not in counts:
                continue
            fractional = [t.get_text() for t, o in zip(labels, owners)
                          if o is axis and not float(_tick_value(axis, t)).is_integer()]
            if fractional:
                problems.append(f"count axis {axis.label.get_text()!r} has fractional ticks {fractional}")
    return problems


def _tick_value(axis, text) -> float:
    for tick in axis.get_major_ticks() + axis.get_minor_ticks():
        if text is tick.label1 or text is tick.label2:
            return tick.get_loc()
    return 0.0
