"""Administrative divisions (GB/T 2260): a jurisdiction's name → its code, level and parents.

The divisions are ``resources/divisions.csv`` (every province, prefecture-level city and
county-level division, from the Ministry of Civil Affairs' list; see ``resources/README.md``),
old names are ``resources/division_renames.csv`` (a county renamed, made a district or a
county-level city), and the English of a name follows the rules of
``resources/division_english.csv`` (the one home of them, applied by :func:`english_from_pinyin`).

Levels are those of ``reports.csv``: national, province, city (prefecture level), county (县,
自治县, 旗, 自治旗, 特区, 林区), district (市辖区), county_city (县级市).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from .. import resource_files as resources
from ..errors import UserError
from .checks import LEVELS as REPORT_LEVELS

# the levels a division of the list has: those of reports.csv (read.checks, the one list) but
# zone, which reports.csv allows for a zone that is no division
LEVELS = tuple(level for level in REPORT_LEVELS if level != "zone")
COUNTY_LEVELS = ("county", "district", "county_city")
CODE = re.compile(r"\d{6}")


@dataclass(frozen=True)
class Division:
    """What :func:`resolve_division` gives: ``code``, ``name`` (the current name), ``level``,
    ``province_code``, ``city_code`` (the province and prefecture city above the division, as in
    ``reports.csv``: empty for a province, city_code empty for a city and for a county-level
    division directly under a province or a municipality), ``parent_code``, ``name_en``; ``given`` is the name asked for
    and ``renamed_from`` the old name it was found by (empty when it is the current name), with
    the ``rename_year``, ``rename_change`` (更名, 撤县设区 …) and the ``old_level`` the division had
    under that name (定陶县: county, now 定陶区, a district)."""
    code: str
    name: str
    level: str
    province_code: str
    city_code: str
    parent_code: str
    name_en: str
    given: str
    renamed_from: str = ""
    rename_year: str = ""
    rename_change: str = ""
    old_level: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=None)
def _english_rules() -> dict[str, dict[str, str]]:
    """kind → {key: value} of ``division_english.csv``, keys longest first."""
    rules = resources.division_english()
    out: dict[str, dict[str, str]] = {}
    for kind, key, value in sorted(zip(rules["kind"], rules["key"], rules["value"]),
                                   key=lambda r: -len(r[1])):
        out.setdefault(kind, {})[key] = value
    return out


def split_name(name: str) -> tuple[str, str]:
    """(stem, suffix) of a division name: the longest suffix of ``division_english.csv`` and
    the name before it less its ethnic group names (道真仡佬族苗族自治县 → 道真, 自治县);
    a name with no known suffix is its own stem with suffix ""."""
    suffixes = _english_rules().get("suffix", {})
    ethnic = _english_rules().get("ethnic", {})
    suffix = next((s for s in suffixes if name.endswith(s) and len(name) > len(s)), "")
    stem = name[: len(name) - len(suffix)]
    stripped = True
    while stripped:
        stripped = False
        for e in ethnic:
            if stem.endswith(e) and len(stem) > len(e):
                stem, stripped = stem[: -len(e)], True
                break
    return stem, suffix


def english_from_pinyin(name: str, stem_pinyin: str) -> str:
    """The English of a division name from the pinyin of its stem (巨野县, "Juye" → "Juye
    County"; 济南市, "Jinan" → "Jinan"): an ``override`` row of ``division_english.csv`` if
    there is one, else the template of the name's suffix."""
    rules = _english_rules()
    if name in rules.get("override", {}):
        return rules["override"][name]
    _, suffix = split_name(name)
    template = rules.get("suffix", {}).get(suffix)
    return template.format(stem=stem_pinyin) if template else stem_pinyin


def _table():
    return resources.divisions()


def _by_code() -> dict[str, dict]:
    return resources.divisions_by_code()


def _where(row: dict) -> str:
    """巨野县 (371724, 山东省菏泽市): a candidate as an error lists it."""
    by_code = _by_code()
    parents = "".join(by_code[c]["name"] for c in (row["province_code"], row["city_code"]) if c)
    return f"{row['name']} ({row['code']}{', ' + parents if parents else ''})"


def _area_codes(value: str | None, level: str, what: str) -> set[str] | None:
    """The codes a ``province=`` or ``city=`` argument stands for (a name, old name or code)."""
    if value is None or value == "":
        return None
    value = str(value).strip()
    if CODE.fullmatch(value):
        return {value}
    table = _table()
    hits = table[(table["name"] == value) & (table["level"] == level)]
    if not len(hits):  # 山东 for 山东省, 菏泽 for 菏泽市
        hits = table[table["level"] == level]
        hits = hits[hits["name"].map(lambda n: split_name(n)[0] == value)]
    if not len(hits):
        raise UserError(None, f"{what} {value!r} is not a {level} of the division list")
    return set(hits["code"])


def _in_area(row: dict, provinces: set[str] | None, cities: set[str] | None) -> bool:
    return ((provinces is None or row["province_code"] in provinces)
            and (cities is None or row["city_code"] in cities))


def _strip_prefixes(name: str) -> tuple[str, str | None, str | None]:
    """山东省菏泽市巨野县 → (巨野县, 370000, 371700): a province and city written before the name."""
    table = _table()
    province = city = None
    for level in ("province", "city"):
        for r in table[table["level"] == level].itertuples():
            if name.startswith(r.name) and len(name) > len(r.name) + 1:
                name = name[len(r.name):]
                if level == "province":
                    province = r.code
                else:
                    city = r.code
                break
    return name, province, city


def resolve_division(name: str, *, province: str | None = None, city: str | None = None) -> Division:
    """The division a name stands for: its current name first (全国, 山东省, 菏泽市, 巨野县),
    else an old name of ``division_renames.csv`` (定陶县 → 定陶区, said in ``renamed_from``).
    A name may carry its province and city before it (山东省菏泽市巨野县) or be a 6-digit code.

    ``province`` and ``city`` (names, stems such as 山东, or codes) choose among divisions of
    the same name (鼓楼区 is a district of four cities). A ``UserError`` of one line lists the
    candidates when the name stays ambiguous, and names the nearest names when it is unknown.
    """
    given = str(name).strip()
    by_code = _by_code()
    if CODE.fullmatch(given):
        if given not in by_code:
            raise UserError(None, f"division code {given} is not in the division list (GB/T 2260)")
        return _division(by_code[given], given)
    provinces = _area_codes(province, "province", "province")
    cities = _area_codes(city, "city", "city")
    table = resources.divisions_by_name()
    key = given
    if key not in table and key not in resources.division_renames_by_name():
        key, p, c = _strip_prefixes(given)
        provinces = {p} if p and provinces is None else provinces
        cities = {c} if c and cities is None else cities
    rows = table.get(key, [])
    found = [r for r in rows if _in_area(r, provinces, cities)]
    if len(found) == 1:
        return _division(found[0], given)
    if len(found) > 1:
        raise UserError(None, f"{given} names {len(found)} divisions: "
                              f"{'; '.join(_where(r) for r in found)}; say which with the province "
                              "or city (--province, --city)")
    old = [(r, by_code[r["code"]]) for r in resources.division_renames_by_name().get(key, [])]
    old = [(r, row) for r, row in old if _in_area(row, provinces, cities)]
    if not rows and len({row["code"] for _, row in old}) == 1:
        change, row = old[0]
        return _division(row, given, change)
    if not rows and old:
        raise UserError(None, f"{given} is an old name of {len(old)} divisions: "
                              f"{'; '.join(_where(row) for _, row in old)}; say which with the "
                              "province or city (--province, --city)")
    if rows:
        raise UserError(None, f"no {given} in the province or city given; there are: "
                              f"{'; '.join(_where(r) for r in rows)}")
    raise UserError(None, f"{given} is not a division name of the list (GB/T 2260) nor an old "
                          f"name of one{_near(key)}")


def _near(name: str) -> str:
    names = list(resources.divisions_by_name()) + list(resources.division_renames_by_name())
    near = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    near += [n for n in names if name and n.startswith(name) and n not in near][: 5 - len(near)]
    return f"; nearest: {', '.join(near)}" if near else ""


def _division(row: dict, given: str, change: dict | None = None) -> Division:
    extra = {} if change is None else dict(renamed_from=change["old_name"], rename_year=change["year"],
                                           rename_change=change["change"], old_level=change["old_level"])
    return Division(code=row["code"], name=row["name"], level=row["level"],
                    province_code=row["province_code"], city_code=row["city_code"],
                    parent_code=row["parent_code"], name_en=row["name_en"], given=given, **extra)


def english_name(name_or_code: str, default: str | None = None) -> str:
    """The English name of a division for figure labels (巨野县 → "Juye County", 济南市 →
    "Jinan", 全国 → "China", "371724" → "Juye County"): the ``name_en`` of ``divisions.csv``.
    An old name gives the current division's name; a name shared by several divisions gives
    their common English name (鼓楼区 → "Gulou District"). A name that is not a division gives
    ``default`` when it is given, else a ``UserError`` naming near names."""
    key = str(name_or_code).strip()
    if key in _by_code():
        return _by_code()[key]["name_en"]
    rows = resources.divisions_by_name().get(key)
    if rows and len({r["name_en"] for r in rows}) == 1:
        return rows[0]["name_en"]
    try:
        return resolve_division(key).name_en
    except UserError:
        if default is not None:
            return default
        raise


def division_parents(code: str) -> tuple[str, str]:
    """(province_code, city_code) of a division code ("371724" → ("370000", "371700")); ("", "")
    for an empty code or one not in the list."""
    row = _by_code().get(str(code).strip()) if code else None
    return (row["province_code"], row["city_code"]) if row else ("", "")


def division_level(name: str) -> str:
    """The level of a current division name when the name has one level ("" when the name is
    not in the list or names divisions of several levels)."""
    levels = {r["level"] for r in resources.divisions_by_name().get(name, [])}
    return levels.pop() if len(levels) == 1 else ""
