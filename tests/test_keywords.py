"""Term counts, tf-idf, themes, KWIC and collocations.

Tiny examples use a whitespace tokenizer on hand-made sentences, so their answers can be checked
by hand and do not depend on jieba; the real-report tests pin counts made by hand from the text.
"""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from juye_analysis.words.collocations import COLLOCATION_COLUMNS, count_collocations, score_bigrams
from juye_analysis.words.stopwords import DEFAULT_TIERS, load_stopwords
from juye_analysis.words.kwic import KWIC_COLUMNS, kwic
from juye_analysis.words.counts import TF_COLUMNS, count_terms
from juye_analysis.words.themes import THEME_COLUMNS, count_mentions, count_themes, find_terms, load_themes
from juye_analysis.words.tfidf import bind_tf_idf, section_idf, tfidf_reports, tfidf_sections_table
from juye_analysis.words.jieba_keywords import jieba_keywords, texts_from_sentences
from juye_analysis.words.matrix import term_dispersion, term_matrix
from juye_analysis.words.tokenizer import default_tokenizer, whitespace_tokenizer
from juye_analysis.words.tokens import tokens_from_sentences



def hand_sentences(*rows):
    """A sentences table from (part_no, section_no, text) rows, laid out one per line."""
    out, pos = [], 0
    for i, (part_no, section_no, text) in enumerate(rows, start=1):
        out.append({"report_id": "r", "sentence_no": i, "part_no": part_no, "part": f"P{part_no}",
                    "section_no": section_no, "section": f"S{section_no}" if section_no else "",
                    "start": pos, "end": pos + len(text), "text": text})
        pos += len(text) + 1
    return pd.DataFrame(out)


def ws_tokens(*rows):
    return tokens_from_sentences(hand_sentences(*rows), whitespace_tokenizer)


# --- tiny, hand-computable ----------------------------------------------------------------------

def test_counts_with_a_whitespace_tokenizer():
    tokens = ws_tokens((1, 1, "发展 产业 发展 的 2023 万亩 ，"), (1, 2, "产业 发展 我们"))
    tf = count_terms(tokens, scope=["report", "section"], stopwords={"的", "我们"})
    assert list(tf.columns) == TF_COLUMNS
    report = tf[tf["scope"] == "report"].set_index("term")
    # 发展 ×3, 产业 ×2; 的 and 我们 are stopwords, 2023 and 万亩 numbers, ， punctuation
    assert report["n"].to_dict() == {"发展": 3, "产业": 2}
    assert report["rank"].to_dict() == {"发展": 1, "产业": 2}
    # characters = length of all tokens: 2+2+2+1+4+2+1 + 2+2+2 = 20 → 3 per 20 chars = 1500 per 10k
    assert report.loc["发展", "per_10k_chars"] == pytest.approx(3 / 20 * 10_000)
    assert report["part_no"].isna().all() and report["section_no"].isna().all()
    s2 = tf[(tf["scope"] == "section") & (tf["section_no"] == 2)].set_index("term")
    assert s2["n"].to_dict() == {"产业": 1, "发展": 1}
    assert s2["rank"].tolist() == [1, 1]  # ties share the smallest rank
    assert s2["per_10k_chars"].tolist() == pytest.approx([1 / 6 * 10_000] * 2)


def test_extra_stopwords_and_min_chars():
    tokens = ws_tokens((1, 1, "发展 产业 新 县"))
    tf = count_terms(tokens, stopwords=set(), extra_stopwords=["产业"])
    assert tf["term"].tolist() == ["发展"]  # 新 and 县: single characters, below min_chars=2
    tf = count_terms(tokens, stopwords=set(), min_chars=1)
    assert sorted(tf["term"]) == sorted(["发展", "产业", "新", "县"])


