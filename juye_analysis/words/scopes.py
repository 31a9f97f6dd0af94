"""Scopes of a count (report, part, section): their key columns, labels and spans.
"""
from __future__ import annotations

import re
import pandas as pd


SCOPES = {"report": [], "part": ["part_no"], "section": ["part_no", "section_no"]}


# dtypes of the columns above when a table comes out empty (the same as when it does not)
_DTYPES = {"part_no": "Int64", "section_no": "Int64", "n": "int64", "rank": "int64",
           "n_tokens": "int64", "n_substrings": "int64", "n_word1": "int64", "n_word2": "int64",
           "per_10k_chars": "float64", "share_tokens": "float64", "share_substrings": "float64",
           "tf": "float64", "idf": "float64", "tf_idf": "float64", "expected": "float64",
           "pmi": "float64", "g2": "float64"}


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "str")) for c in columns})


def _scopes(scope) -> list[str]:
    scopes = [scope] if isinstance(scope, str) else list(scope)
    for s in scopes:
        if s not in SCOPES:
            raise ValueError(f"scope {s!r}: one of {list(SCOPES)}")
    return scopes


def _with_scope_columns(df: pd.DataFrame, scope: str) -> pd.DataFrame:
    df = df.copy()
    df.insert(1, "scope", scope)
    for col in ("part_no", "section_no"):
        if col not in df:
            df[col] = pd.NA
        df[col] = df[col].astype("Int64")
    return df


def scope_labels(sentences: pd.DataFrame, width: int = 14) -> pd.DataFrame:
    """A short label for each section: "2.3 聚焦抓三农、增优势…" (the 这一年，我们 of review
    sections dropped). Columns: report_id, part_no, section_no, part, section, label."""
    s = sentences.drop_duplicates(["report_id", "part_no", "section_no"])[
        ["report_id", "part_no", "section_no", "part", "section"]].copy()

    def label(r):
        title = r.section or r.part or "（开头）"
        title = re.sub("^这一年，我们", "", title)
        title = title if len(title) <= width else title[:width] + "…"
        return f"{r.part_no}.{r.section_no} {title}"

    s["label"] = [label(r) for r in s.itertuples(index=False)]
    return s.reset_index(drop=True)


def part_spans(sentences: pd.DataFrame) -> pd.DataFrame:
    """Where each part starts and ends. Columns: report_id, part_no, part, start, end,
    relative_start, relative_end (shares of the report's text)."""
    g = sentences.groupby(["report_id", "part_no", "part"], as_index=False).agg(
        start=("start", "min"), end=("end", "max"))
    length = g.groupby("report_id")["end"].transform("max")
    return g.assign(relative_start=g["start"] / length, relative_end=g["end"] / length)
