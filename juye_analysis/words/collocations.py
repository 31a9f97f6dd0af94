"""Collocations: bigrams of adjacent terms scored by PMI and G² (Dunning's log-likelihood).
"""
from __future__ import annotations

from collections.abc import Iterable
import numpy as np
import pandas as pd
from .stopwords import DEFAULT_TIERS, MIN_CHARS
from .scopes import _empty
from .counts import _lists, _rank_min_desc, _term_mask
from .stats import expected_counts, g2


COLLOCATION_COLUMNS = ["report_id", "word1", "word2", "bigram", "n", "n_word1", "n_word2",
                       "expected", "pmi", "g2", "rank"]


def score_bigrams(counts: pd.DataFrame, n_total: int | None = None) -> pd.DataFrame:
    """PMI and log-likelihood G² of bigram counts (columns word1, word2, n).

    The 2×2 table of each bigram (Evert 2005, *The Statistics of Word Cooccurrences*, §3.1):
    O11 = n; R1 = n_word1 (bigrams with word1 first); C1 = n_word2 (bigrams with word2 second);
    N = all bigrams; E11 = R1·C1/N (and likewise E12, E21, E22 from the margins).
    pmi = log2(O11 / E11) (Church & Hanks 1990);
    g2 = 2 Σ_ij O_ij ln(O_ij / E_ij) (Dunning 1993), with 0·ln 0 = 0 (:func:`.stats.g2`).
    Returns a copy with n_word1, n_word2, expected (E11), pmi and g2 added.
    """
    df = counts.copy()
    n = float(df["n"].sum() if n_total is None else n_total)
    df["n_word1"] = df.groupby("word1")["n"].transform("sum")
    df["n_word2"] = df.groupby("word2")["n"].transform("sum")
    scored = _score_arrays(df["n"].to_numpy(), df["n_word1"].to_numpy(), df["n_word2"].to_numpy(), n)
    for col in ("expected", "pmi", "g2"):
        df[col] = scored[col]
    return df


# The built table's threshold (notebook 02 states it as "n ≥ 2"; tests/test_keywords.py checks).
BUILD_MIN_N = 2


def collocations_table(report, tables: dict) -> pd.DataFrame:
    """Built table ``collocations``: :func:`count_collocations` with n >= ``BUILD_MIN_N`` (2: a
    county report has about 10,000 characters, and the user dictionary already keeps most fixed
    phrases whole: at n >= 3 a single pair is left in the 2024 report). Columns as there."""
    return count_collocations(tables["tokens"], min_n=BUILD_MIN_N)


def count_collocations(tokens: pd.DataFrame, min_n: int = 2, stopwords=None, *, tiers=DEFAULT_TIERS,
                       extra_stopwords: Iterable[str] = (), min_chars: int = MIN_CHARS,
                       sort_by: str = "g2") -> pd.DataFrame:
    """Bigrams of each report: two terms that are neighbours in a sentence (a number, punctuation
    or stopword between them breaks the pair: it is not skipped over), scored by PMI and G²
    (:func:`score_bigrams`, all bigrams of the report in the margins), kept when n >= ``min_n``.

    Columns: report_id, word1, word2, bigram (word1+word2), n, n_word1, n_word2, expected, pmi,
    g2, rank (by ``sort_by`` within the report, 1 = strongest; ties share the smallest rank).
    """
    mask = _term_mask(tokens, stopwords, tiers, extra_stopwords, min_chars) if len(tokens) else []
    if sort_by not in ("g2", "pmi", "expected", "n"):
        raise ValueError(f"sort_by {sort_by!r}: one of g2, pmi, expected, n")
    rid, sent, pos, tok = _lists(tokens, ["report_id", "sentence_no", "position", "token"])
    terms = {(r, s, p): t for r, s, p, t, keep in zip(rid, sent, pos, tok, mask) if keep}
    pairs: dict = {}
    for (r, s, p), w1 in terms.items():
        w2 = terms.get((r, s, p + 1))
        if w2 is not None:
            per = pairs.setdefault(r, {})
            per[(w1, w2)] = per.get((w1, w2), 0) + 1
    out = []
    for report_id in sorted(pairs):
        items = sorted(pairs[report_id].items())
        w1s = [a for (a, _), _ in items]
        w2s = [b for (_, b), _ in items]
        ns = [n for _, n in items]
        r1: dict = {}
        c1: dict = {}
        for a, b, n in zip(w1s, w2s, ns):
            r1[a] = r1.get(a, 0) + n
            c1[b] = c1.get(b, 0) + n
        nw1 = np.asarray([r1[a] for a in w1s], dtype="int64")
        nw2 = np.asarray([c1[b] for b in w2s], dtype="int64")
        scored = _score_arrays(np.asarray(ns, dtype="int64"), nw1, nw2, float(sum(ns)))
        keep = [i for i, n in enumerate(ns) if n >= min_n]
        if not keep:
            continue
        key = {"g2": scored["g2"], "pmi": scored["pmi"], "expected": scored["expected"],
               "n": ns}[sort_by]
        key = key.tolist() if isinstance(key, np.ndarray) else key
        keep.sort(key=lambda i: (_desc(key[i]), -ns[i], w1s[i], w2s[i]))
        idx = np.asarray(keep, dtype="int64")
        out.append(pd.DataFrame({
            "report_id": pd.Series([report_id] * len(keep)),
            "word1": pd.Series([w1s[i] for i in keep], dtype=tokens["token"].dtype),
            "word2": pd.Series([w2s[i] for i in keep], dtype=tokens["token"].dtype),
            "bigram": None,
            "n": pd.Series([ns[i] for i in keep], dtype="int64"),
            "n_word1": pd.Series(nw1[idx]), "n_word2": pd.Series(nw2[idx]),
            "expected": pd.Series(scored["expected"][idx]), "pmi": pd.Series(scored["pmi"][idx]),
            "g2": pd.Series(scored["g2"][idx]),
            "rank": pd.Series(_rank_min_desc([key[i] for i in keep]), dtype="int64")}))
        out[-1]["bigram"] = out[-1]["word1"] + out[-1]["word2"]
    if not out:
        return _empty(COLLOCATION_COLUMNS)
    return pd.concat(out, ignore_index=True) if len(out) > 1 else out[0]


def _desc(v):
    """A sort key that orders numbers descending (NaN last, as pandas does)."""
    return (1, 0) if v != v else (0, -v)


def _score_arrays(o: np.ndarray, r: np.ndarray, c: np.ndarray, n: float) -> dict:
    """expected (E11), pmi and g2 of bigram counts as arrays: o = O11, r = n_word1 (R1),
    c = n_word2 (C1), n = N (see :func:`score_bigrams`)."""
    o11 = np.asarray(o, dtype=float)
    r1, c1 = np.asarray(r, dtype=float), np.asarray(c, dtype=float)
    cells = (o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    expected = expected_counts(*cells)
    with np.errstate(divide="ignore"):
        pmi = np.log2(o11 / expected[0])
    return {"expected": expected[0], "pmi": pmi, "g2": g2(*cells, expected=expected)}