def test_bind_tf_idf_by_hand():
    # Document A: x×2, y×1; document B: x×1, z×1 (tidytext's definitions, Silge & Robinson ch. 3):
    # tf = n / n in the document; idf = ln(2 documents / documents with the term); tf_idf = tf·idf
    tbl = pd.DataFrame({"document": ["A", "A", "B", "B"], "term": ["x", "y", "x", "z"], "n": [2, 1, 1, 1]})
    out = bind_tf_idf(tbl, "term", "document", "n").set_index(["document", "term"])
    assert list(out.columns) == ["n", "tf", "idf", "tf_idf"]
    assert out.loc[("A", "x"), "tf"] == pytest.approx(2 / 3)
    assert out.loc[("A", "x"), "idf"] == 0  # in both documents: ln(2/2)
    assert out.loc[("A", "y"), "tf_idf"] == pytest.approx(1 / 3 * math.log(2))
    assert out.loc[("B", "z"), "tf_idf"] == pytest.approx(1 / 2 * math.log(2))
    # several columns as the document
    tbl2 = tbl.assign(part=1, section=tbl["document"].map({"A": 1, "B": 2})).drop(columns="document")
    out2 = bind_tf_idf(tbl2, "term", ["part", "section"], "n")
    assert out2["tf_idf"].tolist() == pytest.approx(out["tf_idf"].tolist())


def test_score_bigrams_by_hand():
    # Bigrams: (a,b)×3, (a,c)×1, (d,b)×1, (e,f)×1; N = 6. For (a,b): O11 = 3, R1 = 4 (a first),
    # C1 = 4 (b second); E11 = 4·4/6 = 8/3, E12 = 4·2/6 = 4/3, E21 = 2·4/6 = 4/3, E22 = 2·2/6 = 2/3;
    # O12 = 1, O21 = 1, O22 = 6 − 4 − 4 + 3 = 1.
    # pmi = log2(3 / (8/3)) = log2(9/8)  (Church & Hanks 1990)
    # G² = 2·[3 ln(9/8) + 1 ln(3/4) + 1 ln(3/4) + 1 ln(3/2)]  (Dunning 1993; Evert 2005 §3.1)
    counts = pd.DataFrame({"word1": ["a", "a", "d", "e"], "word2": ["b", "c", "b", "f"], "n": [3, 1, 1, 1]})
    ab = score_bigrams(counts).set_index(["word1", "word2"]).loc[("a", "b")]
    assert ab["expected"] == pytest.approx(8 / 3)
    assert ab["pmi"] == pytest.approx(math.log2(9 / 8))
    g2 = 2 * (3 * math.log(9 / 8) + 2 * math.log(3 / 4) + math.log(3 / 2))
    assert ab["g2"] == pytest.approx(g2)
    assert g2 == pytest.approx(0.3669, abs=1e-4)


def test_collocations_are_neighbours_in_a_sentence():
    tokens = ws_tokens((1, 1, "营商 环境 优化 营商 环境"), (1, 1, "营商 的 环境"), (1, 1, "营商 环境 ， 营商 环境"))
    co = count_collocations(tokens, min_n=1, stopwords={"的"})
    assert list(co.columns) == COLLOCATION_COLUMNS
    pairs = dict(zip(co["bigram"], co["n"]))
    # 营商环境 four times; "营商 的 环境" is not a pair (a stopword between), nor is "环境 ， 营商"
    assert pairs == {"营商环境": 4, "环境优化": 1, "优化营商": 1}
    assert co.iloc[0]["bigram"] == "营商环境"
    assert count_collocations(tokens, min_n=2, stopwords={"的"})["bigram"].tolist() == ["营商环境"]


def test_theme_counts_tokens_and_substrings():
    themes = pd.DataFrame({"theme": ["rural", "rural", "reform"], "theme_zh": ["乡村", "乡村", "改革"],
                           "theme_en": ["Rural", "Rural", "Reform"],
                           "term": ["乡村振兴", "和美乡村", "营商环境"], "note": ""})
    # 乡村振兴 is one token in sentence 1 but split by the tokenizer in sentence 2
    segments = {"乡村振兴营商环境和美乡村": ["乡村振兴", "营商环境", "和美乡村"],
                "乡村振兴营商环境": ["乡村", "振兴", "营商环境"]}
    sentences = hand_sentences((1, 1, "乡村振兴营商环境和美乡村"), (2, 1, "乡村振兴营商环境"))
    tokens = tokens_from_sentences(sentences, segments.__getitem__)
    th = count_themes(sentences, tokens, themes)
    assert list(th.columns) == THEME_COLUMNS
    rep = th[th["scope"] == "report"].set_index("theme")
    assert rep["n_tokens"].to_dict() == {"rural": 2, "reform": 2}
    assert rep["n_substrings"].to_dict() == {"rural": 3, "reform": 2}
    assert rep["share_substrings"].to_dict() == pytest.approx({"rural": 0.6, "reform": 0.4})
    for _, g in th.groupby(["scope", "part_no", "section_no"], dropna=False):
        assert g["share_tokens"].sum() == pytest.approx(1)
        assert g["share_substrings"].sum() == pytest.approx(1)


