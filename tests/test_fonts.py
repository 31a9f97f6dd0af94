"""Finding a CJK font on this machine: the order of resources/fonts.csv (TrueType outlines first),
every face of a collection, a single-face file for wordcloud, and ``--check``'s exit codes.

The tests that need a real CJK font skip, saying so, where none is installed; the order of
preference is tested on a made-up machine."""
from __future__ import annotations

import runpy
import sys
import warnings
from pathlib import Path

import pytest

from juye_analysis.plots import fonts
from juye_analysis.plots.fonts import CJKFont, _family_names, find_cjk_font

NO_FONT = "no CJK font installed (scripts/setup.sh installs fonts-wqy-microhei)"


@pytest.fixture
def fresh_search():
    """find_cjk_font is cached for the process: clear it around a test that fakes the machine."""
    find_cjk_font.cache_clear()
    yield
    find_cjk_font.cache_clear()


def _fake_machine(monkeypatch, files: dict[str, list[str] | None], glyf: set[str]):
    """Font files (name → family of each face; None: a file FreeType cannot open) and the
    families whose file has TrueType outlines."""
    from matplotlib import font_manager

    def names(path: Path):
        families = files[path.name]
        if families is None:
            raise RuntimeError("cannot open")
        return [(f, i) for i, f in enumerate(families)]

    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [f"/fonts/{n}" for n in files])
    monkeypatch.setattr(fonts, "_family_names", names)
    monkeypatch.setattr(fonts, "_has_glyf", lambda path, face=0: files[path.name][face] in glyf)


def test_a_truetype_outline_font_is_preferred_to_a_cff_one(monkeypatch, fresh_search):
    _fake_machine(monkeypatch, {"NotoSansCJK.ttc": ["Noto Sans CJK JP", "Noto Sans CJK SC"],
                                "broken.ttf": None,
                                "wqy-microhei.ttc": ["WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono"]},
                  glyf={"WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono"})
    assert find_cjk_font() == CJKFont("WenQuanYi Micro Hei", Path("/fonts/wqy-microhei.ttc"), True, 0)


def test_a_cff_font_is_found_in_its_face_of_the_collection(monkeypatch, fresh_search):
    noto = ["Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK SC"]
    _fake_machine(monkeypatch, {"DejaVuSans.ttf": ["DejaVu Sans"], "NotoSansCJK.ttc": noto},
                  glyf={"DejaVu Sans"})
    assert find_cjk_font() == CJKFont("Noto Sans CJK SC", Path("/fonts/NotoSansCJK.ttc"), False, 2)


def test_no_listed_font_gives_none(monkeypatch, fresh_search):
    _fake_machine(monkeypatch, {"DejaVuSans.ttf": ["DejaVu Sans"]}, glyf={"DejaVu Sans"})
    assert find_cjk_font() is None


def test_fonts_csv_lists_truetype_outlines_first():
    from juye_analysis.resource_files import read_resource_csv

    outlines = read_resource_csv("fonts.csv")["outlines"].tolist()
    assert outlines[0] == "glyf" and outlines.index("cff") > outlines.index("glyf")


def test_a_cjk_font_is_found():
    font = find_cjk_font()
    assert font is not None, "no CJK font: run scripts/setup.sh"
    assert font.path.exists()


def test_the_found_font_says_its_outlines_truly():
    from fontTools.ttLib import TTFont

    font = find_cjk_font()
    if font is None:
        pytest.skip(NO_FONT)
    with TTFont(str(font.path), fontNumber=font.face, lazy=True) as tt:
        assert font.truetype_outlines == ("glyf" in tt)
        assert font.family in {r.toUnicode() for r in tt["name"].names if r.nameID in (1, 16)}


def test_every_face_of_a_font_collection_is_seen():
    font = find_cjk_font()
    if font is None:
        pytest.skip(NO_FONT)
    if font.path.suffix.lower() in {".ttc", ".otc"}:
        names = _family_names(font.path)
        assert len(names) > 1 and names[0][1] == 0 and names[1][1] == 1


def _a_collection():
    font = find_cjk_font()
    if font is None:
        pytest.skip(NO_FONT)
    if font.path.suffix.lower() not in {".ttc", ".otc"} or len(_family_names(font.path)) < 2:
        pytest.skip("the CJK font here is not a collection")
    return font


def test_single_face_file_of_a_ttc_holds_that_face_alone(monkeypatch, tmp_path):
    font = _a_collection()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    second = _family_names(font.path)[1][0]
    out = fonts.single_face_file(font.path, 1)
    assert out.parent == tmp_path / "juye-analysis" and out.suffix in {".ttf", ".otf"}
    assert _family_names(out) == [(second, 0)]  # one face: the one asked for
    assert out.read_bytes()[:4] != b"ttcf"  # not a collection
    written = out.stat().st_mtime_ns
    assert fonts.single_face_file(font.path, 1) == out and out.stat().st_mtime_ns == written
    assert not list(out.parent.glob("*.tmp*"))


def test_wordcloud_gets_the_chosen_face_of_a_collection(monkeypatch, tmp_path):
    """wordcloud (Pillow) opens face 0 of a .ttc: for a later face, cjk_font_path gives a file
    with that face alone (here face 1 of the collection, WenQuanYi's Mono face when the machine
    has wqy-microhei.ttc)."""
    from PIL import ImageFont

    from juye_analysis.plots import style as plotting

    font = _a_collection()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    second = _family_names(font.path)[1][0]
    monkeypatch.setattr(plotting, "find_cjk_font", lambda: CJKFont(second, font.path, True, 1))
    path = plotting.cjk_font_path()
    assert path != font.path and path.exists()
    assert ImageFont.truetype(str(path), 20).getname()[0] == second
    assert plotting.cjk_font_path() == path  # written once
    assert fonts.single_face_file(font.path, 0) == font.path


def _run_check(monkeypatch) -> int:
    """``python -m juye_analysis.plots.fonts --check`` (as scripts/setup.sh runs it), in this
    process: the module runs afresh as __main__, with its own cache."""
    monkeypatch.setattr(sys, "argv", ["fonts", "--check"])
    with warnings.catch_warnings(), pytest.raises(SystemExit) as info:
        warnings.simplefilter("ignore", RuntimeWarning)  # "found in sys.modules": it is, via plots
        runpy.run_module("juye_analysis.plots.fonts", run_name="__main__")
    return info.value.code


def test_check_exits_0_and_names_the_font(monkeypatch, capsys):
    if find_cjk_font() is None:
        pytest.skip(NO_FONT)
    assert _run_check(monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"CJK font: {find_cjk_font().family} (") and "outlines" in out


def test_check_exits_1_with_the_packages_to_install(monkeypatch, capsys):
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    assert _run_check(monkeypatch) == 1
    err = capsys.readouterr().err
    assert err.startswith("no CJK font found; install a free CJK font") and "fonts-wqy-microhei" in err
