"""Counting words: term frequencies, tf-idf, jieba keywords, theme attention, KWIC, collocations.

Everything starts from the ``tokens`` table (:mod:`juye_analysis.tokenize`), so any tokenizer can
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

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from .resources import read_resource_csv
from .tokenize import (_CODE, _NUMBER, _SCALE_UNIT, _import_jieba, default_tokenizer, is_punct_token,
                       read_stopwords_table, tokenize_spans)

DEFAULT_TIERS = ("function", "genre")
MIN_CHARS = 2
SCOPES = {"report": [], "part": ["part_no"], "section": ["part_no", "section_no"]}
TF_COLUMNS = ["report_id", "scope", "part_no", "section_no", "term", "n", "per_10k_chars", "rank"]
THEME_COLUMNS = ["report_id", "scope", "part_no", "section_no", "theme", "theme_zh", "theme_en",
                 "n_tokens", "n_substrings", "share_tokens", "share_substrings", "per_10k_chars"]
KWIC_COLUMNS = ["report_id", "part_no", "part", "section_no", "section", "sentence_no", "start",
                "end", "left", "keyword", "right"]
COLLOCATION_COLUMNS = ["report_id", "word1", "word2", "bigram", "n", "n_word1", "n_word2",
                       "expected", "pmi", "g2", "rank"]
TFIDF_SECTION_COLUMNS = ["report_id", "part_no", "section_no", "term", "n", "tf", "idf", "tf_idf", "rank"]
# dtypes of the columns above when a table comes out empty (the same as when it does not)
_DTYPES = {"part_no": "Int64", "section_no": "Int64", "n": "int64", "rank": "int64",
           "n_tokens": "int64", "n_substrings": "int64", "n_word1": "int64", "n_word2": "int64",
           "per_10k_chars": "float64", "share_tokens": "float64", "share_substrings": "float64",
           "tf": "float64", "idf": "float64", "tf_idf": "float64", "expected": "float64",
           "pmi": "float64", "g2": "float64"}


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "str")) for c in columns})


# --- stopwords --------------------------------------------------------------------------------------

def load_stopwords(tiers: Iterable[str] = DEFAULT_TIERS, extra: Iterable[str] = ()) -> frozenset:
    """The stopwords of the given tiers (``function``, ``genre``, ``local``) plus ``extra``."""
    tiers = (tiers,) if isinstance(tiers, str) else tuple(tiers)
    return _tier_stopwords(tiers) | frozenset(extra)


@lru_cache(maxsize=32)
def _tier_stopwords(tiers: tuple) -> frozenset:
    """The stopwords of the tiers (the resource files are read once per process anyway)."""
    tiers = list(tiers)
    df = read_stopwords_table()
    unknown = set(tiers) - set(df["tier"])
    if unknown:
        raise ValueError(f"unknown stopword tiers {sorted(unknown)}; have {sorted(set(df['tier']))}")
    return frozenset(df.loc[df["tier"].isin(tiers), "word"])


def _stopwords(stopwords, tiers, extra_stopwords) -> frozenset:
    base = load_stopwords(tiers) if stopwords is None else frozenset(stopwords)
    return base | frozenset(extra_stopwords)


def is_term(tokens: pd.DataFrame, stopwords=None, *, tiers=DEFAULT_TIERS, extra_stopwords=(),
            min_chars: int = MIN_CHARS) -> pd.Series:
    """Boolean mask of the rows of a tokens table that count as terms (see the module docstring)."""
    stop = _stopwords(stopwords, tiers, extra_stopwords)
    tok = tokens["token"].astype(str)
    if "is_number" in tokens:
        number = tokens["is_number"].astype(bool)
    else:
        number = tok.map(lambda t: bool(_NUMBER.match(t) or _SCALE_UNIT.match(t) or _CODE.match(t)))
    punct = tokens["is_punct"].astype(bool) if "is_punct" in tokens else tok.map(is_punct_token)
    return ~number & ~punct & ~tok.isin(stop) & (tok.str.len() >= min_chars)


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


# --- term frequencies -------------------------------------------------------------------------------

def term_frequencies_table(report, tables: dict) -> pd.DataFrame:
    """Built table ``term_frequencies``: :func:`count_terms` of the report's tokens at every scope
    (report, part, section) with the default tiers. Columns as :func:`count_terms`."""
    return count_terms(tables["tokens"], scope=list(SCOPES))


# --- tf-idf -----------------------------------------------------------------------------------------

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


# --- jieba's keyword extractors, as a second view ---------------------------------------------------

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


class _ContentCut:
    """What jieba's extractors call ``tokenizer.cut``: our tokens, with numbers, punctuation,
    stopwords and short tokens replaced by a blank (so they are skipped but keep their place)."""

    def __init__(self, tokenizer, stop: frozenset, min_chars: int, pos=None):
        self.tokenizer, self.stop, self.min_chars, self.pos = tokenizer, stop, min_chars, pos

    def _keep(self, word: str) -> bool:
        return (len(word) >= self.min_chars and word not in self.stop and not is_punct_token(word)
                and not (_NUMBER.match(word) or _SCALE_UNIT.match(word) or _CODE.match(word)))

    def cut(self, text: str):
        if self.pos is None:
            for word, _, _ in tokenize_spans(text, self.tokenizer):
                yield word if self._keep(word) else " "
        else:
            from jieba.posseg import pair

            for p in self.pos.cut(text, HMM=getattr(self.tokenizer, "juye_hmm", False)):
                yield p if self._keep(p.word) else pair(p.word, "x")


class _PrecutContent(_ContentCut):
    """:class:`_ContentCut` over a text's tokens already segmented by the same tokenizer (the
    build's ``tokens`` table), so the text is not segmented a second time."""

    def __init__(self, base: _ContentCut, tokens: list[str]):
        super().__init__(base.tokenizer, base.stop, base.min_chars)
        self.tokens = tokens

    def cut(self, text: str):
        for word in self.tokens:
            yield word if self._keep(word) else " "


