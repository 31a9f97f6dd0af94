"""tf-idf of sections and reports (``bind_tf_idf`` adds tf, idf and tf_idf to a count table).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from .scopes import _empty
from .counts import _lists, count_terms
from .stopwords import is_term


TFIDF_SECTION_COLUMNS = ["report_id", "part_no", "section_no", "term", "n", "tf", "idf", "tf_idf", "rank"]


def bind_tf_idf(tbl: pd.DataFrame, term: str = "term", document="document", n: str = "n") -> pd.DataFrame:
    """Add tf, idf and tf_idf to a table of counts (one row per document and term), as tidytext.

    ``document``: a column name or a list of them (``["part_no", "section_no"]``).
    tf = n / (sum of n in the document); idf = ln(number of documents / number of documents
    containing the term); tf_idf = tf * idf (Silge & Robinson, *Text Mining with R*, ch. 3;
    the documents are those present in ``tbl``). Returns a copy with the three columns added.
    """
    doc = [document] if isinstance(document, str) else list(document)
    out = tbl.copy()
    if out.empty:
        return out.assign(tf=pd.Series(dtype="float64"), idf=pd.Series(dtype="float64"),
                          tf_idf=pd.Series(dtype="float64"))
    doc_key = out[doc].astype(str).agg("\x1f".join, axis=1) if len(doc) > 1 else out[doc[0]]
    n_docs = doc_key.nunique()
    out["tf"] = out[n] / out[n].groupby(doc_key).transform("sum")
    df_term = doc_key.groupby(out[term]).transform("nunique")
    out["idf"] = np.log(n_docs / df_term.astype("float64"))
    out["tf_idf"] = out["tf"] * out["idf"]
    return out


def tfidf_sections_table(report, tables: dict) -> pd.DataFrame:
    """Built table ``tfidf_sections``: tf-idf with the sections of one report as documents
    (part 0 and section 0, text outside any section, count as documents too).

    Columns: report_id, part_no, section_no, term, n, tf, idf, tf_idf, rank (by tf_idf within the
    section, 1 = most distinctive; ties share the smallest rank).
    """
    tf = tables.get("term_frequencies")
    if tf is None:
        tf = count_terms(tables["tokens"], scope="section")
    return _tfidf_sections(tf[tf["scope"] == "section"])


def tfidf_reports(term_frequencies: pd.DataFrame) -> pd.DataFrame:
    """tf-idf with the reports of the corpus as documents (from report-scope counts).

    Columns: report_id, term, n, tf, idf, tf_idf, rank (within the report). With one report every
    idf is 0. Partial reports (news summaries) are documents like the others: filter on
    ``reports.completeness`` before calling when that matters.
    """
    tf = term_frequencies  # (rows without a scope column are taken as report-scope rows)
    if "scope" in tf:
        tf = tf[tf["scope"] == "report"]
    df = bind_tf_idf(tf, "term", "report_id", "n")
    df = df.sort_values(["report_id", "tf_idf", "term"], ascending=[True, False, True])
    df["rank"] = df.groupby("report_id")["tf_idf"].rank(method="min", ascending=False)
    cols = ["report_id", "term", "n", "tf", "idf", "tf_idf", "rank"]
    return df[cols].astype({"rank": "int64"}).reset_index(drop=True)


def section_idf(tokens: pd.DataFrame, **term_kwargs) -> pd.Series:
    """IDF of every term over the sections of a corpus: ln(number of sections / number of sections
    containing the term), sections being (report_id, part_no, section_no). Index: term."""
    terms = tokens[is_term(tokens, **term_kwargs)]
    docs = terms["report_id"].astype(str) + "\x1f" + terms["part_no"].astype(str) + "\x1f" + \
        terms["section_no"].astype(str)
    n_docs = (tokens["report_id"].astype(str) + "\x1f" + tokens["part_no"].astype(str) + "\x1f" +
              tokens["section_no"].astype(str)).nunique()
    df = docs.groupby(terms["token"]).nunique()
    return np.log(n_docs / df.astype("float64")).rename("idf").sort_index()


def _scope_rows(tables, scope: str, columns: list[str]) -> pd.DataFrame:
    """The rows of one scope of the term_frequencies table (only those rows and columns are
    loaded where the tables can be read in part)."""
    read = getattr(tables, "read", None)
    if read is not None:
        return read("term_frequencies", columns=columns, filters=[("scope", "==", scope)])
    tf = tables["term_frequencies"]
    return tf.loc[tf["scope"] == scope, columns]


def _n_sections(tables) -> int:
    """The number of sections (report_id, part_no, section_no) that have tokens: those with a
    sentence that is not all whitespace (every other character is a token), counted from the
    sentences table rather than the far longer tokens table."""
    cols = ["report_id", "part_no", "section_no", "text"]
    read = getattr(tables, "read", None)
    s = read("sentences", columns=cols) if read is not None else tables["sentences"][cols]
    s = s[s["text"].str.strip().str.len() > 0]
    return len(s[cols[:3]].drop_duplicates())


def _section_idf_from_counts(term_frequencies: pd.DataFrame, n_sections: int) -> pd.Series:
    """:func:`section_idf` (default tiers) from the section-scope rows of a ``term_frequencies``
    table made from the same tokens: one row per section and term, so a term's number of
    sections is its number of rows."""
    sec = term_frequencies["term"]  # (rows without a scope column are taken as section rows)
    if "scope" in term_frequencies:
        sec = sec[term_frequencies["scope"] == "section"]
    df = sec.value_counts(sort=False).sort_index()
    df.index.name = "token"
    return np.log(n_sections / df.astype("float64")).rename("idf").sort_index()


def _tfidf_sections(tf: pd.DataFrame) -> pd.DataFrame:
    """tf-idf with the sections of section-scope counts as documents (see tfidf_sections_table)."""
    if not len(tf):
        return _empty(TFIDF_SECTION_COLUMNS)
    rid, parts, secs, terms, ns = _lists(tf, ["report_id", "part_no", "section_no", "term", "n"])
    doc_total: dict = {}
    term_docs: dict = {}
    for p, sec, t, n in zip(parts, secs, terms, ns):
        doc_total[(p, sec)] = doc_total.get((p, sec), 0) + n
        term_docs.setdefault(t, set()).add((p, sec))
    n_docs = len(doc_total)
    n_arr = np.asarray(ns, dtype="int64")
    tf_arr = n_arr / np.asarray([doc_total[(p, sec)] for p, sec in zip(parts, secs)], dtype="int64")
    idf_arr = np.log(n_docs / np.asarray([len(term_docs[t]) for t in terms], dtype="float64"))
    tfidf_arr = tf_arr * idf_arr
    tfidf = tfidf_arr.tolist()
    order = sorted(range(len(ns)), key=lambda i: (parts[i], secs[i], -tfidf[i], terms[i]))
    ranks, prev_doc, start, prev_v, rank = [], None, 0, None, 0
    for j, i in enumerate(order):
        doc = (parts[i], secs[i])
        if doc != prev_doc:
            prev_doc, start, prev_v = doc, j, None
        if tfidf[i] != prev_v:
            rank, prev_v = j, tfidf[i]
        ranks.append(rank - start + 1)
    idx = np.asarray(order, dtype="int64")
    cols = {"report_id": tf["report_id"].take(idx).reset_index(drop=True),
            "part_no": tf["part_no"].take(idx).reset_index(drop=True),
            "section_no": tf["section_no"].take(idx).reset_index(drop=True),
            "term": tf["term"].take(idx).reset_index(drop=True),
            "n": tf["n"].take(idx).reset_index(drop=True),
            "tf": pd.Series(tf_arr[idx]), "idf": pd.Series(idf_arr[idx]),
            "tf_idf": pd.Series(tfidf_arr[idx]), "rank": pd.Series(ranks, dtype="int64")}
    return pd.DataFrame(cols)
