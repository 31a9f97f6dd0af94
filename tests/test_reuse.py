"""Text reuse between two reports."""
from __future__ import annotations

from juye_analysis.read.report import report_from_text
from juye_analysis.read.structure import sentences_table
from juye_analysis.compare.reuse import reuse_summary, text_reuse

OLD = "二、2024年工作安排\n坚持稳中求进工作总基调，推动高质量发展。实现地区生产总值增长6%左右。建设城市公园3处。\n"
NEW = "二、2025年工作安排\n坚持稳中求进工作总基调，推动高质量发展。实现地区生产总值增长5.5%左右。启动低空经济产业园建设。\n"


def test_exact_near_and_new():
    old = sentences_table(report_from_text(OLD, report_id="old"))
    new = sentences_table(report_from_text(NEW, report_id="new"))
    r = text_reuse(old, new).set_index("sentence_no")
    assert r["status"].tolist() == ["exact", "exact", "new"]  # numbers do not count as wording
    assert r.iloc[1]["old_text"] == "实现地区生产总值增长6%左右。"
    assert r.iloc[2]["text"].startswith("启动低空经济")
    s = reuse_summary(r.reset_index()).set_index("status")
    assert s["share_chars"].sum() == 1 and s.loc["new", "n_sentences"] == 1


def _brute_force(old, new, min_chars=8):
    """Most similar old sentence of each new one, pair by pair in plain Python (the oracle)."""
    from juye_analysis.compare.reuse import _shingles

    def usable(df):
        return df[~df["is_heading"] & (df["text"].str.len() >= min_chars)]

    olds = [(no, _shingles(t)) for no, t in zip(usable(old)["sentence_no"], usable(old)["text"])]
    out = {}
    for no, text in zip(usable(new)["sentence_no"], usable(new)["text"]):
        sh = _shingles(text)
        best, best_sim = None, 0.0
        for old_no, osh in olds:
            inter = len(sh & osh)
            sim = inter / len(sh | osh) if inter else 0.0
            if sim > best_sim:
                best, best_sim = old_no, sim
        out[no] = (best, round(best_sim, 4))
    return out


def test_reuse_equals_pairwise_jaccard_on_the_real_reports(report_2024):
    """The vectorised join gives, for every sentence, the similarity and (first) best match that
    comparing every pair of sentences gives, here between the 2024 report and the 2025 summary
    and between the 2024 report and itself with the sentences reordered."""
    from .conftest import SUMMARY_2025
    from juye_analysis.read.report import read_report

    s24 = sentences_table(report_2024)
    s25 = sentences_table(read_report(SUMMARY_2025))
    shuffled = s24.sample(frac=1, random_state=1).assign(report_id="shuffled")
    for old, new in ((s24, s25), (s25, s24), (shuffled, s24)):
        got = text_reuse(old, new)
        want = _brute_force(old, new)
        assert set(got["sentence_no"]) == set(want)
        for no, old_no, sim, status in zip(got["sentence_no"], got["old_sentence_no"],
                                           got["similarity"], got["status"]):
            best, best_sim = want[no]
            assert sim == best_sim
            if status != "new":
                # the best match, or one as similar (the first in the old table's order)
                osh = _shingles_of(old, old_no)
                assert round(_jaccard(_shingles_of(new, no), osh), 4) == best_sim
    same = text_reuse(s24, s24)
    assert (same["status"] == "exact").all() and (same["old_sentence_no"] == same["sentence_no"]).all()


def _shingles_of(df, no):
    from juye_analysis.compare.reuse import _shingles

    return _shingles(df.loc[df["sentence_no"] == no, "text"].iloc[0])


def _jaccard(a, b):
    return len(a & b) / len(a | b) if a & b else 0.0


def test_near_zero_never_matches_a_sentence_that_shares_nothing():
    old = sentences_table(report_from_text(OLD, report_id="old"))
    new = sentences_table(report_from_text("二、2025年工作安排\n启动低空经济产业园建设。\n", report_id="new"))
    r = text_reuse(old, new, near=0.0)
    assert r["old_sentence_no"].isna().all() and (r["similarity"] == 0).all()
    assert text_reuse(old.iloc[:0], new, near=0.0)["old_sentence_no"].isna().all()
