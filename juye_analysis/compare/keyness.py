"""What distinguishes one report from another: keyness of terms, and the shift in theme attention.

Scores are two-sided: positive = characteristic of NEW, negative = of OLD. One document per
year makes every significance test optimistic (the unit of analysis is a whole report, not a
word): read the scores as a ranking and an effect size, not as evidence of a population effect.
"""
from __future__ import annotations

import math
import numpy as np
import pandas as pd
from ..words.stats import g2 as log_likelihood
from .comparable import bind_comparability


KEYNESS_COLUMNS = ["term", "n_old", "n_new", "per_10k_old", "per_10k_new", "change_per_10k",
                   "log_odds", "score", "g2", "p_value", "presence"]


CAVEAT = ("One document per year makes significance tests optimistic: treat score (weighted "
          "log-odds z) and G² as a ranking and an effect size, not as evidence of a population effect.")


def keyness(old: pd.DataFrame, new: pd.DataFrame, *, chars_old: int | None = None,
            chars_new: int | None = None, prior: pd.Series | None = None) -> pd.DataFrame:
    """Keyness of every term between two count tables (``term``, ``n``).

    Columns: term, n_old, n_new, per_10k_old, per_10k_new (per 10,000 characters of each report,
    or of its tokens when the character counts are not given), change_per_10k, log_odds (δ, the
    difference in weighted log-odds), score (z = δ / σ: Monroe, Colaresi & Quinn 2008, eq. 16–22,
    with an informative Dirichlet prior α_w proportional to the term's pooled count, or to
    ``prior``), g2 (signed log-likelihood G², Dunning 1993; positive when more frequent in NEW),
    p_value (χ² with 1 df for G²: optimistic, see CAVEAT), presence (both | new_only | old_only).
    Sorted by score, highest (most characteristic of NEW) first.
    """
    a = old.groupby("term")["n"].sum()
    b = new.groupby("term")["n"].sum()
    terms = a.index.union(b.index)
    y_old = a.reindex(terms, fill_value=0).astype(float).to_numpy()
    y_new = b.reindex(terms, fill_value=0).astype(float).to_numpy()
    n_old, n_new = y_old.sum(), y_new.sum()
    pooled = y_old + y_new
    if prior is None:
        alpha = pooled.copy()  # α_w = pooled count: α_0 = n_old + n_new
    else:
        alpha = prior.reindex(terms, fill_value=0).astype(float).to_numpy() + 0.01
    alpha0 = alpha.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        # Monroe et al. (2008), eq. 16: ω = log((y + α) / (n + α0 − y − α)); δ = ω_new − ω_old
        w_new = np.log((y_new + alpha) / (n_new + alpha0 - y_new - alpha))
        w_old = np.log((y_old + alpha) / (n_old + alpha0 - y_old - alpha))
        delta = w_new - w_old
        sigma = np.sqrt(1.0 / (y_new + alpha) + 1.0 / (y_old + alpha))  # eq. 18
        z = delta / sigma
    # Dunning's G² on the 2×2 table (the term and the rest, in NEW and in OLD)
    g2 = log_likelihood(y_new, n_new - y_new, y_old, n_old - y_old)
    sign = np.sign(y_new / max(n_new, 1) - y_old / max(n_old, 1))
    base_old = chars_old if chars_old else n_old
    base_new = chars_new if chars_new else n_new
    df = pd.DataFrame({
        "term": terms,
        "n_old": y_old.astype(int), "n_new": y_new.astype(int),
        "per_10k_old": y_old / max(base_old, 1) * 10_000,
        "per_10k_new": y_new / max(base_new, 1) * 10_000,
    })
    df["change_per_10k"] = df["per_10k_new"] - df["per_10k_old"]
    df["log_odds"] = delta
    df["score"] = z
    df["g2"] = sign * np.maximum(g2, 0)
    # χ² survival function with 1 df: P(χ² > g) = erfc(sqrt(g / 2))
    df["p_value"] = [math.erfc(math.sqrt(g / 2)) for g in np.maximum(g2, 0)]
    df["presence"] = np.select([(y_old > 0) & (y_new > 0), y_new > 0], ["both", "new_only"], "old_only")
    df = df.sort_values(["score", "term"], ascending=[False, True], kind="stable", ignore_index=True)
    df.attrs["caveat"] = CAVEAT
    return df[KEYNESS_COLUMNS]