@lru_cache(maxsize=4)
def _pos_tokenizer(tokenizer):
    jieba = _import_jieba()
    pos = jieba.posseg.POSTokenizer(tokenizer)
    pos.makesure_userdict_loaded()
    return pos


_ASCII_CHAR = re.compile(r"^[a-zA-Z0-9]$")
_ASCII_WORD = re.compile(r"^[a-zA-Z0-9]+$")
def _posseg_pairs(text: str, words: list[str], starts: list[int], tag_table: dict):
    """(word, flag) of what ``jieba.posseg`` (HMM off, same dictionary) yields for ``text``, made
    from the text's tokens instead of segmenting it again: each token with its dictionary tag (a
    run of letters and digits that is no dictionary word: ``eng``), and each whitespace character
    between tokens on its own (``x``). Both segment with the same dictionary and route and both
    join runs of single letters and digits; the tokens must be those of segmenting the whole text
    (see :func:`_precut_items`). None (segment with posseg instead) when a character between
    tokens is not whitespace, or a token of several characters contains ``-`` or ``%``: posseg
    splits its text at those two, the tokenizer does not (a dictionary word such as COVID-19)."""
    pairs = []
    pos = 0
    for word, start in zip(words, starts):
        if len(word) > 1 and ("-" in word or "%" in word):
            return None
        if start > pos:
            gap = text[pos:start]
            if not gap.isspace():
                return None
            pairs += [(ch, "x") for ch in gap]
        if _ASCII_WORD.match(word) and (_ASCII_CHAR.match(word) or word not in tag_table):
            flag = "eng"
        else:
            flag = tag_table.get(word, "x")
        pairs.append((word, flag))
        pos = start + len(word)
    gap = text[pos:]
    if gap and not gap.isspace():
        return None
    pairs += [(ch, "x") for ch in gap]
    return pairs


TEXTRANK_POS = ("n", "nr", "ns", "nt", "nz", "nw", "vn", "v", "l", "i", "j", "an")


def jieba_keywords(texts: dict[str, str], idf: pd.Series, *, top_n: int = 50, tokenizer=None,
                   stopwords=None, tiers=DEFAULT_TIERS, min_chars: int = MIN_CHARS,
                   allow_pos=TEXTRANK_POS) -> pd.DataFrame:
    """Keywords of each text by jieba's TF-IDF (with ``idf`` from our corpus, not jieba's) and
    TextRank, through ``jieba.analyse.TFIDF`` / ``TextRank`` *instances* running our tokenizer
    (never jieba's global state); numbers, punctuation and stopwords are left out as in counts.

    jieba's TF-IDF weight is tf (share of the text's terms) times our idf, so it ranks like a
    report-level tf-idf against the corpus's sections. TextRank (span 5, POS in ``allow_pos``;
    user-dictionary words carry their tags) ranks terms by co-occurrence instead.

    Columns: report_id, method (tfidf, textrank), rank, term, weight.
    """
    path = _idf_file(idf)
    rows = _keyword_rows(sorted(texts.items()), path, top_n=top_n, tokenizer=tokenizer,
                         stopwords=stopwords, tiers=tiers, min_chars=min_chars, allow_pos=allow_pos)
    return _keyword_frame(rows)


def _idf_file(idf: pd.Series) -> str:
    """jieba reads an IDF only from a file ("word idf" lines): ours, written once, named by its
    content."""
    from .paths import cache_dir

    lines = "".join(f"{t} {v:.6f}\n" for t, v in idf.items() if " " not in t)
    path = cache_dir() / f"idf-{hashlib.sha256(lines.encode()).hexdigest()[:16]}.txt"
    if not path.exists():
        tmp = path.with_suffix(f".tmp{id(lines)}")
        tmp.write_text(lines or "的 0.0\n", encoding="utf-8")
        tmp.replace(path)
    return str(path)


