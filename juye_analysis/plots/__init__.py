"""Figures: the house style, CJK fonts and ``save_figure``; the figures of the notebooks.

One module per notebook (``overview``, ``indicators``, ``keywords``, ``year_over_year``, ``trends`` for
notebook 04's term trends) with one
function per figure: it takes the built tables and the notebook's parameters and returns a
matplotlib Figure (no file written; the notebook calls ``save_figure``). ``charts`` holds the
helpers they share (grouped, stacked and diverging bars, value annotations) and ``labels`` the
texts they show, from ``resources/labels.csv``.
"""
from .fonts import INSTALL_HINT, CJKFont, find_cjk_font, single_face_file, main  # noqa: F401
from .style import FORMATS, cjk_font_path, use_house_style, apply_font_rc, save_figure  # noqa: F401