def test_find_terms_is_leftmost_longest():
    s = hand_sentences((1, 1, "乡村振兴示范片区和乡村振兴"))
    hits = find_terms(s, ["乡村振兴", "乡村振兴示范片区"])
    assert hits["term"].tolist() == ["乡村振兴示范片区", "乡村振兴"]
    assert hits[["start", "end"]].values.tolist() == [[0, 8], [9, 13]]


def test_kwic_on_a_plain_text():
    text = "一是乡村振兴。\n二是营商环境，乡村振兴全面推进。"
    k = kwic(text, "乡村振兴", window=3)
    assert list(k.columns) == KWIC_COLUMNS
    assert k["start"].tolist() == [2, 15]
    assert all(text[s:e] == "乡村振兴" for s, e in zip(k["start"], k["end"]))
    assert k.iloc[0]["left"] == "一是" and k.iloc[0]["right"] == "。¶二"  # line break shown as ¶
    assert k.iloc[1]["left"] == "环境，"


# --- the real 2024 report ------------------------------------------------------------------------

# Counted by hand: `grep -o TERM` on data/raw/juye_2024_government_work_report.txt after removing
# line breaks, spaces and ** (`tr -d '\n *'`), checked by reading each occurrence. The raw file
# breaks 项目 once ("重点项\n\n目") and 建设 once ("启动建\n\n设"), which the normalisation joins:
# grep on the raw file gives 43 and 59.
HAND_SUBSTRING_COUNTS = {
    "乡村振兴": 9, "营商环境": 7, "高质量发展": 8, "高标准农田": 3, "和美乡村": 4, "双招双引": 2,
    "争先创优": 3, "专精特新": 3, "店小二": 2, "放管服": 1, "保交楼": 1, "项目": 44, "建设": 60,
}


@pytest.mark.parametrize("term,n", sorted(HAND_SUBSTRING_COUNTS.items()))
def test_substring_counts_match_the_hand_counts(sentences_2024, term, n):
    assert len(find_terms(sentences_2024, [term])) == n
    assert len(kwic(sentences_2024, term)) == n


# Token counts, by hand from the same occurrences: an occurrence inside a longer word of the user
# dictionary is that word's token, not the term's. 乡村振兴: 9 occurrences, 3 inside 乡村振兴示范片区
# and 1 inside 乡村振兴齐鲁样板 → 5. 高质量发展: 8, one inside 绿色低碳高质量发展 → 7. 营商环境: 7,
# 3 inside 优化营商环境, 1 inside 法治营商环境, 1 inside 营商环境监督员 → 2. 和美乡村 4, 双招双引 2,
# 高标准农田 3, 店小二 2: never inside a longer word.
HAND_TOKEN_COUNTS = {"乡村振兴": 5, "高质量发展": 7, "营商环境": 2, "和美乡村": 4, "双招双引": 2,
                     "高标准农田": 3, "店小二": 2}


def test_term_counts_match_the_hand_counts(tf_2024):
    report = tf_2024[tf_2024["scope"] == "report"].set_index("term")["n"]
    assert {t: report[t] for t in HAND_TOKEN_COUNTS} == HAND_TOKEN_COUNTS


def test_mentions_count_substrings(sentences_2024):
    m = count_mentions(sentences_2024, HAND_SUBSTRING_COUNTS, scope=["report", "part"])
    assert dict(zip(*m[m["scope"] == "report"][["term", "n"]].T.values)) == HAND_SUBSTRING_COUNTS
    part = m[(m["scope"] == "part") & (m["term"] == "乡村振兴")].set_index("part_no")["n"]
    assert part.to_dict() == {1: 6, 2: 3}  # 5 in the review sections + 1 in 存在的问题; 3 in the plan


