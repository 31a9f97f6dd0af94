"""Text reuse between two reports."""
from __future__ import annotations

from juye_analysis.corpus import report_from_text, sentences_table
from juye_analysis.reuse import reuse_summary, text_reuse

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
