"""Term trends (issue 13): how often chosen terms and the dictionary's themes occur in each
report, per 10,000 characters, with the text length beside the count and the dictionary that
made the tokens (``term_trends``).

A term that is a dictionary word (of ``userdict.txt``, of the stopword list added to it, or of
jieba's own dictionary) is counted as whole tokens, which equals its substring count wherever it
does not sit inside a longer dictionary word (``tests/test_trends.py`` shows it); any other
string is counted as a substring of the sentences' text (``counted_as`` says which). A theme's
count is the number of tokens equal to one of its terms (``n_tokens`` of ``theme_attention``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from .. import resource_files as resources


TREND_COLUMNS = ["report_id", "jurisdiction", "level", "report_year", "kind", "term", "term_zh",
                 "counted_as", "n", "n_chars", "per_10k_chars", "dictionary_version"]


def default_trend_terms() -> list[str]:
    """The default list of terms (``resources/trend_terms.csv``), in the file's order."""
    return list(resources.trend_terms()["term"])


def _dictionary_words(tokenizer) -> set:
    from .tokenizer import default_tokenizer

    tk = default_tokenizer() if tokenizer is None else tokenizer
    return {w for w, f in tk.FREQ.items() if f} | set(getattr(tk, "juye_words", ()))


def count_term_trends(tokens: pd.DataFrame, reports: pd.DataFrame, terms: Iterable[str] | None = None,
                      themes: pd.DataFrame | None = None, *, sentences: pd.DataFrame | None = None,
                      tokenizer=None, dictionary_version: str | None = None,
                      count_as: str = "auto") -> pd.DataFrame:
    """Count each term and each theme in each report.

    ``tokens``: a tokens table (report_id, token); ``reports``: the reports table (report_id,
    jurisdiction, level, report_year, n_chars); ``terms``: any list (default
    :func:`default_trend_terms`); ``themes``: a themes table (default ``resources/themes.csv``;
    an empty frame for none); ``sentences`` (report_id, text): needed only for terms that are
    not dictionary words (counted as substrings, leftmost and without overlap); ``tokenizer``:
    the one that made the tokens (default the package's), which says what a dictionary word is;
    ``dictionary_version``: default :func:`juye_analysis.resource_files.userdict_version`;
    ``count_as``: ``auto`` (a dictionary word as tokens, another term as substrings) or
    ``substring`` (every term as substrings, so 脱贫 inside 脱贫攻坚 counts too; themes stay
    tokens).

    Columns: report_id, jurisdiction, level, report_year, kind (``term`` or ``theme``), term (the
    term, or the theme's key), term_zh (the term, or the theme's Chinese name), counted_as
    (``token`` or ``substring``), n, n_chars (characters of the report's normalised text),
    per_10k_chars (n / n_chars × 10,000), dictionary_version. One row per report and term and
    per report and theme, zeros included; reports in the order of ``reports``, terms in the
    order given, then the themes in the order of the themes file.
    """
    terms = list(dict.fromkeys(default_trend_terms() if terms is None else terms))
    themes = resources.themes() if themes is None else themes
    version = resources.userdict_version() if dictionary_version is None else dictionary_version
    if count_as not in ("auto", "substring"):
        raise ValueError(f"count_as {count_as!r}: use auto or substring")
    words = _dictionary_words(tokenizer) if count_as == "auto" else set()
    as_token = {t: t in words for t in terms}
    tok_counts = Counter(zip(tokens["report_id"].tolist(), tokens["token"].tolist()))
    sub_counts: Counter = Counter()
    substring_terms = [t for t in terms if not as_token[t]]
    if substring_terms:
        if sentences is None:
            raise ValueError(f"terms {substring_terms} are not dictionary words: pass sentences "
                             "to count them as substrings")
        for t in substring_terms:
            pattern = re.compile(re.escape(t))
            for rid, text in zip(sentences["report_id"].tolist(), sentences["text"].tolist()):
                sub_counts[(rid, t)] += len(pattern.findall(text))
    theme_rows = []
    if len(themes):
        labels = themes.drop_duplicates("theme")[["theme", "theme_zh"]].itertuples(index=False)
        members = themes.groupby("theme", sort=False)["term"].agg(lambda s: set(s)).to_dict()
        theme_rows = [(theme, zh, members[theme]) for theme, zh in labels]
    rows = []
    for r in reports.itertuples(index=False):
        rid, n_chars = r.report_id, int(r.n_chars)
        base = (rid, r.jurisdiction, r.level, int(r.report_year))
        for t in terms:
            n = tok_counts[(rid, t)] if as_token[t] else sub_counts[(rid, t)]
            rows.append(base + ("term", t, t, "token" if as_token[t] else "substring", n, n_chars))
        for theme, zh, members_ in theme_rows:
            n = sum(tok_counts[(rid, t)] for t in members_)
            rows.append(base + ("theme", theme, zh, "token", n, n_chars))
    df = pd.DataFrame(rows, columns=TREND_COLUMNS[:-2])
    df["per_10k_chars"] = (df["n"] / df["n_chars"].where(df["n_chars"] > 0) * 10_000).astype("float64")
    df["dictionary_version"] = version
    return df.astype({"n": "int64", "n_chars": "int64", "report_year": "int64"})[TREND_COLUMNS]