def theme_shift(themes: pd.DataFrame, old: str, new: str, measure: str = "share_tokens") -> pd.DataFrame:
    """Change in each theme's share of attention between two reports (whole-report scope).

    Columns: theme, theme_zh, theme_en, share_old, share_new, change_pp (percentage points).
    """
    t = themes[themes["scope"] == "report"]
    keep = ["theme", "theme_zh", "theme_en"]
    shares = {}  # (report_id, theme key) → share: plain dicts, as this runs for every pair
    for rid, *key, value in zip(*(t[c].tolist() for c in ["report_id"] + keep + [measure])):
        if rid in (old, new):
            shares[rid, tuple(key)] = value
    keys = list(dict.fromkeys([k for r, k in shares if r == old] + [k for r, k in shares if r == new]))
    df = pd.DataFrame(keys, columns=keep)
    df["share_old"] = pd.Series([shares.get((old, k)) for k in keys], dtype="float64").fillna(0.0)
    df["share_new"] = pd.Series([shares.get((new, k)) for k in keys], dtype="float64").fillna(0.0)
    df["change_pp"] = (df["share_new"] - df["share_old"]) * 100
    return df.sort_values("change_pp", ascending=False, ignore_index=True, kind="stable")


def consecutive_pairs(reports: pd.DataFrame) -> list[tuple[str, str]]:
    """(old, new) report ids of consecutive reports of the same county."""
    pairs = []
    r = reports.assign(report_year=pd.to_numeric(reports["report_year"]))
    for _, grp in r.sort_values("report_year").groupby("county", sort=True):
        ids = grp["report_id"].tolist()
        pairs.extend(zip(ids, ids[1:]))
    return pairs


def latest_pair(reports: pd.DataFrame, old: str | None = None, new: str | None = None) -> tuple[str, str]:
    """The two reports to compare: as given, else the consecutive pair of one county whose newer
    report is the latest (:func:`~juye_analysis.read.metadata.choose_report` among the pairs'
    newer reports, restricted to those following ``old`` or equal to ``new`` when given)."""
    from ..read.metadata import choose_report

    for rid in (old, new):
        if rid is not None:
            choose_report(reports, rid)  # checked: it is in the reports table
    if old and new:
        return old, new
    before = {b: a for a, b in consecutive_pairs(reports)  # newer → older (one each)
              if (new is None or b == new) and (old is None or a == old)}
    newer = choose_report(reports, among=before,
                          none_left="no two reports of the same county to compare; add a report")
    return before[newer], newer


def _report_scope(tables, name: str) -> pd.DataFrame:
    """The whole-report rows of a table (read with a filter when the build offers it)."""
    if hasattr(tables, "read"):
        return tables.read(name, filters=[("scope", "==", "report")])
    df = tables[name]
    return df[df["scope"] == "report"]


def serial_map(fn, items) -> list:
    """``[fn(x) for x in items]``: the default ``corpus_map`` of the corpus-wide steps."""
    return [fn(x) for x in items]


def keyness_tables(tables, reports: pd.DataFrame, corpus_map=None) -> dict[str, pd.DataFrame]:
    """For the build: keyness (whole reports, default stopword tiers) and theme_shift for every
    consecutive pair of reports of a county, with old_report_id and new_report_id columns and
    those of :func:`~juye_analysis.compare.comparable.pair_comparability` (old_completeness,
    new_completeness, comparable, note: a pair with a partial text is not comparable).
    ``corpus_map(fn, items)`` maps over the pairs (the build passes one that shares them among
    its processes; default: here, in order)."""
    corpus_map = corpus_map or serial_map
    pairs = consecutive_pairs(reports)
    if not pairs or "term_frequencies" not in tables:
        return {}
    tf = _report_scope(tables, "term_frequencies")  # not the part and section rows: memory
    by_report = dict(tuple(tf.groupby("report_id", sort=False)))
    chars = dict(zip(reports["report_id"], reports["n_chars"]))
    out, shifts = [], []
    themes = "theme_attention" if "theme_attention" in tables else None
    if themes is not None:
        themes = dict(tuple(_report_scope(tables, "theme_attention").groupby("report_id", sort=False)))
    empty = tf.iloc[:0]

    def one_pair(pair):
        old, new = pair
        k = keyness(by_report.get(old, empty), by_report.get(new, empty),
                    chars_old=chars[old], chars_new=chars[new]).assign(old_report_id=old,
                                                                        new_report_id=new)
        shift = None
        if themes is not None and old in themes and new in themes:
            both = pd.concat([themes[old], themes[new]])
            shift = theme_shift(both, old, new).assign(old_report_id=old, new_report_id=new)
        return k, shift

    for k, shift in corpus_map(one_pair, pairs):  # pairs shared among the build's processes
        out.append(k)
        if shift is not None:
            shifts.append(shift)
    result = {"keyness": bind_comparability(pd.concat(out, ignore_index=True), reports)}
    if shifts:
        result["theme_shift"] = bind_comparability(pd.concat(shifts, ignore_index=True), reports)
    return result
