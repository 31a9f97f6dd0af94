"""juye_analysis.compare.comparable: a pair with a partial text is marked not comparable, in the
pair tables the build stores and in those computed for any pair."""
from __future__ import annotations

import pandas as pd

from juye_analysis.compare.comparable import COMPARABLE_COLUMNS, bind_comparability, pair_comparability
from juye_analysis.pipeline.storage import load_table


def _reports():
    return pd.DataFrame({"report_id": ["a_2023", "a_2024", "a_2025"], "report_year": [2023, 2024, 2025],
                         "completeness": ["full", "", "partial"], "n_chars": [9000, 8000, 600]})


def test_two_full_texts_are_comparable_and_an_empty_completeness_counts_as_full():
    got = pair_comparability(_reports(), "a_2023", "a_2024")
    assert got == {"old_completeness": "full", "new_completeness": "full", "comparable": True, "note": ""}


def test_a_pair_with_a_partial_text_is_not_comparable_and_the_note_names_it():
    got = pair_comparability(_reports(), "a_2024", "a_2025")
    assert (got["old_completeness"], got["new_completeness"], got["comparable"]) == ("full", "partial", False)
    assert got["note"].startswith("not comparable: a_2025 (2025) is a partial text of 600 characters")
    assert "a_2024" not in got["note"]


def test_bind_comparability_adds_the_columns_to_each_pairs_rows():
    rows = pd.DataFrame({"term": ["x", "y", "z"], "old_report_id": ["a_2023", "a_2023", "a_2024"],
                         "new_report_id": ["a_2024", "a_2024", "a_2025"]})
    out = bind_comparability(rows, _reports())
    assert list(out.columns) == list(rows.columns) + COMPARABLE_COLUMNS
    assert list(out["term"]) == ["x", "y", "z"]
    assert list(out["comparable"]) == [True, True, False] and out["comparable"].dtype == bool
    again = bind_comparability(out, _reports())  # binding twice replaces, does not duplicate
    assert list(again.columns) == list(out.columns)


def test_stored_pair_tables_mark_a_pair_comparable_exactly_when_both_texts_are_full(built_data):
    reports = load_table("reports", built_data / "processed").set_index("report_id")
    for name in ("keyness", "theme_shift", "text_reuse"):
        df = load_table(name, built_data / "processed")
        assert set(COMPARABLE_COLUMNS) <= set(df.columns), name
        for (old, new), rows in df.groupby(["old_report_id", "new_report_id"]):
            full = reports.loc[old, "completeness"] != "partial" and reports.loc[new, "completeness"] != "partial"
            assert set(rows["comparable"]) == {full}, (name, old, new)
            assert (rows["note"] == "").all() == full


def test_comparability_note_gives_the_note_of_a_pair_that_is_not_comparable():
    from juye_analysis.compare.comparable import comparability_note

    rows = pd.DataFrame({"term": ["x"], "old_report_id": ["a_2024"], "new_report_id": ["a_2025"]})
    assert comparability_note(bind_comparability(rows, _reports())).startswith("not comparable: a_2025")
    full = rows.assign(old_report_id="a_2023", new_report_id="a_2024")
    assert comparability_note(bind_comparability(full, _reports())) == "comparable: both texts are full"
