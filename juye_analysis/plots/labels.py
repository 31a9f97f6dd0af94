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
