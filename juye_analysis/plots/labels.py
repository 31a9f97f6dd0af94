"""The texts figures show, in Chinese and English, from ``resources/labels.csv``.

Indicator names come from ``indicators.csv`` (``name_zh``, ``name_en``) and theme names from
``themes.csv`` (``theme_zh``, ``theme_en``); every other text a figure shows (titles, axis
labels, legend entries, tick labels) is a row of ``labels.csv``: ``key,zh,en,note``. A text may
hold ``str.format`` fields (``{county}``, ``{year}``, ``{share:.0%}``), filled in by
:func:`label`.
"""
from __future__ import annotations

from functools import lru_cache

from .. import resource_files


def load_labels():
    """The labels resource as a DataFrame. Columns: key, zh, en, note."""
    return resource_files.labels()


def languages() -> list[str]:
    """The languages of the labels resource: its columns other than key and note (zh, en)."""
    return [c for c in load_labels().columns if c not in ("key", "note")]


def _check(lang: str) -> None:
    if lang not in languages():
        raise ValueError(f"lang {lang!r}: use one of {', '.join(languages())}")


@lru_cache(maxsize=None)
def labels(lang: str = "zh") -> dict[str, str]:
    """key → text in ``lang`` (zh or en), in the order of the file."""
    _check(lang)
    df = load_labels()
    return dict(zip(df["key"], df[lang]))


def label(key: str, lang: str = "zh", default: str | None = None, **fields) -> str:
    """The text of ``key`` in ``lang`` with ``fields`` filled in; ``default`` (as given, not
    formatted) when the file has no such key, else KeyError."""
    table = labels(lang)
    if key not in table:
        if default is not None:
            return default
        raise KeyError(f"no label {key!r} in resources/labels.csv")
    text = table[key]
    return text.format(**fields) if fields else text


def name_column(lang: str = "zh") -> str:
    """The column of indicator names in ``lang``: name_zh or name_en."""
    if lang not in ("zh", "en"):  # the name columns of indicators.csv
        raise ValueError(f"lang {lang!r}: indicator names are in zh and en")
    return f"name_{lang}"


# --- texts made from the data: places, reports, parts, sections, terms, qualified values -------

def count_axis_labels() -> set[str]:
    """The texts (every language) of the keys that label an axis of counts: a key whose name
    after the module starts with ``count_`` (``keywords.count_n``). Their ticks must be whole
    numbers (:func:`juye_analysis.plots.layout.layout_problems`)."""
    df = load_labels()
    rows = df[df["key"].str.split(".").str[1].str.startswith("count_")]
    return {text for lang in languages() for text in rows[lang]}


def _english_place_name(name: str) -> str | None:
    """The English name of a jurisdiction from the division resource
    (:func:`juye_analysis.read.divisions.english_name`: 巨野县 → "Juye County"), or None for a
    name that is no division (the figure then leaves the place out: never in Chinese)."""
    from ..read.divisions import english_name

    return english_name(name, default="") or None


def place_name(name: str, lang: str = "zh") -> str | None:
    """A jurisdiction (巨野县) as a figure shows it: in Chinese as written; in English its
    English name from the division resource, or None when it has none."""
    if not isinstance(name, str) or not name:
        return None
    return name if lang == "zh" else _english_place_name(name)


def report_name(reports, report_id: str, lang: str = "zh") -> str:
    """The report as titles name it (never its report_id): 巨野县2024年政府工作报告 /
    "Juye County, 2024 government work report" ("2024 government work report" when the place
    has no English name)."""
    report = reports.set_index("report_id").loc[report_id]
    place = place_name(report["county"], lang)
    if place:
        return label("report.name_place", lang, county=report["county"], place=place, year=int(report["report_year"]))
    return label("report.name", lang, county=report["county"], year=int(report["report_year"]))


def role_name(role, lang: str = "zh") -> str:
    """A part's role (review, plan …) in ``lang``; an unknown role as "other"."""
    return label(f"role.{role}", lang, default=label("role.other", lang))


def part_name(part_no: int, part: str, role: str, lang: str = "zh") -> str:
    """A part: ``1 2023年工作回顾`` (its title) / ``Part 1: review of the year`` (its role)."""
    return label("part.name", lang, part_no=int(part_no), part=part, role=role_name(role, lang))


def shorten(text: str, n: int) -> str:
    """``text`` cut to at most ``n`` characters, an ellipsis (…) marking the cut."""
    text = str(text)
    return text if len(text) <= n else text[:n - 1] + "…"


def section_name(part_no: int, section_no: int, title: str, lang: str = "zh", theme: str | None = None,
                 max_chars: int = 16) -> str:
    """A section: ``1.4 精准发力、聚势突破，乡村振兴…`` (its title without the review's 这一年，我们,
    shortened with …) / ``1.4 agriculture and rural`` (English: ``theme``, its main theme in
    English, since section titles have no translation). Section 0 is the part's introduction;
    part 0 the title block and opening."""
    import re

    if int(part_no) == 0:
        return label("section.opening", lang)
    if int(section_no) == 0:
        return label("section.intro", lang, part_no=int(part_no))
    text = re.sub("^这一年，我们", "", str(title or "")) if lang == "zh" else (theme or "")
    if not text:
        return label("section.untitled", lang, part_no=int(part_no), section_no=int(section_no))
    return label("section.title", lang, part_no=int(part_no), section_no=int(section_no),
                 title=shorten(text, max_chars), theme=shorten(text, max_chars + 28))


def term_name(term: str, lang: str = "zh") -> str:
    """A term as a figure shows it: as written in Chinese; in English in Hanyu Pinyin without
    tone marks (the CJK fonts lack some toned letters, ǎ ǐ ǔ, and wordcloud has no fallback
    font), its syllables joined as one word (营商环境 → yingshanghuanjing; pypinyin)."""
    if lang == "zh":
        return term
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(term, style=Style.NORMAL, errors="default"))


def qualified_value(value: float, qualifier, lang: str = "zh", *, fmt: str = "g", unit: str = "") -> str:
    """A value with its qualifier: as the report writes it in Chinese (``6.5左右``, ``不低于6``,
    ``20%以上``); in English by the qualifier's hardness (``about 6.5``, ``at least 20%``,
    ``at most 3``; ``resources/qualifiers.csv``). No qualifier: the value alone."""
    from .. import resource_files

    number = f"{value:{fmt}}{unit}"
    q = qualifier if isinstance(qualifier, str) and qualifier else ""
    if not q:
        return number
    table = resource_files.qualifiers().set_index("qualifier")
    if q not in table.index:
        return number if lang != "zh" else number + q
    row = table.loc[q]
    if lang == "zh":
        return q + number if row["position"] == "before" else number + q
    return label(f"hardness.{row['hardness']}", lang, value=number)


def unit_name(unit: str, lang: str = "zh") -> str:
    """A unit as written (万人, 亿元) in ``lang``: as written in Chinese; in English its
    ``unit.X`` row of ``labels.csv`` (万人 → "10,000 persons"), a unit not listed in pinyin."""
    if lang == "zh" or not isinstance(unit, str) or not unit:
        return unit if isinstance(unit, str) else ""
    return label(f"unit.{unit}", lang, default=term_name(unit, lang))
