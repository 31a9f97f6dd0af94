"""Text reuse between two reports: which sentences of the newer one repeat (exactly or nearly)
sentences of the older one, the share of reused text, and the new sentences (new initiatives).

Similarity is the Jaccard index of character 4-grams (shingles) of the two sentences, after
removing punctuation and numbers, so "增长6.9%" and "增长6.8%" still count as the same wording;
shared shingles are counted for every pair of sentences at once, by joining the two reports'
sorted shingle ids (numpy), so the cost grows with the shared shingles, not with Python loops
over the product of the two reports' sentence counts.
"""
from __future__ import annotations

import re
import numpy as np
import pandas as pd


REUSE_COLUMNS = ["old_report_id", "new_report_id", "sentence_no", "text", "n_chars",
                 "old_sentence_no", "old_text", "similarity", "status"]


_STRIP = re.compile(r"[\W\d_]+", re.UNICODE)


K = 4


def _shingles(text: str) -> set[str]:
    core = _STRIP.sub("", text)
    if len(core) < K:
        return {core} if core else set()
    return {core[i:i + K] for i in range(len(core) - K + 1)}


class _Prepared:
    """One report's sentences that take part (not headings, at least ``min_chars`` characters),
    as lists, with their shingles as numbers (ids in ``vocabulary``, shared by the reports
    compared): made once per report, used for each pair it is in."""

    def __init__(self, sentences: pd.DataFrame, min_chars: int, vocabulary: dict):
        keep = ~sentences["is_heading"].astype(bool) & (sentences["text"].str.len() >= min_chars)
        s = sentences[keep]
        self.report_ids = s["report_id"].tolist()
        self.nos = s["sentence_no"].tolist()
        self.texts = s["text"].tolist()
        ids, rows = [], []
        for i, text in enumerate(self.texts):
            sh = [vocabulary.setdefault(g, len(vocabulary)) for g in _shingles(text)]
            ids += sh
            rows += [i] * len(sh)
        self.sizes = np.bincount(np.asarray(rows, dtype=np.int64), minlength=len(self.texts))
        order = np.argsort(np.asarray(ids, dtype=np.int64), kind="stable")
        self.ids = np.asarray(ids, dtype=np.int64)[order]  # shingle ids, sorted
        self.rows = np.asarray(rows, dtype=np.int64)[order]  # the sentence of each


def text_reuse(old: pd.DataFrame, new: pd.DataFrame, *, near: float = 0.5,
               exact: float = 0.999, min_chars: int = 8) -> pd.DataFrame:
    """For each sentence of ``new`` (a sentences table of one report), its most similar sentence
    of ``old`` (of equally similar ones, the first).

    Columns: old_report_id, new_report_id, sentence_no, text, n_chars, old_sentence_no,
    old_text, similarity (Jaccard of character 4-grams, punctuation and digits removed),
    status (exact ≥ 0.999 | near ≥ ``near`` | new). Headings and sentences shorter than
    ``min_chars`` characters are left out.
    """
    vocabulary: dict = {}
    return _reuse(_Prepared(old, min_chars, vocabulary), _Prepared(new, min_chars, vocabulary),
                  near=near, exact=exact)


def _shared_counts(old: _Prepared, new: _Prepared) -> np.ndarray:
    """Shingles shared by each (new sentence, old sentence): a join of the two sorted id lists."""
    n_new, n_old = len(new.texts), len(old.texts)
    lo = np.searchsorted(old.ids, new.ids, side="left")
    hi = np.searchsorted(old.ids, new.ids, side="right")
    width = hi - lo
    if not n_old or not width.sum():
        return np.zeros((n_new, n_old), dtype=np.int64)
    new_rows = np.repeat(new.rows, width)
    # positions lo, lo+1 … hi-1 in old's lists, for every new shingle
    starts = np.repeat(lo - np.cumsum(width) + width, width)
    old_rows = old.rows[starts + np.arange(width.sum())]
    return np.bincount(new_rows * n_old + old_rows, minlength=n_new * n_old).reshape(n_new, n_old)


