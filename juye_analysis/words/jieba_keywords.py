"""jieba's own keyword extraction (TF-IDF with an IDF from our corpus, and TextRank), computed
from our tokens exactly as jieba would.
"""
from __future__ import annotations

import hashlib
import numpy as np
import pandas as pd
from .tokenizer import _import_jieba, default_tokenizer
from .stopwords import DEFAULT_TIERS, MIN_CHARS, load_stopwords
from .counts import _lists
from .jieba_pos import TEXTRANK_POS, _ContentCut, _PrecutContent, _pos_tokenizer, _posseg_pairs, _textrank



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
    from ..paths import cache_dir

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
