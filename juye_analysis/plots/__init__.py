"""Figures: the house style, CJK fonts and ``save_figure``.
"""
from .fonts import INSTALL_HINT, CJKFont, find_cjk_font, single_face_file, main  # noqa: F401
from .style import FORMATS, cjk_font_path, use_house_style, apply_font_rc, save_figure  # noqa: F401
