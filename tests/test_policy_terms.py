"""Policy terms of the whole corpus come out whole (issue 16).

``tests/data/policy_terms.csv`` lists the terms of the user dictionary's policy sections (A–J) and
slogans of jieba's own dictionary (改革开放, 宏观调控, 人民公社 …) that occur in at least three
texts of the development corpus (``tests/data/corpus``: the national reports 1954–2025 and 41
county texts), with where they occur. Each term with an empty ``excluded_reason`` must come out
as a whole token in every corpus text that contains it: its token count equals its substring
count, less the occurrences that sit inside a longer dictionary word (乡村振兴 inside
乡村振兴示范片区). The excluded rows were read in context and are strings whose occurrences are
not (all) the term (高企 in 提高企业) or where two dictionary readings overlap (科技/创新主体);
the reason is written beside each.
"""
from __future__ import annotations

import bisect
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def corpus_spans(tokenizer):
    from juye_analysis.words.propose import corpus_texts
    from juye_analysis.words.tokenizer import tokenize_spans

    texts = corpus_texts([DATA / "corpus"])
    return {k: (t, tokenize_spans(t, tokenizer)) for k, t in texts.items()}


def _policy_terms() -> pd.DataFrame:
    return pd.read_csv(DATA / "policy_terms.csv", dtype=str, keep_default_na=False)


def count_ways(text: str, spans, term: str) -> tuple[int, int, int]:
    """(substrings, whole tokens, inside a longer token) of ``term`` in ``text``; substrings are
    found left to right without overlap."""
    starts = [s for _, s, _ in spans]
    n_sub = n_tok = n_inside = 0
    pos = text.find(term)
    while pos >= 0:
        n_sub += 1
        j = bisect.bisect_right(starts, pos) - 1
        tok, s, e = spans[j] if j >= 0 else ("", -1, -1)
        if s == pos and e == pos + len(term):
            n_tok += 1
        elif s <= pos and e >= pos + len(term):
            n_inside += 1
        pos = text.find(term, pos + len(term))
    return n_sub, n_tok, n_inside


def test_the_list_has_200_terms_from_many_texts_national_and_county():
    terms = _policy_terms()
    tested = terms[terms["excluded_reason"] == ""]
    assert len(tested) >= 200
    assert tested["term"].is_unique
    assert (tested["n_texts"].astype(int) >= 3).all()
    assert (tested["n_national"].astype(int) > 0).sum() >= 100
    assert (tested["n_county"].astype(int) > 0).sum() >= 100


def test_count_ways_on_a_hand_made_text():
    spans = [("乡村振兴", 0, 4), ("，", 4, 5), ("乡村振兴示范片区", 5, 13), ("乡村", 13, 15), ("振兴", 15, 17)]
    text = "乡村振兴，乡村振兴示范片区乡村振兴"
    assert count_ways(text, spans, "乡村振兴") == (3, 1, 1)  # the last one is cut: 3 ≠ 1 + 1


def test_every_policy_term_is_a_whole_token_wherever_it_occurs(corpus_spans):
    terms = _policy_terms()
    failures = []
    for term in terms.loc[terms["excluded_reason"] == "", "term"]:
        for name, (text, spans) in corpus_spans.items():
            if term not in text:
                continue
            n_sub, n_tok, n_inside = count_ways(text, spans, term)
            if n_tok != n_sub - n_inside or n_tok + n_inside == 0:
                failures.append(f"{term} in {name}: {n_sub} substrings, {n_tok} tokens, {n_inside} inside longer words")
    assert not failures, "\n".join(failures[:30])


def test_the_excluded_rows_say_why():
    terms = _policy_terms()
    excluded = terms[terms["excluded_reason"] != ""]
    assert excluded["excluded_reason"].str.len().gt(10).all()