def test_kwic_offsets_point_at_the_term(report_2024, sentences_2024):
    assert texts_from_sentences(sentences_2024)[report_2024.report_id] == report_2024.text
    k = kwic(sentences_2024, ["营商环境", "乡村振兴"], window=8, texts={report_2024.report_id: report_2024.text})
    assert len(k) == 7 + 9
    for row in k.itertuples():
        assert report_2024.text[row.start:row.end] == row.keyword
        assert report_2024.text[row.start - len(row.left):row.start].replace("\n", "¶") == row.left
        sent = sentences_2024.set_index("sentence_no").loc[row.sentence_no]
        assert sent["start"] <= row.start < sent["end"] and row.part_no == sent["part_no"]
    first = k.iloc[0]
    assert first["keyword"] == "乡村振兴" and first["part_no"] == 1 and first["section_no"] == 4


def test_stopwords_and_numbers_are_not_counted(tf_2024):
    terms = set(tf_2024["term"])
    assert not terms & load_stopwords(DEFAULT_TIERS)
    # a term with a digit is a dictionary name (4A级景区, 15分钟党群服务圈), never a number
    assert {t for t in terms if re.search(r"[0-9]", t)} <= default_tokenizer().juye_words
    for t in ("我们", "各位代表", "一是", "2023", "亿元", "万亩", "第一", "公里", "万平方米", "的", "和"):
        assert t not in terms, t


def test_section_counts_add_up_to_the_report(tf_2024):
    rep = tf_2024[tf_2024["scope"] == "report"].set_index("term")["n"]
    for scope in ("part", "section"):
        summed = tf_2024[tf_2024["scope"] == scope].groupby("term")["n"].sum()
        assert summed.sort_index().equals(rep.sort_index())


def test_theme_shares_add_up_to_one(sentences_2024, tokens_2024):
    th = count_themes(sentences_2024, tokens_2024)
    assert set(th["theme"]) == set(load_themes()["theme"])
    for _, g in th.groupby(["scope", "part_no", "section_no"], dropna=False):
        for col in ("tokens", "substrings"):
            if g[f"n_{col}"].sum():
                assert g[f"share_{col}"].sum() == pytest.approx(1)
            else:
                assert g[f"share_{col}"].isna().all()
    rep = th[th["scope"] == "report"]
    assert (rep["n_substrings"] > 0).all(), "every theme is present in the 2024 report"


def test_tfidf_sections_and_reports(report_2024, tokens_2024, tf_2024):
    tables = {"tokens": tokens_2024, "term_frequencies": tf_2024}
    ts = tfidf_sections_table(report_2024, tables)
    assert list(ts.columns) == ["report_id", "part_no", "section_no", "term", "n", "tf", "idf", "tf_idf", "rank"]
    n_sections = tf_2024[tf_2024["scope"] == "section"][["part_no", "section_no"]].drop_duplicates().shape[0]
    one = ts[ts["term"] == "放管服"]  # in one section only: idf = ln(number of sections)
    assert one["idf"].iloc[0] == pytest.approx(math.log(n_sections))
    tr = tfidf_reports(tf_2024)
    assert (tr["idf"] == 0).all()  # one report: every term in every document


def test_jieba_keywords_with_our_idf(report_2024, sentences_2024, tokens_2024, tokenizer):
    idf = section_idf(tokens_2024)
    texts = texts_from_sentences(sentences_2024)
    kw = jieba_keywords(texts, idf, top_n=20, tokenizer=tokenizer)
    assert list(kw.columns) == ["report_id", "method", "rank", "term", "weight"]
    assert set(kw["method"]) == {"tfidf", "textrank"}
    assert not set(kw["term"]) & load_stopwords(DEFAULT_TIERS)
    assert {t for t in kw["term"] if re.search(r"[0-9]", t)} <= tokenizer.juye_words
    again = jieba_keywords(texts, idf, top_n=20, tokenizer=tokenizer)
    pd.testing.assert_frame_equal(kw, again)


