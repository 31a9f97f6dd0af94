"""Figures: the house style, CJK fonts and ``save_figure``; the figures of the notebooks.

One module per notebook (``overview``, ``indicators``, ``keywords``, ``year_over_year``, ``trends`` for
notebook 04's term trends) with one
function per figure: it takes the built tables and the notebook's parameters and returns a
matplotlib Figure (no file written; the notebook calls ``save_figure``). ``charts`` holds the
helpers they share (grouped, stacked and diverging bars, value annotations, titles and legends
fitted to the figure), ``labels`` the texts they show, from ``resources/labels.csv`` (pinyin
terms, qualifiers by hardness, parts and sections, places in English), and ``layout`` the checks
``save_figure`` runs on every figure (over-printed or clipped texts, title, count ticks, fonts,
ids, Chinese in English figures) and the journal sizes (single column 85 mm, double 175 mm).
"""
from .fonts import INSTALL_HINT, CJKFont, find_cjk_font, single_face_file, main  # noqa: F401
from .style import FORMATS, cjk_font_path, use_house_style, apply_font_rc, save_figure, figure_folder  # noqa: F401
from .layout import column_width, layout_problems  # noqa: F401
