"""Keyness on a constructed pair whose answer is known, and theme shift."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from juye_analysis.compare.keyness import CAVEAT, consecutive_pairs, keyness, latest_pair


def counts(**terms):
    return pd.DataFrame({"term": list(terms), "n": list(terms.values())})


def test_known_answer():
    # 项目 is used 10× more in NEW, 农业 only in OLD, 发展 equally (per token) in both.
    old = counts(发展=50, 项目=5, 农业=20, 城市=25)
    new = counts(发展=50, 项目=50, 城市=0, 数字=0) .query("n > 0")
    k = keyness(old, new).set_index("term")
    assert k["score"].idxmax() == "项目" and k["score"].idxmin() in {"农业", "城市"}
    assert k.loc["项目", "score"] > 0 > k.loc["农业", "score"]
    assert k.loc["农业", "presence"] == "old_only" and k.loc["项目", "presence"] == "both"
    assert k.loc["项目", "g2"] > 0 > k.loc["农业", "g2"]
    assert list(k.reset_index().columns[:6]) == ["term", "n_old", "n_new", "per_10k_old", "per_10k_new", "change_per_10k"]


def test_log_odds_formula_by_hand():
    old, new = counts(甲=2, 乙=8), counts(甲=6, 乙=4)
    k = keyness(old, new).set_index("term")
    # α_w = pooled counts: α_甲 = 8, α_0 = 20; n_old = n_new = 10
    w_new = math.log((6 + 8) / (10 + 20 - 6 - 8))
    w_old = math.log((2 + 8) / (10 + 20 - 2 - 8))
    delta = w_new - w_old
    assert k.loc["甲", "log_odds"] == pytest.approx(delta)
    assert k.loc["甲", "score"] == pytest.approx(delta / math.sqrt(1 / 14 + 1 / 10))
    # G² for 甲: expected 4 and 4 in each report
    g2 = 2 * (6 * math.log(6 / 4) + 2 * math.log(2 / 4) + 4 * math.log(4 / 6) + 8 * math.log(8 / 6))
    assert k.loc["甲", "g2"] == pytest.approx(g2)
    assert k.loc["甲", "p_value"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    assert "optimistic" in CAVEAT


def test_keyness_and_collocations_share_one_g2():
    """G² was computed twice (collocations and keyness, each its own 2×2 arithmetic): both are
    words.stats.g2 now, and give the same number for the same table."""
    import re

    from juye_analysis.paths import PACKAGE_DIR
    from juye_analysis.words.collocations import score_bigrams
    from juye_analysis.words.stats import expected_counts, g2

    # the 2×2 table: 甲 6 times in NEW (of 10 terms), 2 times in OLD (of 10)
    table = (6, 4, 2, 8)
    assert expected_counts(*table) == (4, 6, 4, 6)
    by_hand = 2 * (6 * math.log(6 / 4) + 4 * math.log(4 / 6) + 2 * math.log(2 / 4) + 8 * math.log(8 / 6))
    assert float(g2(*table)) == pytest.approx(by_hand)
    k = keyness(counts(甲=2, 乙=8), counts(甲=6, 乙=4)).set_index("term")
    assert k.loc["甲", "g2"] == pytest.approx(by_hand)
    # the same table as bigram counts: (a, b) 6, (a, y) 4, (x, b) 2, (x, y) 8
    bigrams = pd.DataFrame({"word1": ["a", "a", "x", "x"], "word2": ["b", "y", "b", "y"], "n": [6, 4, 2, 8]})
    assert score_bigrams(bigrams).iloc[0]["g2"] == pytest.approx(by_hand)
    # with an empty cell (0 · ln 0 = 0): E = 1.5, 3.5, 1.5, 3.5
    assert float(g2(0, 5, 3, 2)) == pytest.approx(2 * (5 * math.log(5 / 3.5) + 3 * math.log(3 / 1.5)
                                                       + 2 * math.log(2 / 3.5)))
    # and no other module writes its own O · ln(O / E)
    own = [p.relative_to(PACKAGE_DIR).as_posix() for p in sorted(PACKAGE_DIR.rglob("*.py"))
           if re.search(r"\* np\.log\(\(?[a-z_0-9 -]+\)? / ", p.read_text(encoding="utf-8"))]
    assert own == ["words/stats.py"], own


def test_per_10k_characters():
    k = keyness(counts(甲=3), counts(甲=6), chars_old=30_000, chars_new=20_000).iloc[0]
    assert k["per_10k_old"] == pytest.approx(1.0) and k["per_10k_new"] == pytest.approx(3.0)


def test_pairs():
    reports = pd.DataFrame({"report_id": ["a1", "a2", "b1", "a3"], "county": ["甲", "甲", "乙", "甲"],
                            "report_year": [2023, 2024, 2024, 2025]})
    assert consecutive_pairs(reports) == [("a1", "a2"), ("a2", "a3")]
    assert latest_pair(reports) == ("a2", "a3")
    assert latest_pair(reports, new="a2") == ("a1", "a2")


def test_theme_shift_reads_a_report_without_theme_terms_as_zero_shares():
    """theme_attention gives NaN shares in a scope without any theme term; the shift counts
    them as 0 (no attention), not NaN."""
    import numpy as np

    from juye_analysis.compare.keyness import theme_shift

    rows = []
    for rid, shares in (("a", [np.nan, np.nan]), ("b", [0.25, 0.75])):
        for theme, share in zip(["x", "y"], shares):
            rows.append({"report_id": rid, "scope": "report", "theme": theme, "theme_zh": theme,
                         "theme_en": theme, "share_tokens": share})
    shift = theme_shift(pd.DataFrame(rows), "a", "b").set_index("theme")
    assert shift["share_old"].tolist() == [0.0, 0.0]
    assert shift.loc["y", "change_pp"] == 75.0 and shift.index.tolist() == ["y", "x"]
