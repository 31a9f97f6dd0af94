"""Segmentation with our dictionary inside real sentences of the 2024 report; the tokens table;
jieba's cache, warnings and reproducibility."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from juye_analysis.words.tokenizer import HMM, default_tokenizer, make_tokenizer, read_userdict, tokenize_spans, tokenize_text, whitespace_tokenizer
from juye_analysis.words.tokens import TOKEN_COLUMNS, number_flags, tokens_from_sentences, tokens_table


@pytest.fixture(scope="session")
def tokenizer():
    return default_tokenizer()


# Programmes and slogans that jieba's own dictionary cuts apart, each with the number of sentences
# of the 2024 report that contain it (grep on the report; the term must be a token in every one).
DICTIONARY_TERMS = {
    "乡村振兴": 8, "双招双引": 2, "高标准农田": 3, "营商环境": 6, "高质量发展": 8, "放管服": 1,
    "店小二": 2, "保交楼": 1, "和美乡村": 4, "专精特新": 3, "雁阵形": 2, "四好农村路": 2,
    "黑臭水体": 1, "麒麟城": 2, "洙水河": 2, "争先创优": 3,
}


def boundaries_inside(text, term, tokenizer):
    """Token boundaries that fall strictly inside an occurrence of ``term`` (none: it is whole,
    as a token of its own or inside a longer dictionary word such as 专精特新企业)."""
    cuts = {s for _, s, _ in tokenize_spans(text, tokenizer)} | {e for _, _, e in tokenize_spans(text, tokenizer)}
    out = []
    start = text.find(term)
    while start >= 0:
        out += [c for c in cuts if start < c < start + len(term)]
        start = text.find(term, start + 1)
    return out


@pytest.mark.parametrize("term", sorted(DICTIONARY_TERMS))
def test_dictionary_terms_stay_whole_in_real_sentences(term, sentences_2024, tokenizer):
    having = sentences_2024[sentences_2024["text"].str.contains(term, regex=False)]
    assert len(having) == DICTIONARY_TERMS[term]
    for text in having["text"]:
        assert not boundaries_inside(text, term, tokenizer), (term, tokenize_text(text, tokenizer))


def test_slogans_are_tokens_of_their_own(tokenizer):
    # sentences of the 2024 report (part 一 sections 2, 7; part 二 section 3; part 一 section 5)
    cases = {
        "一是双招双引成效突出。": "双招双引",
        "深化“放管服”改革，102个事项赋权镇街实施，70个工程建设事项纳入省、市系统，服务效能进一步提升。": "放管服",
        "四是加快建设和美乡村。": "和美乡村",
        "率先完成麟州府、泰和景城等6个保交楼项目，资金支付率、房屋交付率均居全市第一。": "保交楼",
        "二是营商环境持续优化。": "营商环境",
        "全过程提供店小二服务，推动项目快落地、快建设、快投产。": "店小二",
    }
    for sentence, term in cases.items():
        assert term in tokenize_text(sentence, tokenizer), tokenize_text(sentence, tokenizer)


def test_a_known_sentence(tokenizer):
    # part 一, section 7: 深化“放管服”改革 … and section 2: 全过程提供店小二服务
    assert tokenize_text("深化“放管服”改革，102个事项赋权镇街实施", tokenizer)[:5] == [
        "深化", "“", "放管服", "”", "改革"]
    assert "店小二" in tokenize_text("全过程提供店小二服务", tokenizer)


def test_tokens_table_offsets_and_columns(report_2024, sentences_2024, tokenizer):
    tokens = tokens_table(report_2024, {"sentences": sentences_2024}, tokenizer)
    assert list(tokens.columns) == TOKEN_COLUMNS
    text = report_2024.text
    assert all(text[s:e] == t for t, s, e in zip(tokens["token"], tokens["start"], tokens["end"]))
    assert not tokens.duplicated(["report_id", "sentence_no", "position"]).any()
    assert tokens.groupby("sentence_no")["position"].min().eq(1).all()
    assert not tokens["token"].str.isspace().any()


def test_numbers_and_punctuation_are_flagged(report_2024, sentences_2024, tokenizer):
    tokens = tokens_table(report_2024, {"sentences": sentences_2024}, tokenizer)
    number = tokens.groupby("token")["is_number"].agg(["all", "any"])
    for t in ("2023", "447", "亿元", "万亩", "第一", "万平方米", "公里"):
        assert number.loc[t, "all"], t
    for t in ("十四五", "一二三七", "两个确立", "四个意识", "4A级景区"):  # names that look like numbers
        assert not number.loc[t, "any"], t
    punct = tokens.loc[tokens["is_punct"], "token"]
    assert {"，", "。", "“", "”"} <= set(punct)


def test_number_rule_on_its_own():
    spans = tokenize_spans("新建 5 万亩 一千 个 项目 十四五 第三名", whitespace_tokenizer)
    flags = number_flags(spans, protected=frozenset({"十四五"}))
    assert dict(zip([s[0] for s in spans], flags)) == {
        "新建": False, "5": True, "万亩": True, "一千": True, "个": False, "项目": False,
        "十四五": False, "第三名": True}
    # a unit directly after a number is part of it: 10 个 → both numbers (no space between)
    assert number_flags([("10", 0, 2), ("个", 2, 3), ("项目", 3, 5)]) == [True, True, False]


def test_the_units_after_a_number_are_those_of_units_csv():
    """The token rule had its own list of units (公顷, 公斤, 头, 个月 … missing): it is units.csv now,
    with the classifiers of extraction_words.csv kind token_unit, less kind token_not_unit."""
    from juye_analysis import resource_files as resources
    from juye_analysis.words.tokens import is_number_like, token_units

    after, alone = token_units()
    words = resources.extraction_words()
    skip = set(words["token_not_unit"])
    assert set(after) == (set(resources.units()) - skip) | set(words["token_unit"])
    assert set(alone) <= set(after) and {"公里", "平方米", "个百分点"} <= set(alone)
    for unit in sorted(set(resources.units()) - skip - {"%"}):
        assert number_flags([("3", 0, 1), (unit, 1, 1 + len(unit))]) == [True, True], unit
        assert is_number_like(f"3{unit}") and is_number_like(f"万{unit}"), unit
    for unit in ("公顷", "立方米", "兆瓦"):  # units of measure are number material even alone
        assert is_number_like(unit)
    assert not is_number_like("人次") and not is_number_like("项目")  # counters alone are words
    assert number_flags([("3", 0, 1), ("期", 1, 2), ("工程", 2, 4)]) == [True, True, False]


def test_same_tokens_on_two_runs(sentences_2024):
    a = tokens_from_sentences(sentences_2024, make_tokenizer())
    b = tokens_from_sentences(sentences_2024, make_tokenizer())
    pd.testing.assert_frame_equal(a, b)


def test_hmm_decision_is_recorded(tokenizer):
    assert HMM is False and tokenizer.juye_hmm is False
    assert tokenizer.juye_info["hmm"] is False
    assert tokenizer.juye_info["split_alone"] == []  # every dictionary word is whole on its own


def test_extra_words_from_a_notebook():
    text = "讲好巨野故事"
    assert "巨野故事" not in tokenize_text(text, default_tokenizer())
    assert "巨野故事" in tokenize_text(text, make_tokenizer(extra_words=["巨野故事"]))
    # the package's tokenizer is not changed by that
    assert "巨野故事" not in tokenize_text(text, default_tokenizer())


def test_any_callable_is_a_tokenizer():
    assert tokenize_spans("甲 乙  甲", whitespace_tokenizer) == [("甲", 0, 1), ("乙", 2, 3), ("甲", 5, 6)]
    with pytest.raises(ValueError, match="not found"):
        tokenize_spans("甲乙", lambda text: ["乙", "甲"])


def test_userdict_format(tmp_path):
    entries = read_userdict()
    assert len(entries) >= 200
    words = [w for w, _, _ in entries]
    for term in DICTIONARY_TERMS:
        assert term in words, term
    bad = tmp_path / "bad.txt"
    bad.write_text("# comment\n乡村振兴 100 n\n营商环境\t100\tn\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.txt:3: tab"):
        read_userdict(bad)
    ok = tmp_path / "ok.txt"
    ok.write_text("# comment\n\n巨野故事 10 nz\n麟州\n", encoding="utf-8")
    assert read_userdict(ok) == [("巨野故事", 10, "nz"), ("麟州", None, None)]


def test_cache_goes_to_a_per_user_writable_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    tk = make_tokenizer(userdict=empty, stopword_words=False)  # no dictionary: only the cache matters
    cache = tmp_path / "cache" / "juye-analysis" / tk.cache_file
    assert tk.tmp_dir == str(tmp_path / "cache" / "juye-analysis")
    assert cache.exists() and os.access(cache, os.W_OK)


def test_no_warnings_or_log_lines_reach_a_notebook():
    code = ("from juye_analysis.words.tokenizer import make_tokenizer, tokenize_text;"
            "print(tokenize_text('乡村振兴', make_tokenizer()))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['乡村振兴']"
    assert proc.stderr == ""
