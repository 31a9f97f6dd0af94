"""Loaders for the resource files in ``juye_analysis/resources`` (data, not code), and their hashes.

One loader per resource file, each cached and each naming its file literally (the build's cache
keys are found by reading which function names which file): the rest of the package calls these
and never opens a resource file itself. Loaders return plain data or DataFrames of strings (empty
cells as ""); treat them as read-only. ``resource_hashes()`` goes into ``build_info.json``; the
cache key of each table holds the bytes of the files its own code names (see
:mod:`juye_analysis.pipeline.fingerprint`), so changing a dictionary rebuilds what depends on it
and nothing else.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
import pandas as pd
from .paths import RESOURCES


def resource_path(name: str) -> Path:
    return RESOURCES / name


@lru_cache(maxsize=None)
def read_resource_csv(name: str) -> pd.DataFrame:
    """A resource CSV as strings (empty cells as ""): the reading every CSV loader below shares."""
    return pd.read_csv(resource_path(name), dtype=str, keep_default_na=False, comment=None)


def resource_hashes() -> dict[str, str]:
    """sha256 of every resource file, by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(RESOURCES.iterdir()) if p.is_file() and not p.name.startswith(".")}


# --- numbers ---------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def units() -> dict[str, tuple[str, float, str]]:
    """``units.csv``: unit as written → (base_unit, factor, kind), in the file's order."""
    df = read_resource_csv("units.csv")
    return {r.unit: (r.base_unit, float(r.factor), r.kind) for r in df.itertuples()}


@lru_cache(maxsize=None)
def scales() -> dict[str, float]:
    """``scales.csv``: scale (万, 亿 …) → factor, in the file's order."""
    return {r.scale: float(r.factor) for r in read_resource_csv("scales.csv").itertuples()}


@lru_cache(maxsize=None)
def qualifiers() -> pd.DataFrame:
    """``qualifiers.csv``: qualifier, position, hardness, note (one row per qualifier)."""
    return read_resource_csv("qualifiers.csv")


