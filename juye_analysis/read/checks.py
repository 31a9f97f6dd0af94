"""The checks of what a user types or lists, made once where it is read: report ids, years,
metadata cells and the paths of report files.

- a **report_id** is a short slug: ASCII letters, digits, ``_`` and ``-``, at most
  :data:`MAX_ID_CHARS` characters, not starting with ``-`` (it names ``texts/{report_id}.txt``);
- a **report year** is a whole number from :data:`FIRST_YEAR` (the first work reports of the
  People's Republic) to next year;
- a **metadata cell** has no control or line-break characters and at most :data:`MAX_CELL_CHARS`
  characters;
- a **level** is one of :data:`LEVELS`; a **division code** (``division_code``,
  ``province_code``, ``city_code``) is six ASCII digits (GB/T 2260; 100000 for the nation);
- a **report file** resolves (symlinks followed) inside the raw folder.

Each function returns the checked value or raises :class:`~juye_analysis.errors.UserError` with
the problem (the caller says where: which line of reports.csv, which option).
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path
from ..errors import UserError


MAX_ID_CHARS = 64


MAX_CELL_CHARS = 1000


FIRST_YEAR = 1949


LEVELS = ("national", "province", "city", "county", "district", "county_city", "zone")


_SLUG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def last_year() -> int:
    """The latest plausible report year: next year (a report is sometimes filed ahead)."""
    return datetime.date.today().year + 1


def report_id_problem(value: str) -> str | None:
    """Why ``value`` is not a report_id, or None."""
    if not value:
        return "is empty"
    if len(value) > MAX_ID_CHARS:
        return f"has {len(value)} characters (at most {MAX_ID_CHARS})"
    if not _SLUG.fullmatch(value):
        return (f"{value!r} is not a short slug (ASCII letters, digits, _ and -, not starting "
                "with -), e.g. juye_2024")
    return None


def check_report_id(value: str, where, path=None) -> str:
    """``value`` if it is a report_id; else a UserError "{where} report_id …"."""
    problem = report_id_problem(value)
    if problem:
        raise UserError(path, f"{where} report_id {problem}")
    return value


def year_problem(value) -> str | None:
    """Why ``value`` (int or string as typed) is not a plausible report year, or None."""
    text = str(value).strip()
    if not re.fullmatch(r"-?[0-9]{1,6}", text):  # ASCII digits only ("²".isdigit() is True)
        return f"{str(value)[:20]!r} is not a year"
    year = int(text)
    if not FIRST_YEAR <= year <= last_year():
        return f"{year} is not a plausible report year ({FIRST_YEAR}..{last_year()})"
    return None


def check_year(value, where, path=None) -> int:
    """``value`` as an int if it is a plausible year; else a UserError "{where} …"."""
    problem = year_problem(value)
    if problem:
        raise UserError(path, f"{where} {problem}")
    return int(str(value).strip())


def check_level(value: str, where, path=None) -> str:
    """``value`` if it is one of :data:`LEVELS`; else a UserError "{where} …"."""
    if value not in LEVELS:
        raise UserError(path, f"{where} {str(value)[:20]!r} is not a level (one of {', '.join(LEVELS)})")
    return value


def check_code(value: str, where, path=None) -> str:
    """``value`` if it is a six-digit division code (GB/T 2260); else a UserError "{where} …"."""
    if not re.fullmatch(r"[0-9]{6}", str(value)):
        raise UserError(path, f"{where} {str(value)[:20]!r} is not a six-digit division code "
                              "(GB/T 2260, e.g. 371724)")
    return value


def cell_problem(value: str) -> str | None:
    """Why a metadata cell is not acceptable (control characters, line breaks, too long), or None."""
    if len(value) > MAX_CELL_CHARS:
        return f"has {len(value):,} characters (at most {MAX_CELL_CHARS:,})"
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)
    if bad is not None:
        return f"contains a control or line-break character ({bad!r}); keep each cell on one line"
    return None


def check_cell(value, where, path=None) -> str:
    """``value`` if it is an acceptable metadata cell; else a UserError "{where} …"."""
    problem = cell_problem(str(value))
    if problem:
        raise UserError(path, f"{where} {problem}")
    return value


def inside(raw: Path, name: str) -> Path | None:
    """The file ``name`` of the raw folder, resolved (symlinks followed), or None when it is
    absolute or resolves outside ``raw``."""
    if not name or Path(name).is_absolute():
        return None
    root = Path(raw).resolve()
    path = (root / name).resolve()
    return path if path.is_relative_to(root) and path != root else None