def _keyword_rows(items, idf_path: str | None, *, top_n: int = 50, tokenizer=None, stopwords=None,
                  tiers=DEFAULT_TIERS, min_chars: int = MIN_CHARS, allow_pos=TEXTRANK_POS,
                  methods=("tfidf", "textrank")) -> list:
    """The rows of :func:`jieba_keywords` for (report_id, text[, tokens[, starts]]) items, in their
    order: tokens (and their offsets) where the text's tokens are known already (see
    :func:`_precut_items`), so the text is not segmented again."""
    jieba = _import_jieba()
    import jieba.analyse  # noqa: F401

    tokenizer = default_tokenizer() if tokenizer is None else tokenizer
    stop = load_stopwords(tiers) if stopwords is None else frozenset(stopwords)
    if "tfidf" in methods:
        tfidf = jieba.analyse.TFIDF(idf_path=idf_path)
        content = tfidf.tokenizer = _ContentCut(tokenizer, stop, min_chars)
        tfidf.stop_words = set(tfidf.stop_words) | set(stop)
    if "textrank" in methods:
        postok = _pos_tokenizer(tokenizer)
        postok.makesure_userdict_loaded()  # tags of words added to the tokenizer since it was made
        textrank = jieba.analyse.TextRank()
        pos_content = textrank.tokenizer = textrank.postokenizer = _ContentCut(
            tokenizer, stop, min_chars, pos=postok)
        textrank.stop_words = set(textrank.stop_words) | set(stop)
    rows = []
    for report_id, text, *precut in items:
        words = precut[0] if precut else None
        starts = precut[1] if len(precut) > 1 else None
        results = []
        if "tfidf" in methods:
            tfidf.tokenizer = _PrecutContent(content, words) if words is not None else content
            results.append(("tfidf", tfidf.extract_tags(text, topK=top_n, withWeight=True)))
        if "textrank" in methods:
            pairs = _posseg_pairs(text, words, starts, postok.word_tag_tab) \
                if words is not None and starts is not None else None
            if pairs is not None:
                # jieba's pairfilter after our _ContentCut (which gives "x" to what it drops)
                allowed, stop_tr, memo = frozenset(allow_pos), textrank.stop_words, {}
                keep = []
                for pair in pairs:
                    ok = memo.get(pair)
                    if ok is None:
                        word, flag = pair
                        flag = flag if pos_content._keep(word) else "x"
                        ok = memo[pair] = (flag in allowed and len(word.strip()) >= 2
                                           and word.lower() not in stop_tr)
                    keep.append(ok)
                result = _textrank([w for w, _ in pairs], keep, textrank.span, top_n)
            else:
                result = textrank.textrank(text, topK=top_n, withWeight=True, allowPOS=allow_pos)
            results.append(("textrank", result))
        for method, result in results:
            result = sorted(result, key=lambda kv: (-kv[1], kv[0]))  # ties: by term, stable
            rows += [{"report_id": report_id, "method": method, "rank": i, "term": t, "weight": float(w)}
                     for i, (t, w) in enumerate(result, start=1)]
    return rows


def _textrank(words: list[str], keep: list[bool], span: int, top_n: int) -> list:
    """jieba's ``TextRank.textrank(..., withWeight=True)`` over a text's words, ``keep`` marking
    those its ``pairfilter`` keeps, computed the same way to the last bit (the same co-occurrence
    counts, edge order, ten in-place iterations over the nodes in sorted order, scaling, and
    stable order of ties), with the graph held in lists instead of dicts of edge tuples: several
    times faster. A test checks it against jieba's."""
    import sys

    n = len(words)
    cm: dict = {}
    for i in range(n):
        if keep[i]:
            for j in range(i + 1, min(i + span, n)):
                if keep[j]:
                    key = (words[i], words[j])
                    cm[key] = cm.get(key, 0) + 1
    adjacent: dict = {}  # node → [(neighbour, weight)], in jieba's order of addEdge
    for (a, b), w in cm.items():
        adjacent.setdefault(a, []).append((b, w))
        adjacent.setdefault(b, []).append((a, w))
    nodes = list(adjacent)
    order = sorted(nodes)
    index = {node: k for k, node in enumerate(order)}
    out_sum = [sum((w for _, w in adjacent[node]), 0.0) for node in order]
    coef = [[(index[b], w / out_sum[index[b]]) for b, w in adjacent[node]] for node in order]
    d = 0.85
    ws = [1.0 / (len(nodes) or 1.0)] * len(order)
    for _ in range(10):
        for k, edges in enumerate(coef):
            total = 0
            for j, c in edges:
                total += c * ws[j]
            ws[k] = (1 - d) + d * total
    lo, hi = sys.float_info[0], sys.float_info[3]
    for w in ws:
        lo, hi = min(lo, w), max(hi, w)
    ranked = [(node, (ws[index[node]] - lo / 10.0) / (hi - lo / 10.0)) for node in nodes]
    return sorted(ranked, key=lambda kv: kv[1], reverse=True)[:top_n]


KEYWORD_COLUMNS = ["report_id", "method", "rank", "term", "weight"]


def _keyword_frame(rows: list) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS).astype(
        {"report_id": "str", "method": "str", "rank": "int64", "term": "str", "weight": "float64"})


_LAST_ITEMS: list = [None, None, []]  # sentences, tokens, their items: the last report's


