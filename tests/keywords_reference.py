"""Reference versions of the keyword counts, in pandas: what juye_analysis.keywords computed
before its counting moved to dicts and lists for speed. tests/test_keywords_reference.py checks
that the package's functions give exactly these tables on the real reports."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from juye_analysis.words.collocations import COLLOCATION_COLUMNS, score_bigrams
from juye_analysis.words.stopwords import DEFAULT_TIERS, MIN_CHARS, is_term
from juye_analysis.words.scopes import SCOPES, _scopes, _with_scope_columns
from juye_analysis.words.counts import TF_COLUMNS
from juye_analysis.words.themes import THEME_COLUMNS, find_terms, load_themes
from juye_analysis.words.tfidf import bind_tf_idf


def _scope_chars(tokens: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Characters in each scope (report, part or section)."""
    lengths = (tokens["end"] - tokens["start"]) if {"start", "end"} <= set(tokens) \
        else tokens["token"].str.len()
    return lengths.groupby([tokens[k] for k in keys]).sum().rename("n_chars")


def _count_terms_frames(tokens: pd.DataFrame, scope="report", stopwords=None, *, tiers=DEFAULT_TIERS,
                extra_stopwords: Iterable[str] = (), min_chars: int = MIN_CHARS) -> pd.DataFrame:
    """Reference for :func:`juye_analysis.words.counts.count_terms`."""
    mask = is_term(tokens, stopwords, tiers=tiers, extra_stopwords=extra_stopwords, min_chars=min_chars)
    out = []
    for s in _scopes(scope):
        keys = ["report_id"] + SCOPES[s]
        chars = _scope_chars(tokens, keys)
        terms = tokens.loc[mask, keys + ["token"]].rename(columns={"token": "term"})
        df = terms.groupby(keys + ["term"], sort=True).size().rename("n").reset_index()
        df = df.join(chars, on=keys)
        df["per_10k_chars"] = df["n"] / df["n_chars"] * 10_000
        df = df.sort_values(keys + ["n", "term"], ascending=[True] * len(keys) + [False, True])
        df["rank"] = df.groupby(keys)["n"].rank(method="min", ascending=False).astype("int64")
        out.append(_with_scope_columns(df.drop(columns="n_chars"), s)[TF_COLUMNS])
    res = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=TF_COLUMNS)
    return res.astype({"n": "int64", "per_10k_chars": "float64", "rank": "int64"})


def _tfidf_sections_frames(tf: pd.DataFrame) -> pd.DataFrame:
    """Reference for :func:`juye_analysis.words.tfidf._tfidf_sections`."""
    df = bind_tf_idf(tf, "term", ["part_no", "section_no"], "n")
    df = df.sort_values(["part_no", "section_no", "tf_idf", "term"], ascending=[True, True, False, True])
    df["rank"] = df.groupby(["part_no", "section_no"])["tf_idf"].rank(method="min", ascending=False)
    cols = ["report_id", "part_no", "section_no", "term", "n", "tf", "idf", "tf_idf", "rank"]
    return df[cols].astype({"rank": "int64"}).reset_index(drop=True)


def _count_themes_frames(sentences: pd.DataFrame, tokens: pd.DataFrame, themes: pd.DataFrame | None = None,
                 scope=("report", "part", "section")) -> pd.DataFrame:
    """Reference for :func:`juye_analysis.words.themes.count_themes`."""
    themes = load_themes() if themes is None else themes
    labels = themes.drop_duplicates("theme")[["theme", "theme_zh", "theme_en"]]
    term_themes = themes[["term", "theme"]].drop_duplicates()
    hits_tok = tokens[["report_id", "part_no", "section_no", "token"]].merge(
        term_themes, left_on="token", right_on="term")
    hits_sub = find_terms(sentences, term_themes["term"]).merge(term_themes, on="term")
    out = []
    for s in _scopes(scope):
        keys = ["report_id"] + SCOPES[s]
        scopes = tokens[keys].drop_duplicates() if len(tokens) else sentences[keys].drop_duplicates()
        grid = scopes.merge(labels, how="cross")
        n_tok = hits_tok.groupby(keys + ["theme"]).size().rename("n_tokens")
        n_sub = hits_sub.groupby(keys + ["theme"]).size().rename("n_substrings")
        df = grid.join(n_tok, on=keys + ["theme"]).join(n_sub, on=keys + ["theme"])
        df[["n_tokens", "n_substrings"]] = df[["n_tokens", "n_substrings"]].fillna(0).astype("int64")
        for col in ("tokens", "substrings"):
            total = df.groupby(keys)[f"n_{col}"].transform("sum")
            df[f"share_{col}"] = (df[f"n_{col}"] / total.where(total > 0)).astype("float64")
        df = df.join(_scope_chars(tokens, keys), on=keys)
        df["per_10k_chars"] = df["n_substrings"] / df["n_chars"] * 10_000
        order = {t: i for i, t in enumerate(labels["theme"])}
        df = df.sort_values(keys + ["theme"], key=lambda c: c.map(order) if c.name == "theme" else c)
        out.append(_with_scope_columns(df.drop(columns="n_chars"), s)[THEME_COLUMNS])
    return pd.concat(out, ignore_index=True)


def _count_collocations_frames(tokens: pd.DataFrame, min_n: int = 2, stopwords=None, *, tiers=DEFAULT_TIERS,
                       extra_stopwords: Iterable[str] = (), min_chars: int = MIN_CHARS,
                       sort_by: str = "g2") -> pd.DataFrame:
    """Reference for :func:`juye_analysis.words.collocations.count_collocations`."""
    mask = is_term(tokens, stopwords, tiers=tiers, extra_stopwords=extra_stopwords, min_chars=min_chars)
    t = tokens.loc[mask, ["report_id", "sentence_no", "position", "token"]]
    nxt = t.assign(position=t["position"] - 1).rename(columns={"token": "word2"})
    pairs = t.rename(columns={"token": "word1"}).merge(nxt, on=["report_id", "sentence_no", "position"])
    out = []
    for report_id, p in pairs.groupby("report_id", sort=True):
        counts = p.groupby(["word1", "word2"]).size().rename("n").reset_index()
        df = score_bigrams(counts)
        df = df[df["n"] >= min_n].copy()
        df.insert(0, "report_id", report_id)
        df["bigram"] = df["word1"] + df["word2"]
        df = df.sort_values([sort_by, "n", "word1", "word2"], ascending=[False, False, True, True])
        df["rank"] = df[sort_by].rank(method="min", ascending=False)
        out.append(df)
    if not out:
        return pd.DataFrame(columns=COLLOCATION_COLUMNS)
    res = pd.concat(out, ignore_index=True)[COLLOCATION_COLUMNS]
    return res.astype({"n": "int64", "n_word1": "int64", "n_word2": "int64", "rank": "int64"})
