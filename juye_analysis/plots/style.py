"""House style for figures with Chinese labels, and ``save_figure`` (PNG 300 dpi, PDF, SVG).

The CJK font is registered with matplotlib in this process and put first in ``font.family``
(``[CJK font, "DejaVu Sans"]``: matplotlib falls back only across that list), after seaborn's
theme, which would reset it. PDFs embed the font as TrueType (Type 42) when it has TrueType
outlines (WenQuanYi Micro Hei, LXGW WenKai), else as Type 3 (Noto/Source Han are CFF, and Type 42
with CFF gives broken PDFs). Files carry no dates, so a rerun writes byte-identical files.
"""
from __future__ import annotations

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


def use_house_style(context: str = "notebook", **theme_kwargs) -> str:
    """seaborn's theme, then the CJK font; returns the font family in use."""
    import seaborn as sns
    from matplotlib import font_manager

    font = find_cjk_font()
    if font is None:
        raise UserError(None, f"no CJK font found: {INSTALL_HINT}")
    font_manager.fontManager.addfont(str(font.path))
    sns.set_theme(context=context, style="whitegrid", **theme_kwargs)
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
    rc["figure.dpi"] = 100


def save_figure(fig, name: str, *, formats=FORMATS, dpi: int = 300, directory=None) -> list[Path]:
    """Write ``figures/NAME.png`` (300 dpi), ``NAME.pdf`` and ``NAME.svg``; return the paths.

    No creation dates are written, so rerunning gives byte-identical files.
    """
    if not name or "/" in name or "\\" in name:
        raise ValueError(f"figure name {name!r}: give a plain file name without folder or suffix")
    out = Path(directory) if directory else figures_dir()
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
