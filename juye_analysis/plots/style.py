"""House style for figures with Chinese labels, and ``save_figure`` (PNG 300 dpi, PDF, SVG).

The CJK font is registered with matplotlib in this process and put first in ``font.family``
(``[CJK font, "DejaVu Sans"]``: matplotlib falls back only across that list), after seaborn's
theme, which would reset it. PDFs embed the font as TrueType (Type 42) when it has TrueType
outlines (WenQuanYi Micro Hei, LXGW WenKai), else as Type 3 (Noto/Source Han are CFF, and Type 42
with CFF gives broken PDFs). Files carry no dates, so a rerun writes byte-identical files.
"""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib
from ..errors import UserError
from .fonts import INSTALL_HINT, find_cjk_font, single_face_file
from ..paths import figures_dir


FORMATS = ("png", "pdf", "svg")


def cjk_font_path() -> Path:
    """The CJK font file for wordcloud's ``font_path``: wordcloud opens face 0 of a .ttc, so when
    the font is a later face of a collection (Noto's Simplified Chinese face) this is a file with
    that face alone (:func:`juye_analysis.plots.fonts.single_face_file`)."""
    font = find_cjk_font()
    if font is None:
        raise UserError(None, f"no CJK font found: {INSTALL_HINT}")
    return single_face_file(font.path, font.face)


# Print sizes: figures are drawn at the journal column width (plots.layout), so these are the
# sizes in print; none below layout.MIN_FONT_PT (7 pt).
FONT_SIZES = {"font.size": 8, "axes.titlesize": 9, "axes.labelsize": 8, "xtick.labelsize": 7.5,
              "ytick.labelsize": 7.5, "legend.fontsize": 7.5, "legend.title_fontsize": 8,
              "figure.titlesize": 9}


def use_house_style(context: str = "paper", **theme_kwargs) -> str:
    """seaborn's theme, the journal font sizes (:data:`FONT_SIZES`), then the CJK font; returns
    the font family in use."""
    import seaborn as sns
    from matplotlib import font_manager

    font = find_cjk_font()
    if font is None:
        raise UserError(None, f"no CJK font found: {INSTALL_HINT}")
    font_manager.fontManager.addfont(str(font.path))
    sns.set_theme(context=context, style="whitegrid", **theme_kwargs)
    matplotlib.rcParams.update(FONT_SIZES)
    apply_font_rc(font.family, font.truetype_outlines)
    return font.family


def apply_font_rc(family: str, truetype_outlines: bool) -> None:
    rc = matplotlib.rcParams
    rc["font.family"] = [family, "DejaVu Sans"]
    rc["axes.unicode_minus"] = False  # the CJK font may lack U+2212
    rc["pdf.fonttype"] = 42 if truetype_outlines else 3
    rc["svg.fonttype"] = "path"
    rc["svg.hashsalt"] = "juye-analysis"  # stable element ids: reproducible SVG
    rc["savefig.bbox"] = "tight"
    rc["savefig.pad_inches"] = 0.02
    rc["figure.dpi"] = 100


STRICT_ENV = "JUYE_STRICT_LAYOUT"  # "1": a figure with a layout problem is not written (tests)
_SLUG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,63}")
_NAME = re.compile(r"fig-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*")


class LayoutError(ValueError):
    """A figure that ``layout_problems`` finds fault with, saved in strict mode."""


def figure_folder(report, lang: str, directory=None) -> Path:
    """Where the figures of one report (a report_id) or one pair (``(old, new)``) in one
    language go: ``figures/juye_2024/en/``, ``figures/juye_2024..juye_2025/zh/`` (``..`` cannot
    occur in a report id, so a pair's folder never is a report's). Each id must be a report id
    (ASCII letters, digits, _ and -) and ``lang`` a language of ``labels.csv``: nothing a user
    typed becomes a path unchecked."""
    from .labels import languages

    ids = [report] if isinstance(report, str) else list(report)
    if len(ids) not in (1, 2) or not all(isinstance(i, str) and _SLUG.fullmatch(i) for i in ids):
        raise ValueError(f"figures of {report!r}: give a report id (juye_2024) or a pair of them")
    if lang not in languages():
        raise ValueError(f"figures in {lang!r}: use one of {', '.join(languages())}")
    root = (Path(directory) if directory else figures_dir()).resolve()
    folder = (root / "..".join(ids) / lang).resolve()
    if root not in folder.parents:
        raise ValueError(f"figures of {report!r}: outside {root}")
    return folder


def save_figure(fig, name: str, report=None, lang: str | None = None, *, formats=FORMATS, dpi: int = 300,
                directory=None, check: bool = True) -> list[Path]:
    """Write ``figures/REPORT/LANG/NAME.png`` (300 dpi), ``.pdf`` and ``.svg``; return the paths.

    ``report`` is the report_id the figure shows, or the pair ``(old, new)``, and ``lang`` its
    language, so that figures of other reports or languages never overwrite it
    (:func:`figure_folder`); ``NAME`` is ``fig-NN-name``. Without ``report`` (a test, a one-off)
    the files go into ``directory`` itself. Before writing, the figure's layout is checked
    (:func:`juye_analysis.plots.layout.layout_problems`: overlaps, clipping, title, integer
    counts, fonts, report ids, Chinese in English figures): each problem is a warning, or, when
    the environment sets ``JUYE_STRICT_LAYOUT=1`` (the notebook tests do), a LayoutError and no
    file. No creation dates are written, so rerunning gives byte-identical files.
    """
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"figure name {name!r}: give a plain file name without folder or suffix")
    if report is not None:
        if not _NAME.fullmatch(name):
            raise ValueError(f"figure name {name!r}: use fig-NN-words-with-hyphens")
        out = figure_folder(report, lang or "zh", directory)
    else:
        out = Path(directory) if directory else figures_dir()
    if check:
        _check_layout(fig, name, lang, [report] if isinstance(report, str) else list(report or ()))
    out.mkdir(parents=True, exist_ok=True)
    metadata = {
        "png": {"Software": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
        "svg": {"Date": None, "Creator": None},
    }
    paths = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        fig.savefig(path, format=fmt, dpi=dpi if fmt == "png" else None, metadata=metadata[fmt])
        paths.append(path)
    return paths


def _check_layout(fig, name: str, lang, report_ids) -> None:
    import os
    import warnings

    from .layout import layout_problems

    problems = layout_problems(fig, lang, report_ids)
    if not problems:
        return
    if os.environ.get(STRICT_ENV) == "1":
        raise LayoutError(f"{name}: " + "; ".join(problems))
    for problem in problems:
        warnings.warn(f"{name}: {problem}", stacklevel=3)