def test_figure_helpers(sentences_2024, tf_2024, report_2024):
    m = term_matrix(tf_2024, report_2024.report_id, top_n=10)
    top = tf_2024[tf_2024["scope"] == "report"].head(10)["term"].tolist()
    assert list(m.columns) == top
    d = term_dispersion(sentences_2024, ["乡村振兴"])
    assert len(d) == 9 and d["relative_position"].between(0, 1).all()


def test_identical_results_across_two_runs(sentences_2024, tokenizer):
    a = count_terms(tokens_from_sentences(sentences_2024, tokenizer), scope=["report", "section"])
    b = count_terms(tokens_from_sentences(sentences_2024, tokenizer), scope=["report", "section"])
    pd.testing.assert_frame_equal(a, b)


MIXED_TEXT = ("巨野县2024年政府工作报告\n一、2023年工作回顾\n全县GDP增长5.1%，5G基站建成120个，新增A级景区3处，"
              "PM2.5浓度下降8.2%。推进G327国道改造和COVID-19防控，R&D经费投入增长。\n"
              "二、2024年工作安排\n加快建设高标准农田5.1万亩，推动产业 升级。\n")


@pytest.mark.parametrize("which", ["report_2024", "mixed"])
def test_build_textrank_equals_jieba_posseg(which, report_2024, tmp_path):
    """The build's TextRank step reuses the report's tokens (no second segmentation, and no
    posseg): its rows equal jieba's TextRank over the text with jieba.posseg."""
    from juye_analysis.read.report import read_report
    from juye_analysis.read.structure import sentences_table
    from juye_analysis.words.jieba_keywords import jieba_textrank_table
    from juye_analysis.words.tokenizer import default_tokenizer
    from juye_analysis.words.tokens import tokens_table

    if which == "mixed":
        path = tmp_path / "mixed.txt"
        path.write_text(MIXED_TEXT, encoding="utf-8")
        report = read_report(path, meta={"report_id": "mixed", "county": "巨野县"})
    else:
        report = report_2024
    tables = {"sentences": sentences_table(report)}
    tables["tokens"] = tokens_table(report, tables)
    got = jieba_textrank_table(report, tables)
    texts = texts_from_sentences(tables["sentences"])
    idf = pd.Series({"发展": 1.0}, name="idf")
    # the tokenizer the build used (a session fixture may hold one made before a test emptied
    # the package's caches)
    want = jieba_keywords(texts, idf, tokenizer=default_tokenizer())
    want = want[want["method"] == "textrank"].reset_index(drop=True)
    assert len(got) > 3
    pd.testing.assert_frame_equal(got, want)


def test_posseg_pairs_leave_words_with_dash_or_percent_to_posseg():
    """posseg splits its text at - and %, the tokenizer does not: a dictionary word such as
    COVID-19 makes the TextRank step segment with posseg instead of reusing the tokens."""
    from juye_analysis.words.jieba_pos import _posseg_pairs

    assert _posseg_pairs("推进COVID-19防控", ["推进", "COVID-19", "防控"], [0, 2, 10], {}) is None
    pairs = _posseg_pairs("推进 防控", ["推进", "防控"], [0, 3], {"推进": "v", "防控": "vn"})
    assert pairs == [("推进", "v"), (" ", "x"), ("防控", "vn")]


def test_notebook_02_states_the_collocation_threshold_the_build_uses():
    """Issue 14: notebook 02 said "at least 3 times" over a table built with n >= 2."""
    import json
    import re

    from juye_analysis.paths import NOTEBOOKS
    from juye_analysis.words.collocations import BUILD_MIN_N

    nb = json.loads((NOTEBOOKS / "02_keyword_frequency.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"
                   and "Collocations" in "".join(c["source"]))
    stated = [int(n) for n in re.findall(r"n ≥ (\d+)", text)]
    assert stated == [BUILD_MIN_N], text
    assert not re.search(r"at least \d+ times", text)
    tokens = pd.DataFrame({"report_id": "r", "sentence_no": 1, "position": range(4),
                           "token": ["营商", "环境", "营商", "环境"]})
    from juye_analysis.words.collocations import collocations_table
    assert collocations_table(None, {"tokens": tokens})["n"].min() >= BUILD_MIN_N
