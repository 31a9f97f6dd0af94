"""Figures for papers: Chinese glyphs present, Type 42 PDFs with a TrueType-outline font,
byte-identical reruns."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from juye_analysis.plots.fonts import find_cjk_font  # noqa: E402
from juye_analysis.plots.style import save_figure, use_house_style  # noqa: E402


@pytest.fixture
def figure():
    use_house_style()
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.bar(["地区生产总值", "一般公共预算收入", "GDP"], [6.9, 5.1, -1.0])
    ax.set_title("巨野县 2023年 增长率（%）")
    ax.set_xlabel("指标 indicator")
    yield fig
    plt.close(fig)


def test_font_family_is_a_fallback_list_after_seaborn():
    family = use_house_style()
    assert list(matplotlib.rcParams["font.family"]) == [family, "DejaVu Sans"]


def test_no_missing_glyph_warnings(figure, tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_figure(figure, "glyphs", directory=tmp_path)
    missing = [str(w.message) for w in caught if "missing" in str(w.message).lower()]
    assert not missing, missing


def test_three_formats_and_byte_identical_reruns(figure, tmp_path):
    first = save_figure(figure, "fig-test", directory=tmp_path)
    assert sorted(p.suffix for p in first) == [".pdf", ".png", ".svg"]
    digests = [hashlib.sha256(p.read_bytes()).hexdigest() for p in first]
    again = save_figure(figure, "fig-test", directory=tmp_path)
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in again] == digests
    from PIL import Image

    with Image.open(next(p for p in first if p.suffix == ".png")) as img:
        assert round(img.info["dpi"][0]) == 300


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not installed")
def test_pdf_embeds_the_cjk_font_as_truetype(figure, tmp_path):
    font = find_cjk_font()
    (pdf,) = save_figure(figure, "fonts", directory=tmp_path, formats=("pdf",))
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.strip().splitlines()[2:]
    assert rows, out
    assert all(" yes " in r for r in rows), out  # every font embedded
    if font.truetype_outlines:
        assert all("TrueType" in r for r in rows), out
        assert "Type 3" not in out
    else:
        assert "Type 3" in out


def test_save_figure_refuses_paths(figure):
    with pytest.raises(ValueError):
        save_figure(figure, "../elsewhere")


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not installed")
def test_a_cff_font_falls_back_to_type3(tmp_path):
    """Noto/Source Han (CFF outlines) would give broken Type 42 PDFs: the house style uses Type 3."""
    from juye_analysis.plots.style import apply_font_rc

    family = use_house_style()
    apply_font_rc(family, truetype_outlines=False)  # as it does for a CFF font
    assert matplotlib.rcParams["pdf.fonttype"] == 3
    fig, ax = plt.subplots()
    ax.set_title("巨野县")
    (pdf,) = save_figure(fig, "type3", directory=tmp_path, formats=("pdf",))
    plt.close(fig)
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" in out
    use_house_style()
