"""Text reuse between two reports: which sentences of the newer one repeat (exactly or nearly)
sentences of the older one, the share of reused text, and the new sentences (new initiatives).

Similarity is the Jaccard index of character 4-grams (shingles) of the two sentences, after
removing punctuation and numbers, so "增长6.9%" and "增长6.8%" still count as the same wording;
candidates are found through an inverted index of shingles, so the cost grows with the text, not
with the product of the two reports' sentence counts.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

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
    as lists, with their shingles: made once per report, used for each pair it is in."""

    def __init__(self, sentences: pd.DataFrame, min_chars: int):
        keep = ~sentences["is_heading"].astype(bool) & (sentences["text"].str.len() >= min_chars)
        s = sentences[keep]
        self.report_ids = s["report_id"].tolist()
        self.nos = s["sentence_no"].tolist()
        self.texts = s["text"].tolist()
        self.shingles = [_shingles(t) for t in self.texts]
        self._index = None

    @property
    def index(self) -> dict[str, list[int]]:
        """shingle → the positions of the sentences that have it."""
        if self._index is None:
            index: dict[str, list[int]] = defaultdict(list)
            for i, sh in enumerate(self.shingles):
                for g in sh:
                    index[g].append(i)
            self._index = index
        return self._index


def text_reuse(old: pd.DataFrame, new: pd.DataFrame, *, near: float = 0.5,
               exact: float = 0.999, min_chars: int = 8) -> pd.DataFrame:
    """For each sentence of ``new`` (a sentences table of one report), its most similar sentence
    of ``old``.

    Columns: old_report_id, new_report_id, sentence_no, text, n_chars, old_sentence_no,
    old_text, similarity (Jaccard of character 4-grams, punctuation and digits removed),
    status (exact ≥ 0.999 | near ≥ ``near`` | new). Headings and sentences shorter than
    ``min_chars`` characters are left out.
    """
    return _reuse(_Prepared(old, min_chars), _Prepared(new, min_chars), near=near, exact=exact)


def _reuse(old: _Prepared, new: _Prepared, *, near: float = 0.5, exact: float = 0.999) -> pd.DataFrame:
    index, old_sh = old.index, old.shingles
    old_id = old.report_ids[0] if old.report_ids else None
    cols: dict[str, list] = {c: [] for c in REUSE_COLUMNS}
    for rid, no, text, sh in zip(new.report_ids, new.nos, new.texts, new.shingles):
        shared = Counter(i for g in sh for i in index.get(g, ()))
        best, best_sim = None, 0.0
        for i, n in shared.items():
            sim = n / (len(sh) + len(old_sh[i]) - n)
            if sim > best_sim:
                best, best_sim = i, sim
        status = "exact" if best_sim >= exact else "near" if best_sim >= near else "new"
        matched = best is not None and status != "new"
        for col, value in (("old_report_id", old_id), ("new_report_id", rid), ("sentence_no", no),
                           ("text", text), ("n_chars", len(text)),
                           ("old_sentence_no", old.nos[best] if matched else pd.NA),
                           ("old_text", old.texts[best] if matched else None),
                           ("similarity", round(best_sim, 4)), ("status", status)):
            cols[col].append(value)
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


def reuse_tables(tables, reports: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """For the build: text_reuse for every consecutive pair of reports of a county (the counties
    shared among the build's processes)."""
    from .keyness import consecutive_pairs
    from .runner import corpus_map

    pairs = consecutive_pairs(reports)
    if not pairs:
        return {}
    sentences = tables["sentences"]
    by_report = dict(tuple(sentences.groupby("report_id", sort=False)))  # once, not per pair
    chains = _chains(pairs)
    out = [df for part in corpus_map(lambda chain: _chain_reuse(chain, by_report), chains)
           for df in part]
    return {"text_reuse": pd.concat(out, ignore_index=True)}


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
    prepared = [_Prepared(by_report[rid], min_chars) for rid in chain]
    return [_reuse(o, n).assign(old_report_id=a)
            for (a, o), n in zip(zip(chain, prepared), prepared[1:])]