def _reuse(old: _Prepared, new: _Prepared, *, near: float = 0.5, exact: float = 0.999) -> pd.DataFrame:
    shared = _shared_counts(old, new)
    union = new.sizes[:, None] + old.sizes[None, :] - shared
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = np.where(shared > 0, shared / np.maximum(union, 1), 0.0)
    best = sim.argmax(axis=1) if sim.shape[1] else np.zeros(len(new.texts), dtype=np.int64)
    best_sim = sim[np.arange(len(best)), best] if sim.shape[1] else np.zeros(len(best))
    old_id = old.report_ids[0] if old.report_ids else None
    cols: dict[str, list] = {c: [] for c in REUSE_COLUMNS}
    for k, (rid, no, text) in enumerate(zip(new.report_ids, new.nos, new.texts)):
        value = float(best_sim[k])
        status = "exact" if value >= exact else "near" if value >= near else "new"
        matched = status != "new" and value > 0  # (near ≤ 0 would match what shares nothing)
        i = int(best[k])
        for col, v in (("old_report_id", old_id), ("new_report_id", rid), ("sentence_no", no),
                       ("text", text), ("n_chars", len(text)),
                       ("old_sentence_no", old.nos[i] if matched else pd.NA),
                       ("old_text", old.texts[i] if matched else None),
                       ("similarity", round(value, 4)), ("status", status)):
            cols[col].append(v)
    return pd.DataFrame(cols, columns=REUSE_COLUMNS).astype(
        {"old_sentence_no": "Int64", "sentence_no": "int64", "n_chars": "int64",
         "similarity": "float64"})


def reuse_summary(reuse: pd.DataFrame) -> pd.DataFrame:
    """Share of the newer report's sentences and characters in each status.

    Columns: old_report_id, new_report_id, status, n_sentences, n_chars, share_chars.
    """
    keys = ["old_report_id", "new_report_id", "status"]
    out = reuse.groupby(keys, as_index=False).agg(n_sentences=("sentence_no", "size"),
                                                  n_chars=("n_chars", "sum"))
    out["share_chars"] = out["n_chars"] / out.groupby(keys[:2])["n_chars"].transform("sum")
    return out


def reuse_tables(tables, reports: pd.DataFrame, corpus_map=None) -> dict[str, pd.DataFrame]:
    """For the build: text_reuse for every consecutive pair of reports of a county (the counties
    shared among the build's processes by ``corpus_map``; default: here, in order), with the
    columns of :func:`~juye_analysis.compare.comparable.pair_comparability` after
    ``REUSE_COLUMNS`` (a pair with a partial text is not comparable)."""
    from .comparable import bind_comparability
    from .keyness import consecutive_pairs, serial_map

    corpus_map = corpus_map or serial_map

    pairs = consecutive_pairs(reports)
    if not pairs:
        return {}
    sentences = tables["sentences"]
    by_report = dict(tuple(sentences.groupby("report_id", sort=False)))  # once, not per pair
    chains = _chains(pairs)
    out = [df for part in corpus_map(lambda chain: _chain_reuse(chain, by_report), chains)
           for df in part]
    return {"text_reuse": bind_comparability(pd.concat(out, ignore_index=True), reports)}


def _chains(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Consecutive pairs (a, b), (b, c) … joined into chains [a, b, c …] (one per county)."""
    chains: list[list[str]] = []
    for old, new in pairs:
        if chains and chains[-1][-1] == old:
            chains[-1].append(new)
        else:
            chains.append([old, new])
    return chains


def _chain_reuse(chain: list[str], by_report: dict, min_chars: int = 8) -> list[pd.DataFrame]:
    """text_reuse of each consecutive pair of a chain, each report prepared once."""
    vocabulary: dict = {}
    prepared = [_Prepared(by_report[rid], min_chars, vocabulary) for rid in chain]
    return [_reuse(o, n).assign(old_report_id=a)
            for (a, o), n in zip(zip(chain, prepared), prepared[1:])]