def _report_items(tables: dict) -> list:
    """:func:`_precut_items` of one report's tables, made once for the two per-report steps that
    need them (TextRank, TF-IDF counts), which run one after the other on the same tables."""
    sentences, tokens = tables["sentences"], tables["tokens"]
    if _LAST_ITEMS[0] is not sentences or _LAST_ITEMS[1] is not tokens:
        items = list(_precut_items(texts_from_sentences(sentences),
                                   tokens[["report_id", "start", "token"]], sentences))
        _LAST_ITEMS[:] = [sentences, tokens, items]  # (holding them: no id is reused meanwhile)
    return _LAST_ITEMS[2]


def jieba_textrank_table(report, tables: dict) -> pd.DataFrame:
    """The TextRank rows of ``jieba_keywords`` for one report: a per-report step of the build (the
    internal table ``_textrank``), so it runs in the worker processes and is cached with the
    report; :func:`corpus_tables` joins them with the TF-IDF rows, which need the corpus's IDF.
    The same rows as :func:`jieba_keywords` (method ``textrank``), from the report's tokens
    without segmenting its text again.

    Columns: report_id, method, rank, term, weight.
    """
    return _keyword_frame(_keyword_rows(_report_items(tables), None, methods=("textrank",)))


def jieba_tfidf_counts_table(report, tables: dict) -> pd.DataFrame:
    """What jieba's TF-IDF counts in one report (an internal per-report step of the build; the
    weights need the corpus's IDF and are made by :func:`corpus_tables`): each term that jieba's
    ``extract_tags`` would count, with its count, in order of first occurrence (which decides
    ties at the top-n cut, as in jieba).

    Columns: report_id, term, n.
    """
    import jieba.analyse

    items = _report_items(tables)
    base = _ContentCut(default_tokenizer(), load_stopwords(DEFAULT_TIERS), MIN_CHARS)
    stop = set(jieba.analyse.TFIDF.STOP_WORDS) | set(base.stop)  # as _keyword_rows gives jieba
    rows: dict[str, list] = {"report_id": [], "term": [], "n": []}
    for report_id, text, *precut in items:
        content = _PrecutContent(base, precut[0]) if precut and precut[0] is not None else base
        freq: dict[str, int] = {}
        for w in content.cut(text):  # jieba's extract_tags filter
            if len(w.strip()) < 2 or w.lower() in stop:
                continue
            freq[w] = freq.get(w, 0) + 1
        rows["report_id"] += [report_id] * len(freq)
        rows["term"] += list(freq)
        rows["n"] += list(freq.values())
    return pd.DataFrame(rows).astype({"report_id": "str", "term": "str", "n": "int64"})


def jieba_tfidf_rows(counts: pd.DataFrame, idf: pd.Series, top_n: int = 50) -> pd.DataFrame:
    """The TF-IDF rows of :func:`jieba_keywords` from :func:`jieba_tfidf_counts_table` rows (of any
    number of reports), computed as jieba computes them: weight = n × (idf ÷ the report's total
    count), with the idf as jieba reads it from :func:`_idf_file` (six decimals; terms not in it
    get the median), the top ``top_n`` by weight (ties in order of first occurrence), then ordered
    by weight and term.

    Columns: report_id, method, rank, term, weight.
    """
    idf_freq, median = _jieba_idf(idf)
    if not len(counts):
        return _keyword_frame([])
    df = counts.reset_index(drop=True)
    n = df["n"].to_numpy("float64")
    code = pd.factorize(df["report_id"])[0]
    total = np.bincount(code, weights=n)  # sums of whole numbers: exact, as jieba's float sum
    idf_of = np.array([idf_freq.get(t, median) for t in df["term"].tolist()], dtype="float64")
    weight = n * (idf_of / total[code])
    pos = np.arange(len(df))
    first = np.lexsort((pos, -weight, code))  # by report, weight down, first occurrence
    top = first[pd.Series(code[first]).groupby(code[first]).cumcount().to_numpy() < top_n]
    out = pd.DataFrame({"report_id": df["report_id"].to_numpy()[top], "method": "tfidf",
                        "term": df["term"].to_numpy()[top], "weight": weight[top],
                        "code": code[top]})
    out = out.sort_values(["code", "weight", "term"], ascending=[True, False, True], kind="stable")
    out["rank"] = out.groupby("code").cumcount() + 1
    return _keyword_frame(out[KEYWORD_COLUMNS].reset_index(drop=True))