@lru_cache(maxsize=None)
def numeral_names() -> tuple[str, ...]:
    """``numeral_names.txt``: names with numerals that are never quantities (``#`` lines skipped)."""
    lines = resource_path("numeral_names.txt").read_text(encoding="utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=None)
def extraction_words() -> dict[str, tuple[str, ...]]:
    """``extraction_words.csv``: kind → its values, in the file's order."""
    df = read_resource_csv("extraction_words.csv")
    out: dict[str, list[str]] = {}
    for kind, value in zip(df["kind"], df["value"]):
        out.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def paired_terms() -> tuple[tuple[str, str, str], ...]:
    """``paired_terms.csv``: (combined, first, second) for each row (城乡 → 城镇, 农村)."""
    df = read_resource_csv("paired_terms.csv")
    return tuple(zip(df["combined"], df["first"], df["second"]))


# --- indicators and targets ----------------------------------------------------------------

@lru_cache(maxsize=None)
def indicators() -> pd.DataFrame:
    """``indicators.csv``: indicator, name_zh, aliases, name_en, category, unit, growth_basis,
    measure, name_zh_national, name_en_national."""
    return read_resource_csv("indicators.csv")


@lru_cache(maxsize=None)
def panel_variables() -> dict[str, tuple[str, dict[int, str]]]:
    """``panel_variables.csv``: panel column → (Stata variable label, value labels code → text;
    empty for a column without them). ``values`` is written ``1=actual|2=target``."""
    out = {}
    for r in read_resource_csv("panel_variables.csv").itertuples():
        codes = {}
        for item in filter(None, r.values.split("|")):
            code, _, text = item.partition("=")
            codes[int(code)] = text
        out[r.column] = (r.label, codes)
    return out


@lru_cache(maxsize=None)
def target_rules() -> pd.DataFrame:
    """``target_rules.csv`` indexed by hardness: test, tolerance_pp, tolerance_share, rule."""
    return read_resource_csv("target_rules.csv").set_index("hardness")


@lru_cache(maxsize=None)
def target_direction() -> dict[str, str]:
    """``target_direction.csv``: indicator → better (lower) for the indicators listed."""
    d = read_resource_csv("target_direction.csv")
    return dict(zip(d["indicator"], d["better"]))


# --- words ---------------------------------------------------------------------------------

def parse_userdict(path) -> list[tuple[str, int | None, str | None]]:
    """Entries ``(word, freq, tag)`` of a user dictionary file in jieba's format.

    Lines are ``word freq tag`` separated by single spaces (freq and tag optional); blank lines
    and lines starting with ``#`` are skipped. A tab, a non-numeric frequency or more than three
    fields raise ``ValueError`` naming the line (jieba itself would silently read such a line as
    one garbage word).
    """
    entries = []
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "\t" in line:
                raise ValueError(f"{path}:{lineno}: tab in a dictionary line (use single spaces): {line!r}")
            fields = line.strip().split(" ")
            if len(fields) > 3 or "" in fields:
                raise ValueError(f"{path}:{lineno}: expected 'word freq tag': {line!r}")
            word = fields[0]
            freq = fields[1] if len(fields) > 1 else None
            if freq is not None and not freq.isdigit():
                raise ValueError(f"{path}:{lineno}: frequency {freq!r} is not a whole number: {line!r}")
            tag = fields[2] if len(fields) > 2 else None
            entries.append((word, int(freq) if freq is not None else None, tag))
    return entries


@lru_cache(maxsize=None)
def userdict() -> tuple[tuple[str, int | None, str | None], ...]:
    """``userdict.txt``, the package's jieba user dictionary: its entries (see :func:`parse_userdict`)."""
    return tuple(parse_userdict(resource_path("userdict.txt")))


@lru_cache(maxsize=None)
def userdict_version() -> str:
    """The dictionary version that term counts depend on: ``<entries>-<sha256[:12]>`` of the
    parsed entries of ``userdict.txt`` (word, frequency, tag; comments do not count), recorded beside every term-trend table and in
    ``build_info.json``."""
    entries = userdict()
    digest = hashlib.sha256(repr(entries).encode("utf-8")).hexdigest()[:12]
    return f"{len(entries)}-{digest}"


@lru_cache(maxsize=None)
def stopwords() -> pd.DataFrame:
    """``stopwords.csv``: word (stripped), tier, source, note; rows with an empty word dropped."""
    df = read_resource_csv("stopwords.csv").copy()
    df["word"] = df["word"].str.strip()
    return df[df["word"] != ""].reset_index(drop=True)


@lru_cache(maxsize=None)
def terms_rejected() -> pd.DataFrame:
    """``terms_rejected.csv``: term, reason, note; the candidates reviewed out of the user
    dictionary (read by the term proposer, ``juye_analysis.words.propose``)."""
    df = read_resource_csv("terms_rejected.csv").copy()
    df["term"] = df["term"].str.strip()
    return df[df["term"] != ""].reset_index(drop=True)


@lru_cache(maxsize=None)
def term_proposer() -> dict[str, tuple[str, ...]]:
    """``term_proposer.csv``: kind (edge_char) → its values, in the file's order."""
    df = read_resource_csv("term_proposer.csv")
    return {k: tuple(g["value"]) for k, g in df.groupby("kind", sort=False)}


@lru_cache(maxsize=None)
def trend_terms() -> pd.DataFrame:
    """``trend_terms.csv``: term, term_en, note; the default terms of the ``term_trends`` table."""
    df = read_resource_csv("trend_terms.csv").copy()
    df["term"] = df["term"].str.strip()
    return df[df["term"] != ""].reset_index(drop=True)


@lru_cache(maxsize=None)
def themes() -> pd.DataFrame:
    """``themes.csv``: theme, theme_zh, theme_en, term (stripped), note; empty terms dropped."""
    df = read_resource_csv("themes.csv").copy()
    df["term"] = df["term"].str.strip()
    return df[df["term"] != ""].reset_index(drop=True)


# --- reading ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def structure() -> dict[str, tuple[str, ...]]:
    """``structure.csv``: kind (section_opener, admin_prefix, bare_part_heading,
    session_next_year_from_month) → its values, in order."""
    df = read_resource_csv("structure.csv")
    out: dict[str, list[str]] = {}
    for kind, value in zip(df["kind"], df["value"]):
        out.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def part_roles() -> dict[str, tuple[str, ...]]:
    """role → the title patterns that give it (the title rules of ``part_roles.csv``)."""
    roles: dict[str, list[str]] = {}
    for _, role, where, pattern in part_role_rules():
        if where == "title":
            roles.setdefault(role, []).append(pattern)
    return {k: tuple(v) for k, v in roles.items()}


@lru_cache(maxsize=None)
def part_role_rules() -> tuple[tuple[str, str, str, str], ...]:
    """``part_roles.csv``: (rule, role, applies_to (title | content), pattern), in order."""
    df = read_resource_csv("part_roles.csv")
    return tuple(zip(df["rule"], df["role"], df["applies_to"], df["pattern"]))


@lru_cache(maxsize=None)
def place_rules() -> dict[str, tuple[str, ...]]:
    """``places.csv``: kind (level_suffix, zone_word, prefecture_city, national_word,
    province_level) → its values, in order."""
    df = read_resource_csv("places.csv")
    out: dict[str, list[str]] = {}
    for kind, value in zip(df["kind"], df["value"]):
        out.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def section_openers() -> tuple[str, ...]:
    return structure().get("section_opener", ())


@lru_cache(maxsize=None)
def admin_prefixes() -> tuple[str, ...]:
    return structure().get("admin_prefix", ())


@lru_cache(maxsize=None)
def web_boilerplate() -> tuple[str, ...]:
    """``web_boilerplate.csv``: the navigation markers of web pages, in order."""
    return tuple(read_resource_csv("web_boilerplate.csv")["marker"])


@lru_cache(maxsize=None)
def page_furniture() -> tuple[tuple[str, str], ...]:
    """``page_furniture.csv``: (pattern, kind) of the page-number lines of PDFs, in order; kind
    page_number (always one) or bare_number (one only when it follows the pages)."""
    df = read_resource_csv("page_furniture.csv")
    return tuple(zip(df["pattern"], df["kind"]))


@lru_cache(maxsize=None)
def cjk_radicals() -> dict[str, str]:
    """``cjk_radicals.csv``: radical code point (CJK Radicals Supplement) → the Han character a
    PDF font meant by it (⻓ → 长)."""
    df = read_resource_csv("cjk_radicals.csv")
    return dict(zip(df["radical"], df["han"]))


@lru_cache(maxsize=None)
def font_preferences() -> tuple[str, ...]:
    """``fonts.csv``: the CJK font families in the order the figures prefer them."""
    return tuple(read_resource_csv("fonts.csv")["family"])


def labels() -> pd.DataFrame:
    """``labels.csv``: every text a figure shows in each language. Columns: key, zh, en, note."""
    return read_resource_csv("labels.csv")


@lru_cache(maxsize=None)
def periods() -> pd.DataFrame:
    """``periods.csv``: phrase, relative (true: start and end are offsets from the report
    year), start, end: the spans of average annual rates (十三五, 过去五年 …)."""
    return read_resource_csv("periods.csv")


# --- divisions (GB/T 2260) ------------------------------------------------------------------

@lru_cache(maxsize=None)
def divisions() -> pd.DataFrame:
    """``divisions.csv``: code, name, level, kind, parent_code, province_code, city_code,
    name_pinyin, name_en (one row per division, codes as 6-digit strings)."""
    return read_resource_csv("divisions.csv")


@lru_cache(maxsize=None)
def divisions_by_code() -> dict[str, dict]:
    """``divisions.csv`` as code → row (a dict of its columns)."""
    return {r["code"]: r for r in divisions().to_dict("records")}


@lru_cache(maxsize=None)
def divisions_by_name() -> dict[str, list[dict]]:
    """``divisions.csv`` as current name → its rows (several for 鼓楼区, 朝阳区 …)."""
    out: dict[str, list[dict]] = {}
    for r in divisions().to_dict("records"):
        out.setdefault(r["name"], []).append(r)
    return out


@lru_cache(maxsize=None)
def division_renames_by_name() -> dict[str, list[dict]]:
    """``division_renames.csv`` (old_name, old_code, year, change, code, name, doc_no, source)
    as old name → its rows."""
    out: dict[str, list[dict]] = {}
    for r in read_resource_csv("division_renames.csv").to_dict("records"):
        out.setdefault(r["old_name"], []).append(r)
    return out


@lru_cache(maxsize=None)
def division_english() -> pd.DataFrame:
    """``division_english.csv``: kind (suffix, override, ethnic, pinyin), key, value, note: the
    rules that turn a division name into English."""
    return read_resource_csv("division_english.csv")
