"""Finding a freely licensed CJK font on this machine (never a bundled one).

Order of preference (``resources/fonts.csv``): WenQuanYi Micro Hei and LXGW WenKai (TrueType
outlines: PDFs can embed them as Type 42), then Noto Sans CJK / Source Han (CFF outlines: PDFs fall
back to Type 3), then the system fonts of macOS and Windows (PingFang SC, Microsoft YaHei …), which
are fine to use but never shipped. ``python -m juye_analysis.plots.fonts --check`` exits 1 when none is
found, with the packages to install.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


INSTALL_HINT = ("install a free CJK font: Debian/Ubuntu `apt-get install fonts-wqy-microhei` "
                "(or fonts-lxgw-wenkai), Fedora `dnf install wqy-microhei-fonts`, conda "
                "`conda install -c conda-forge font-ttf-noto-cjk`; macOS and Windows have PingFang SC / "
                "Microsoft YaHei")


@dataclass(frozen=True)
class CJKFont:
    family: str  # the name matplotlib knows it by
    path: Path  # the file (wordcloud and Pillow open face 0 of a .ttc: see single_face_file)
    truetype_outlines: bool  # glyf outlines: PDF Type 42 is safe
    face: int = 0  # the face of a .ttc/.otc collection that has this family


def _preferences() -> list[str]:
    from ..resource_files import font_preferences

    return list(font_preferences())


def _has_glyf(path: Path, face: int = 0) -> bool:
    try:
        from fontTools.ttLib import TTFont

        with TTFont(str(path), fontNumber=face, lazy=True) as font:
            return "glyf" in font
    except Exception:  # noqa: BLE001 - an unreadable font is treated as CFF (Type 3, always safe)
        return False


@lru_cache(maxsize=1)
def find_cjk_font() -> CJKFont | None:
    """The preferred CJK font installed on this machine, or None."""
    from matplotlib import font_manager

    by_name: dict[str, tuple[Path, int]] = {}
    for path in sorted(font_manager.findSystemFonts()):
        try:
            names = _family_names(Path(path))
        except Exception:  # noqa: BLE001 - skip fonts FreeType cannot open
            continue
        for name, face in names:
            by_name.setdefault(name, (Path(path), face))
    for family in _preferences():
        if family in by_name:
            path, face = by_name[family]
            return CJKFont(family, path, _has_glyf(path, face), face)
    return None


def single_face_file(path: Path, face: int) -> Path:
    """A font file holding only face ``face`` of the collection ``path`` (written once, with
    fontTools, into the package's cache folder), for libraries that open face 0 of a collection:
    wordcloud and Pillow would draw Noto's Japanese face instead of its Simplified Chinese one."""
    import hashlib

    from fontTools.ttLib import TTFont

    from ..paths import cache_dir

    if face == 0:
        return Path(path)
    stat = Path(path).stat()
    key = hashlib.sha256(f"{Path(path).resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{face}".encode())
    with TTFont(str(path), fontNumber=face, lazy=False) as font:
        suffix = ".ttf" if "glyf" in font else ".otf"
        out = cache_dir() / f"font-{key.hexdigest()[:16]}{suffix}"
        if not out.exists():
            tmp = out.with_suffix(f".tmp{id(font)}")
            font.save(str(tmp))
            tmp.replace(out)
    return out


def _family_names(path: Path) -> list[tuple[str, int]]:
    """(family, face index) of every face of a font file (a .ttc/.otc collection has several:
    in Noto's OTC, face 0 is the Japanese one and the Simplified Chinese one comes later)."""
    from matplotlib import ft2font

    if path.suffix.lower() not in {".ttf", ".ttc", ".otf", ".otc"}:
        return []
    first = ft2font.FT2Font(str(path))
    names = [(first.family_name, 0)]
    for face in range(1, first.num_faces):
        names.append((ft2font.FT2Font(str(path), face_index=face).family_name, face))
    return names


def main(argv: list[str] | None = None) -> int:
    font = find_cjk_font()
    if font is None:
        print(f"no CJK font found; {INSTALL_HINT}", file=sys.stderr)
        return 1
    kind = "TrueType outlines (PDF Type 42)" if font.truetype_outlines else "CFF outlines (PDF Type 3)"
    print(f"CJK font: {font.family} ({font.path}; {kind})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