def term_trends_tables(tables, reports: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Corpus-wide table ``term_trends``: :func:`count_term_trends` of every report with the
    default terms and the themes. Columns as there."""
    read = getattr(tables, "read", None)
    tokens = read("tokens", columns=["report_id", "token"]) if read else tables["tokens"]
    sentences = read("sentences", columns=["report_id", "text"]) if read else tables["sentences"]
    return {"term_trends": count_term_trends(tokens, reports, sentences=sentences)}


def _log_odds_z(y_i: int, n_i: int, y_j: int, n_j: int, a_w: float, a_0: float) -> float:
    """Weighted log-odds ratio of a word in group i against group j with an informative Dirichlet
    prior (Monroe, Colaresi & Quinn 2008, eqs. 16 and 20): the log-odds difference over its
    standard deviation."""
    import math

    delta = (math.log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
             - math.log((y_j + a_w) / (n_j + a_0 - y_j - a_w)))
    return delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))


def top_terms_by_decade(texts: dict[int, str], tokenizer=None, top: int = 15, stopwords=None,
                        method: str = "frequency") -> pd.DataFrame:
    """The top terms of texts (report year → text) per decade (1950s = 1950–1959): tokens of two
    characters or more, not numbers or punctuation, not stopwords (default: the function and
    genre tiers), counted with ``tokenizer`` (default the package's).

    ``method``: ``frequency`` (the most frequent) or ``log_odds`` (the most distinctive of the
    decade against all other decades: weighted log-odds z-score, the prior being the whole
    corpus's counts; a term needs 5 occurrences in the decade).

    Columns: decade, rank (1 = top; ties broken by the term), term, n (count in the decade's
    texts), per_10k_chars (over the decade's characters), n_reports, score (n, or the z-score).
    """
    from .stopwords import load_stopwords
    from .tokenizer import tokenize_text
    from .tokens import is_number_like, is_punct_token

    if method not in ("frequency", "log_odds"):
        raise ValueError(f"method {method!r}: use frequency or log_odds")
    stop = load_stopwords() if stopwords is None else frozenset(stopwords)
    counts: dict = {}
    chars: Counter = Counter()
    n_reports: Counter = Counter()
    for year in sorted(texts):
        decade = year // 10 * 10
        chars[decade] += len(texts[year])
        n_reports[decade] += 1
        c = counts.setdefault(decade, Counter())
        for tok in tokenize_text(texts[year], tokenizer):
            if len(tok) >= 2 and tok not in stop and not is_number_like(tok) and not is_punct_token(tok):
                c[tok] += 1
    total: Counter = Counter()
    for c in counts.values():
        total.update(c)
    a_0 = sum(total.values())
    rows = []
    for decade in sorted(counts):
        c = counts[decade]
        if method == "frequency":
            scored = {t: float(n) for t, n in c.items()}
        else:
            n_i = sum(c.values())
            scored = {t: _log_odds_z(n, n_i, total[t] - n, a_0 - n_i, total[t], a_0)
                      for t, n in c.items() if n >= 5}
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        rows += [(decade, i, t, c[t], c[t] / chars[decade] * 10_000, n_reports[decade], score)
                 for i, (t, score) in enumerate(ranked, start=1)]
    return pd.DataFrame(rows, columns=["decade", "rank", "term", "n", "per_10k_chars", "n_reports", "score"])
