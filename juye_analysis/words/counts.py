"""Counting words: term frequencies, tf-idf, jieba keywords, theme attention, KWIC, collocations.

Everything starts from the ``tokens`` table (:mod:`juye_analysis.words.tokens`), so any tokenizer can
be used; substring counts (themes, KWIC) start from the ``sentences`` table or the texts, so a
dictionary term that segmentation splits is still found.

What is counted as a *term*: a token that is not a number or unit (``is_number``), not
punctuation, not a stopword of the chosen tiers (``resources/stopwords.csv``; default
``function`` and ``genre``) and at least ``min_chars`` (default 2) characters long: single
characters in these reports are mostly function words, classifiers and fragments of names that
the dictionary does not know (楚/德/勤), so they are left out unless asked for.

``per_10k_chars`` is per 10,000 characters of the scope's text, counting every character of its
sentences except whitespace (the total length of all its tokens, numbers and punctuation
included), so it compares sections of different lengths.
"""
from __future__ import annotations

from collections.abc import Iterable
import pandas as pd
from .stopwords import DEFAULT_TIERS, MIN_CHARS, _stopwords, is_term
from .scopes import SCOPES, _empty, _scopes


TF_COLUMNS = ["report_id", "scope", "part_no", "section_no", "term", "n", "per_10k_chars", "rank"]


def term_frequencies_table(report, tables: dict) -> pd.DataFrame:
    """Built table ``term_frequencies``: :func:`count_terms` of the report's tokens at every scope
    (report, part, section) with the default tiers. Columns as :func:`count_terms`."""
    return count_terms(tables["tokens"], scope=list(SCOPES))


def _lists(df: pd.DataFrame, cols) -> list[list]:
    return [df[c].tolist() for c in cols]


def _rank_min_desc(values: list) -> list[int]:
    """Ranks (1 = largest, ties share the smallest rank) of values already sorted descending."""
    ranks, prev, rank = [], object(), 0
    for i, v in enumerate(values, start=1):
        if v != prev:
            rank, prev = i, v
        ranks.append(rank)
    return ranks


def _term_mask(tokens: pd.DataFrame, stopwords, tiers, extra_stopwords, min_chars) -> list[bool]:
    """:func:`is_term` as a list (the same test, row by row)."""
    if "is_number" not in tokens or "is_punct" not in tokens:
        return is_term(tokens, stopwords, tiers=tiers, extra_stopwords=extra_stopwords,
                       min_chars=min_chars).tolist()
    stop = _stopwords(stopwords, tiers, extra_stopwords)
    tok = tokens["token"].astype(str).tolist()
    number = tokens["is_number"].astype(bool).tolist()
    punct = tokens["is_punct"].astype(bool).tolist()
    return [not a and not b and t not in stop and len(t) >= min_chars
            for t, a, b in zip(tok, number, punct)]


def _scope_lengths(tokens: pd.DataFrame) -> list[int]:
    if {"start", "end"} <= set(tokens):
        return (tokens["end"] - tokens["start"]).tolist()
    return tokens["token"].str.len().tolist()


def _key_rows(tokens: pd.DataFrame, keys: list[str]) -> list[tuple]:
    return list(zip(*_lists(tokens, keys)))


def _section_counts(tokens: pd.DataFrame, mask: list[bool]) -> tuple[dict, dict]:
    """Characters per section, and (section, term) counts of the tokens where ``mask`` is true;
    sections are (report_id, part_no, section_no) tuples."""
    lengths = _scope_lengths(tokens)
    rid, parts, secs, token_list = _lists(tokens, ["report_id", "part_no", "section_no", "token"])
    chars: dict = {}
    counts: dict = {}
    for key, length, term, keep in zip(zip(rid, parts, secs), lengths, token_list, mask):
        chars[key] = chars.get(key, 0) + length
        if keep:
            k = (key, term)
            counts[k] = counts.get(k, 0) + 1
    return chars, counts


def _roll_up(per_section: dict, width: int) -> dict:
    """Sums of a dict keyed by section tuples, keyed by their first ``width`` fields."""
    out: dict = {}
    for key, v in per_section.items():
        k = key[:width]
        out[k] = out.get(k, 0) + v
    return out


def _scope_frame(scope: str, keys: list[str], key_rows: list[tuple], key_dtypes: dict) -> dict:
    """report_id, scope, part_no, section_no columns (as :func:`_with_scope_columns` makes them)."""
    n = len(key_rows)
    cols = {"report_id": pd.Series([k[0] for k in key_rows], dtype=key_dtypes["report_id"]),
            "scope": pd.Series([scope] * n)}
    for j, col in enumerate(("part_no", "section_no"), start=1):
        vals = [k[keys.index(col)] for k in key_rows] if col in keys else [pd.NA] * n
        cols[col] = pd.Series(pd.array(vals, dtype="Int64"))
    return cols


def count_terms(tokens: pd.DataFrame, scope="report", stopwords=None, *, tiers=DEFAULT_TIERS,
                extra_stopwords: Iterable[str] = (), min_chars: int = MIN_CHARS) -> pd.DataFrame:
    """Term frequencies by report, part or section (``scope`` may be a list of them).

    ``tokens``: a tokens table (report_id, part_no, section_no, token, start, end, is_number,
    is_punct; made with any tokenizer). ``stopwords``: a set that replaces the tiers; else the
    ``tiers`` of ``resources/stopwords.csv``; ``extra_stopwords`` are added to either.

    Columns: report_id, scope, part_no and section_no (``<NA>`` where the scope is coarser), term,
    n, per_10k_chars, rank (1 = most frequent within the scope; ties share the smallest rank).
    Sorted by report, scope, part, section, then n descending and term.
    """
    scopes = _scopes(scope)
    mask = _term_mask(tokens, stopwords, tiers, extra_stopwords, min_chars) if len(tokens) else []
    if not scopes:
        return _empty(TF_COLUMNS)
    chars3, counts3 = _section_counts(tokens, mask)
    out = []
    for s in scopes:
        keys = ["report_id"] + SCOPES[s]
        chars = _roll_up(chars3, len(keys))
        counts: dict = {}
        width = len(keys)
        for (key, term), n in counts3.items():
            k = (key[:width], term)
            counts[k] = counts.get(k, 0) + n
        items = sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
        key_rows = [k for (k, _), _ in items]
        ns = [n for _, n in items]
        ranks, prev_key, start = [], None, 0
        for i, key in enumerate(key_rows):
            if key != prev_key:
                prev_key, start, rank, prev_n = key, i, i, None
            if ns[i] != prev_n:
                rank, prev_n = i, ns[i]
            ranks.append(rank - start + 1)
        cols = _scope_frame(s, keys, key_rows, {"report_id": tokens["report_id"].dtype})
        cols["term"] = pd.Series([t for (_, t), _ in items], dtype=tokens["token"].dtype)
        cols["n"] = pd.Series(ns, dtype="int64")
        cols["per_10k_chars"] = pd.Series([n / chars[k] * 10_000 for k, n in zip(key_rows, ns)],
                                          dtype="float64")
        cols["rank"] = pd.Series(ranks, dtype="int64")
        out.append(pd.DataFrame(cols, columns=TF_COLUMNS))
    return pd.concat(out, ignore_index=True) if len(out) > 1 else out[0]
