"""Policy themes (``resources/themes.csv``): their terms found in the tokens and as substrings,
counted per report, part and section (``theme_attention``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
import numpy as np
import pandas as pd
from .. import resource_files as resources
from .scopes import SCOPES, _empty, _scopes, _with_scope_columns
from .counts import _lists, _roll_up, _scope_frame, _section_counts


THEME_COLUMNS = ["report_id", "scope", "part_no", "section_no", "theme", "theme_zh", "theme_en",
                 "n_tokens", "n_substrings", "share_tokens", "share_substrings", "per_10k_chars"]


def load_themes() -> pd.DataFrame:
    """``resources/themes.csv``: theme, theme_zh, theme_en, term, note (one row per theme and term)."""
    return resources.themes().copy()


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