def _jieba_idf(idf: pd.Series) -> tuple[dict, float]:
    """The idf as jieba's TFIDF reads it from the file :func:`_idf_file` writes: terms without a
    space, values rounded to six decimals; the median is jieba's (the middle of the sorted values)."""
    freq = {t: float(f"{v:.6f}") for t, v in idf.items() if " " not in t} or {"的": 0.0}
    return freq, sorted(freq.values())[len(freq) // 2]


def _precut_items(texts: dict[str, str], tokens, sentences=None):
    """(report_id, text, tokens, their offsets) by report_id, or (report_id, text, None) where the
    text must be segmented again: a text's tokens from the tokens table where
    segmenting the whole text gives exactly them. jieba segments each maximal run of its word
    characters (``jieba.re_han_default``) on its own and every other character alone, and the
    tokens table segments each sentence; so the two agree when no run goes from one sentence into
    the next (the text between sentences is newlines). That is checked for every report, with
    the sentences table, and so is that each token sits at its offset in the text; a report that
    fails either check is segmented again."""
    if tokens is None or sentences is None or not len(tokens):
        yield from ((rid, text, None) for rid, text in sorted(texts.items()))
        return
    import jieba

    joins_of = _sentence_joins(sentences)
    codes, uniques = pd.factorize(tokens["report_id"])
    cuts = np.flatnonzero(np.diff(codes)) + 1
    spans: dict = {}
    for code, a, b in zip(codes[np.r_[0, cuts]], np.r_[0, cuts], np.r_[cuts, len(codes)]):
        rid = uniques[code]
        spans[rid] = None if rid in spans else (int(a), int(b))  # not contiguous: segment again
    starts = tokens["start"].to_numpy()
    token_col = tokens["token"]
    word_char = jieba.re_han_default
    for rid, text in sorted(texts.items()):
        span = spans.get(rid)
        joins = joins_of.get(rid)
        if span is None or joins is None:
            yield rid, text, None
            continue
        a, b = span
        st = starts[a:b].tolist()
        words = token_col.iloc[a:b].tolist()
        ok = all(x < y for x, y in zip(st, st[1:])) \
            and all(text.startswith(w, i) for w, i in zip(words, st)) \
            and not any(0 < j < len(text) and word_char.match(text[j - 1])
                        and word_char.match(text[j]) for j in joins)
        yield (rid, text, words, st) if ok else (rid, text, None)


def _sentence_joins(sentences: pd.DataFrame) -> dict:
    """report_id → offsets where one sentence ends and the next begins; None for a report whose
    sentences overlap."""
    out: dict = {}
    rows = sorted(zip(*_lists(sentences, ["report_id", "start", "end"])))
    prev_rid, prev_end = None, None
    for rid, start, end in rows:
        if rid != prev_rid:
            out[rid] = []
        elif out[rid] is not None:
            if start < prev_end:
                out[rid] = None
            elif start == prev_end:
                out[rid].append(start)
        prev_rid, prev_end = rid, end
    return out


def texts_from_sentences(sentences: pd.DataFrame) -> dict[str, str]:
    """The normalised text of each report, rebuilt from its sentences (gaps become newlines), so
    that offsets in the sentences table point into it."""
    texts = {}
    for report_id, df in sentences.groupby("report_id", sort=True):
        n = int(df["end"].max()) if len(df) else 0
        chars = ["\n"] * n
        for s, e, t in zip(df["start"], df["end"], df["text"]):
            chars[s:e] = list(t)
        texts[report_id] = "".join(chars)
    return texts


def corpus_tables(tables: dict, reports: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Corpus-wide tables: ``tfidf_reports`` (reports as documents) and ``jieba_keywords``
    (jieba's TF-IDF with an IDF over the corpus's sections, and the TextRank rows that the
    per-report step made; by report, method and rank)."""
    out = {}
    has_tf = "term_frequencies" in tables
    if has_tf:
        out["tfidf_reports"] = tfidf_reports(_scope_rows(tables, "report", ["report_id", "term", "n"]))
    if "_tfidf_counts" in tables:
        if has_tf:  # the same idf, without loading the whole tokens table
            idf = _section_idf_from_counts(_scope_rows(tables, "section", ["term"]),
                                           _n_sections(tables))
        else:
            idf = section_idf(tables["tokens"], tiers=DEFAULT_TIERS)
        parts = [jieba_tfidf_rows(tables["_tfidf_counts"], idf)]
        if "_textrank" in tables:
            parts.append(tables["_textrank"])
        kw = pd.concat(parts, ignore_index=True)
        order = kw.assign(m=kw["method"].map({"tfidf": 0, "textrank": 1}))  # as jieba_keywords
        order = order.sort_values(["report_id", "m", "rank"], kind="stable").index
        out["jieba_keywords"] = _keyword_frame(kw.loc[order].reset_index(drop=True))
    return out


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


# --- themes -----------------------------------------------------------------------------------------

def load_themes() -> pd.DataFrame:
    """``resources/themes.csv``: theme, theme_zh, theme_en, term, note (one row per theme and term)."""
    df = read_resource_csv("themes.csv").copy()
    df["term"] = df["term"].str.strip()
    return df[df["term"] != ""].reset_index(drop=True)


def find_terms(sentences: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """Every occurrence of the terms as substrings of the sentences' text.

    Leftmost-longest, without overlap: where 乡村振兴示范片区 and 乡村振兴 are both terms, the
    longer one is counted once, not both. Matches stay within a sentence.
    Columns: report_id, part_no, section_no, sentence_no, term, start, end (offsets into the
    normalised text).
    """
    terms = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    cols = ["report_id", "part_no", "section_no", "sentence_no", "term", "start", "end"]
    if not terms:
        return pd.DataFrame(columns=cols)
    pattern = re.compile("|".join(map(re.escape, terms)))
    rows = []
    for r in sentences.itertuples(index=False):
        for m in pattern.finditer(r.text):
            rows.append((r.report_id, r.part_no, r.section_no, r.sentence_no, m.group(0),
                         r.start + m.start(), r.start + m.end()))
    return pd.DataFrame(rows, columns=cols).astype(
        {"part_no": "int64", "section_no": "int64", "sentence_no": "int64", "start": "int64", "end": "int64"})


def count_mentions(sentences: pd.DataFrame, terms: Iterable[str], scope="report") -> pd.DataFrame:
    """How often each term occurs in the text (substrings, :func:`find_terms`), by report, part or
    section: 营商环境 inside 优化营商环境 counts here, while in :func:`count_terms` it counts
    only where segmentation made it a token of its own.

    Columns: report_id, scope, part_no, section_no (``<NA>`` where the scope is coarser), term, n
    (terms that do not occur are left out).
    """
    hits = find_terms(sentences, terms)
    out = []
    for s in _scopes(scope):
        keys = ["report_id"] + SCOPES[s]
        df = hits.groupby(keys + ["term"], sort=True).size().rename("n").reset_index()
        df = df.sort_values(keys + ["n", "term"], ascending=[True] * len(keys) + [False, True])
        out.append(_with_scope_columns(df, s)[["report_id", "scope", "part_no", "section_no", "term", "n"]])
    return pd.concat(out, ignore_index=True).astype({"n": "int64"})


def theme_attention_table(report, tables: dict) -> pd.DataFrame:
    """Built table ``theme_attention``: :func:`count_themes` of the report. Columns as there."""
    return count_themes(tables["sentences"], tables["tokens"])


def theme_labels(themes: pd.DataFrame | None = None, lang: str = "zh") -> dict[str, str]:
    """theme → its label in ``lang`` (zh or en)."""
    themes = load_themes() if themes is None else themes
    col = {"zh": "theme_zh", "en": "theme_en"}[lang]
    return dict(themes.drop_duplicates("theme")[["theme", col]].itertuples(index=False, name=None))


# --- KWIC -------------------------------------------------------------------------------------------

def kwic(data, term, window: int = 15, *, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (a string or a list of strings, matched
    leftmost-longest) with ``window`` characters of context either side.

    ``data``: a sentences table (one or more reports; the context is read from ``texts``, e.g.
    ``{rid: load_text(rid)}``, else from the text rebuilt from the sentences), a text (str,
    report_id "text"), or a dict report_id → text. Line breaks in the context show as ¶.

    Columns: report_id, part_no, part, section_no, section, sentence_no (``<NA>`` / "" for a
    plain text), start, end (offsets into the normalised text: ``text[start:end] == keyword``),
    left, keyword, right.
    """
    terms = [term] if isinstance(term, str) else list(term)
    terms = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not terms:
        raise ValueError("kwic: give a non-empty term")
    pattern = re.compile("|".join(map(re.escape, terms)))
    sentences = None
    if isinstance(data, pd.DataFrame):
        sentences = data
        texts = dict(texts) if texts else texts_from_sentences(data)
    elif isinstance(data, str):
        texts = {"text": data}
    else:
        texts = dict(data)
    rows = []
    for report_id, text in sorted(texts.items()):
        sent = None
        if sentences is not None:
            sent = sentences[sentences["report_id"] == report_id].sort_values("start")
            if sent.empty:
                continue
        for m in pattern.finditer(text):
            s, e = m.span()
            row = {"report_id": report_id, "part_no": pd.NA, "part": "", "section_no": pd.NA,
                   "section": "", "sentence_no": pd.NA, "start": s, "end": e,
                   "left": text[max(0, s - window):s].replace("\n", "¶"), "keyword": m.group(0),
                   "right": text[e:e + window].replace("\n", "¶")}
            if sent is not None:
                i = int(np.searchsorted(sent["start"].to_numpy(), s, side="right")) - 1
                if i >= 0:
                    r = sent.iloc[i]
                    row.update(part_no=r["part_no"], part=r["part"], section_no=r["section_no"],
                               section=r["section"], sentence_no=r["sentence_no"])
            rows.append(row)
    df = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return df.astype({"part_no": "Int64", "section_no": "Int64", "sentence_no": "Int64",
                      "start": "int64", "end": "int64"})


# --- collocations -----------------------------------------------------------------------------------

def _xlogx_ratio(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(o / e), 0.0)


def score_bigrams(counts: pd.DataFrame, n_total: int | None = None) -> pd.DataFrame:
    """PMI and log-likelihood G² of bigram counts (columns word1, word2, n).

    The 2×2 table of each bigram (Evert 2005, *The Statistics of Word Cooccurrences*, §3.1):
    O11 = n; R1 = n_word1 (bigrams with word1 first); C1 = n_word2 (bigrams with word2 second);
    N = all bigrams; E11 = R1·C1/N (and likewise E12, E21, E22 from the margins).
    pmi = log2(O11 / E11) (Church & Hanks 1990);
    g2 = 2 Σ_ij O_ij ln(O_ij / E_ij) (Dunning 1993), with 0·ln 0 = 0.
    Returns a copy with n_word1, n_word2, expected (E11), pmi and g2 added.
    """
    df = counts.copy()
    n = float(df["n"].sum() if n_total is None else n_total)
    df["n_word1"] = df.groupby("word1")["n"].transform("sum")
    df["n_word2"] = df.groupby("word2")["n"].transform("sum")
    o11 = df["n"].to_numpy(float)
    r1, c1 = df["n_word1"].to_numpy(float), df["n_word2"].to_numpy(float)
    o12, o21 = r1 - o11, c1 - o11
    o22 = n - r1 - c1 + o11
    r2, c2 = n - r1, n - c1
    e11, e12, e21, e22 = r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n
    df["expected"] = e11
    df["pmi"] = np.log2(o11 / e11)
    df["g2"] = 2 * (_xlogx_ratio(o11, e11) + _xlogx_ratio(o12, e12) + _xlogx_ratio(o21, e21)
                    + _xlogx_ratio(o22, e22))
    return df


def collocations_table(report, tables: dict) -> pd.DataFrame:
    """Built table ``collocations``: :func:`count_collocations` with n >= 2 (a county report has
    about 10,000 characters, and the user dictionary already keeps most fixed phrases whole: at
    n >= 3 a single pair is left in the 2024 report). Columns as there."""
    return count_collocations(tables["tokens"], min_n=2)


# --- helpers for the figures ------------------------------------------------------------------------

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


def term_matrix(term_frequencies: pd.DataFrame, report_id: str, *, scope: str = "section",
                top_n: int = 20, value: str = "per_10k_chars") -> pd.DataFrame:
    """The report's ``top_n`` terms (by whole-report rank) × its parts or sections, for a heatmap.

    Index: (part_no, section_no) for sections, part_no for parts (every one that has a counted
    term, in order); columns: the terms, most frequent first; values: ``value`` (0 where the term
    is absent).
    """
    tf = term_frequencies[term_frequencies["report_id"] == report_id]
    top = (tf[tf["scope"] == "report"].sort_values(["rank", "term"])["term"].head(top_n).tolist())
    keys = SCOPES[scope]
    scoped = tf[tf["scope"] == scope]
    index = pd.MultiIndex.from_frame(scoped[keys].drop_duplicates().sort_values(keys).astype("int64")) \
        if len(keys) > 1 else pd.Index(sorted(scoped[keys[0]].unique().astype("int64")), name=keys[0])
    sub = scoped[scoped["term"].isin(top)].astype({k: "int64" for k in keys})
    wide = sub.pivot_table(index=keys, columns="term", values=value, aggfunc="sum", fill_value=0)
    return wide.reindex(index=index, columns=top, fill_value=0)


def term_dispersion(sentences: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """Where in each report the terms occur (substring matches, :func:`find_terms`), for a
    dispersion plot. Columns: report_id, part_no, section_no, sentence_no, term, start, end,
    relative_position (start / length of the report's text, 0–1)."""
    hits = find_terms(sentences, terms)
    length = sentences.groupby("report_id")["end"].max()
    hits["relative_position"] = hits["start"] / hits["report_id"].map(length)
    return hits


def part_spans(sentences: pd.DataFrame) -> pd.DataFrame:
    """Where each part starts and ends. Columns: report_id, part_no, part, start, end,
    relative_start, relative_end (shares of the report's text)."""
    g = sentences.groupby(["report_id", "part_no", "part"], as_index=False).agg(
        start=("start", "min"), end=("end", "max"))
    length = g.groupby("report_id")["end"].transform("max")
    return g.assign(relative_start=g["start"] / length, relative_end=g["end"] / length)


def count_text(text: str, *, report_id: str = "text", year: int | None = None, tokenizer=None,
               **count_kwargs) -> pd.DataFrame:
    """Term frequencies of a whole text (a string), as :func:`count_terms` with scope report."""
    from .corpus import infer_years, report_from_text, sentences_table
    from .tokenize import tokens_from_sentences

    # the year only labels the report; counts do not depend on it
    report = report_from_text(text, report_id=report_id, year=year or infer_years(text)[0] or 1)
    tokens = tokens_from_sentences(sentences_table(report), tokenizer)
    return count_terms(tokens, scope="report", **count_kwargs)



# --- the counts in plain Python ---------------------------------------------------------------------
# The counting functions above are small-frame pandas code: on one report (a few thousand tokens)
# pandas' fixed cost per operation dominates. The public functions below compute the same tables
# (same rows, order, values and dtypes; floats by the same operations) with dicts and lists and
# build each DataFrame once. tests/keywords_reference.py keeps the pandas versions they replaced,
# and tests/test_keywords.py checks that both give the same tables.

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


_PATTERNS: dict = {}


def _terms_pattern(terms: tuple):
    pattern = _PATTERNS.get(terms)
    if pattern is None:
        pattern = _PATTERNS[terms] = re.compile("|".join(map(re.escape, terms)))
    return pattern


def count_themes(sentences: pd.DataFrame, tokens: pd.DataFrame, themes: pd.DataFrame | None = None,
                 scope=("report", "part", "section")) -> pd.DataFrame:
    """Attention to each theme by report, part and section, counted two ways.

    ``n_tokens``: tokens equal to a term of the theme (what segmentation gives);
    ``n_substrings``: occurrences of its terms in the text (:func:`find_terms`), so a term that
    segmentation splits is still counted. A term listed under two themes counts for both.
    ``share_*`` = the theme's count / the sum over themes in that scope (add up to 1 over the
    themes; NaN in a scope without any theme term). ``per_10k_chars`` uses the substring count.

    Columns: report_id, scope, part_no, section_no, theme, theme_zh, theme_en, n_tokens,
    n_substrings, share_tokens, share_substrings, per_10k_chars. Every theme appears in every
    scope (zeros included), in the order of the themes file.
    """
    themes = load_themes() if themes is None else themes
    scopes_ = _scopes(scope)
    if not len(tokens) or not scopes_ or not len(themes):
        return _empty(THEME_COLUMNS)
    labels = themes.drop_duplicates("theme")[["theme", "theme_zh", "theme_en"]]
    label_rows = list(zip(*_lists(labels, ["theme", "theme_zh", "theme_en"])))
    term_themes: dict = {}
    for term, theme in dict.fromkeys(zip(*_lists(themes, ["term", "theme"]))):
        term_themes.setdefault(term, []).append(theme)
    sub_terms = tuple(sorted({t for t in term_themes if t}, key=lambda t: (-len(t), t)))
    pattern = _terms_pattern(sub_terms) if sub_terms else None
    chars3, tok3 = _section_counts(tokens, [t in term_themes for t in tokens["token"].tolist()])
    n_tok3: dict = {}
    for (key, token), n in tok3.items():
        for theme in term_themes[token]:
            n_tok3[(key, theme)] = n_tok3.get((key, theme), 0) + n
    n_sub3: dict = {}  # (section, theme) → substring matches
    if pattern is not None:
        for key, text in zip(zip(*_lists(sentences, ["report_id", "part_no", "section_no"])),
                             sentences["text"].tolist()):
            for m in pattern.finditer(text):
                for theme in term_themes[m.group(0)]:
                    n_sub3[(key, theme)] = n_sub3.get((key, theme), 0) + 1
    out = []
    for s in scopes_:
        keys = ["report_id"] + SCOPES[s]
        width = len(keys)
        chars = _roll_up(chars3, width)
        n_tok: dict = {}
        for (key, theme), n in n_tok3.items():
            n_tok[(key[:width], theme)] = n_tok.get((key[:width], theme), 0) + n
        n_sub: dict = {}
        for (key, theme), n in n_sub3.items():
            n_sub[(key[:width], theme)] = n_sub.get((key[:width], theme), 0) + n
        scope_keys = sorted(chars)  # the reference sorts by the keys (unique per scope)
        grid = [(key, lab) for key in scope_keys for lab in label_rows]
        nt = [n_tok.get((key, lab[0]), 0) for key, lab in grid]
        ns = [n_sub.get((key, lab[0]), 0) for key, lab in grid]
        tot_t: dict = {}
        tot_s: dict = {}
        for (key, _), a, b in zip(grid, nt, ns):
            tot_t[key] = tot_t.get(key, 0) + a
            tot_s[key] = tot_s.get(key, 0) + b
        share_t = [a / float(tot_t[key]) if tot_t[key] > 0 else np.nan for (key, _), a in zip(grid, nt)]
        share_s = [b / float(tot_s[key]) if tot_s[key] > 0 else np.nan for (key, _), b in zip(grid, ns)]
        per10k = [b / chars[key] * 10_000 for (key, _), b in zip(grid, ns)]
        cols = _scope_frame(s, keys, [key for key, _ in grid],
                            {"report_id": tokens["report_id"].dtype})
        for j, col in enumerate(("theme", "theme_zh", "theme_en")):
            cols[col] = pd.Series([lab[j] for _, lab in grid], dtype=labels[col].dtype)
        cols["n_tokens"] = pd.Series(nt, dtype="int64")
        cols["n_substrings"] = pd.Series(ns, dtype="int64")
        cols["share_tokens"] = pd.Series(share_t, dtype="float64")
        cols["share_substrings"] = pd.Series(share_s, dtype="float64")
        cols["per_10k_chars"] = pd.Series(per10k, dtype="float64")
        out.append(pd.DataFrame(cols, columns=THEME_COLUMNS))
    return pd.concat(out, ignore_index=True)


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
    """:func:`score_bigrams`' arithmetic on arrays (the same operations, so the same floats)."""
    o11 = o.astype(float)
    r1, c1 = r.astype(float), c.astype(float)
    o12, o21 = r1 - o11, c1 - o11
    o22 = n - r1 - c1 + o11
    r2, c2 = n - r1, n - c1
    e11, e12, e21, e22 = r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n
    return {"expected": e11, "pmi": np.log2(o11 / e11),
            "g2": 2 * (_xlogx_ratio(o11, e11) + _xlogx_ratio(o12, e12) + _xlogx_ratio(o21, e21)
                       + _xlogx_ratio(o22, e22))}
