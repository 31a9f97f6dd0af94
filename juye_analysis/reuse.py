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


def text_reuse(old: pd.DataFrame, new: pd.DataFrame, *, near: float = 0.5,
               exact: float = 0.999, min_chars: int = 8) -> pd.DataFrame:
    """For each sentence of ``new`` (a sentences table of one report), its most similar sentence
    of ``old``.

    Columns: old_report_id, new_report_id, sentence_no, text, n_chars, old_sentence_no,
    old_text, similarity (Jaccard of character 4-grams, punctuation and digits removed),
    status (exact ≥ 0.999 | near ≥ ``near`` | new). Headings and sentences shorter than
    ``min_chars`` characters are left out.
    """
    old = old[~old["is_heading"] & (old["text"].str.len() >= min_chars)]
    new = new[~new["is_heading"] & (new["text"].str.len() >= min_chars)]
    old_sh = [_shingles(t) for t in old["text"]]
    index: dict[str, list[int]] = defaultdict(list)
    for i, sh in enumerate(old_sh):
        for g in sh:
            index[g].append(i)
    rows = []
    old_ids = old["report_id"].iloc[0] if len(old) else None
    old_no, old_text = old["sentence_no"].tolist(), old["text"].tolist()
    for r in new.itertuples(index=False):
        sh = _shingles(r.text)
        shared = Counter(i for g in sh for i in index.get(g, ()))
        best, best_sim = None, 0.0
        for i, n in shared.items():
            sim = n / (len(sh) + len(old_sh[i]) - n)
            if sim > best_sim:
                best, best_sim = i, sim
        status = "exact" if best_sim >= exact else "near" if best_sim >= near else "new"
        matched = best is not None and status != "new"
        rows.append({"old_report_id": old_ids, "new_report_id": r.report_id,
                     "sentence_no": r.sentence_no, "text": r.text, "n_chars": len(r.text),
                     "old_sentence_no": old_no[best] if matched else pd.NA,
                     "old_text": old_text[best] if matched else None,
                     "similarity": round(best_sim, 4), "status": status})
    return pd.DataFrame(rows, columns=REUSE_COLUMNS).astype({"old_sentence_no": "Int64"})


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
    """For the build: text_reuse for every consecutive pair of reports of a county."""
    from .keyness import consecutive_pairs

    pairs = consecutive_pairs(reports)
    if not pairs:
        return {}
    by_report = dict(tuple(tables["sentences"].groupby("report_id", sort=False)))  # once, not per pair
    out = [text_reuse(by_report[o], by_report[n]).assign(old_report_id=o) for o, n in pairs]
    return {"text_reuse": pd.concat(out, ignore_index=True)}
