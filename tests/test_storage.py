"""Every built table: its documented key is unique and (but for the documented scope columns)
never missing, and every row points at a report that exists."""
from __future__ import annotations

import json

import pytest

from juye_analysis.indicators.match import INDICATOR_KEY
from juye_analysis.pipeline.storage import load_table

KEYS = {
    "reports": ["report_id"],
    "sentences": ["report_id", "sentence_no"],
    "quantities": ["report_id", "start"],
    "indicators": INDICATOR_KEY,
    "targets": ["report_id", "sentence_no", "start"],
    "rank_claims": ["report_id", "start", "measure", "subject"],
    "tokens": ["report_id", "sentence_no", "position"],
    "term_frequencies": ["report_id", "scope", "part_no", "section_no", "term"],
    "theme_attention": ["report_id", "scope", "part_no", "section_no", "theme"],
    "tfidf_sections": ["report_id", "part_no", "section_no", "term"],
    "tfidf_reports": ["report_id", "term"],
    "collocations": ["report_id", "word1", "word2"],
    "indicator_panel": ["county", "indicator", "period", "kind", "report_id"],
    "target_outcome": ["county", "indicator", "period", "target_report_id"],
    "target_ambition": ["county", "indicator", "period", "report_id"],
    "target_series": ["county", "indicator", "period"],
    "amplification": ["report_id", "indicator", "year", "level"],
    "keyness": ["old_report_id", "new_report_id", "term"],
    "text_reuse": ["old_report_id", "new_report_id", "sentence_no"],
    "term_trends": ["report_id", "kind", "term"],
}
# part_no / section_no are empty where the scope is the whole report (or part)
SCOPE_COLUMNS = {"part_no", "section_no"}


def test_every_built_table_has_a_documented_key(built_data):
    info = json.loads((built_data / "processed" / "build_info.json").read_text(encoding="utf-8"))
    assert set(KEYS) <= set(info["tables"])


@pytest.mark.parametrize("name", sorted(KEYS))
def test_keys_are_unique_and_present(built_data, name):
    df = load_table(name, built_data / "processed")
    key = KEYS[name]
    assert not df.duplicated(key).any(), df[df.duplicated(key, keep=False)].head()
    strict = [c for c in key if not (c in SCOPE_COLUMNS and "scope" in df.columns)]
    assert not df[strict].isna().any().any()
    reports = set(load_table("reports", built_data / "processed")["report_id"])
    for col in ("report_id", "old_report_id", "new_report_id", "target_report_id"):
        if col in df.columns:
            assert set(df[col].dropna()) <= reports
