"""The build: metadata validation, bad inputs as one line, nothing overwritten by a failed run."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from juye_analysis.pipeline.steps import PER_REPORT_TABLES
from juye_analysis.pipeline.build import build
from juye_analysis.read.metadata import sha256_file
from juye_analysis.errors import UserError
from juye_analysis.pipeline.storage import load_table

from .conftest import RAW, copy_raw


def test_build_writes_parquet_csv_texts_and_build_info(built_data):
    out = built_data / "processed"
    for name in ("reports", "sentences"):
        assert (out / f"{name}.parquet").exists()
        assert (out / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel-friendly
    info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    assert "jieba" in info["libraries"] and "structure.csv" in info["resources_sha256"]
    # the dictionary the tokens were cut with: entries and a hash of them, so a trend over builds
    # made with different dictionaries can be told apart
    from juye_analysis.resource_files import userdict, userdict_version
    assert info["dictionary_version"] == userdict_version()
    assert info["dictionary_version"].startswith(f"{len(userdict())}-")
    reports = load_table("reports", out)
    assert set(reports["report_id"]) == {"juye_2024", "juye_2025"}
    assert reports.set_index("report_id").loc["juye_2024", "n_sentences"] == 257
    text = (out / "texts" / "juye_2024.txt").read_text(encoding="utf-8")
    s = load_table("sentences", out)
    row = s[s["report_id"] == "juye_2024"].iloc[10]
    assert text[row["start"]:row["end"]] == row["text"]



def test_build_jieba_keywords_equal_jiebas_own(built_data):
    """The build makes jieba_keywords in pieces (TextRank per report from its tokens, TF-IDF
    counts per report, weights with the corpus idf at the end); the rows equal jieba's TF-IDF and
    TextRank run over the texts (jieba_keywords), and the internal tables stay out of the output."""
    from juye_analysis.words.jieba_keywords import jieba_keywords, texts_from_sentences
    from juye_analysis.words.tfidf import section_idf

    out = built_data / "processed"
    built = load_table("jieba_keywords", out)
    idf = section_idf(load_table("tokens", out))
    want = jieba_keywords(texts_from_sentences(load_table("sentences", out)), idf)
    pd.testing.assert_frame_equal(built, want)  # rows in the same order too
    assert set(built["method"]) == {"tfidf", "textrank"}
    info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    assert not [p.name for p in out.iterdir() if p.name.startswith("_")]
    assert not [t for t in info["tables"] if t.startswith("_")]


def _raw_copy(tmp_path):
    raw = tmp_path / "raw"
    copy_raw(raw)
    return raw


def _edit_meta(raw, fn):
    path = raw / "reports.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = fn(df)
    df.to_csv(path, index=False)


@pytest.mark.parametrize("edit,message", [
    (lambda df: pd.concat([df, df.iloc[[0]]]), "duplicate report_id"),
    (lambda df: df.assign(report_id=["a", "b"], report_year=["2024", "2024"]), "two reports for 巨野县 2024"),
    (lambda df: df.assign(file=["absent.txt", df["file"].iloc[1]]), "but missing"),
    (lambda df: df.assign(sha256=["0" * 64, df["sha256"].iloc[1]]), "sha256 does not match"),
    (lambda df: df.drop(columns=["sha256"]), "missing column"),
    (lambda df: df.assign(report_year=["soon", "2025"]), "not a year"),
])
def test_bad_metadata_is_one_line_and_nothing_is_overwritten(tmp_path, edit, message):
    raw = _raw_copy(tmp_path)
    out = tmp_path / "processed"
    build(raw, out, progress=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    _edit_meta(raw, edit)
    with pytest.raises(UserError, match=message):
        build(raw, out, progress=False)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before


def test_a_bad_report_file_fails_before_anything_is_written(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "juye_2024_government_work_report.txt", raw)
    (raw / "garbage.txt").write_bytes(bytes(range(256)) * 100)
    with pytest.raises(UserError, match="garbage.txt"):
        build(raw, tmp_path / "out", progress=False)
    assert not (tmp_path / "out" / "reports.parquet").exists()


def test_folder_without_metadata_infers_county_and_year(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "juye_2024_government_work_report.txt", raw)
    shutil.copy(RAW / "juye_2025_report_news_summary.txt", raw)
    build(raw, tmp_path / "out", progress=False)
    r = load_table("reports", tmp_path / "out").set_index("report_id")
    assert r.loc["juye_2024_government_work_report", ["county", "report_year"]].tolist() == ["巨野县", 2024]
    assert r.loc["juye_2025_report_news_summary", "report_year"] == 2025


def test_a_year_that_cannot_be_inferred_names_the_file(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "nodate.txt").write_text("巨野县第十九届人民代表大会\n各位代表：\n我们继续努力。\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"nodate\.txt.*--year"):
        build(raw, tmp_path / "out", progress=False)


def test_same_report_twice_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "juye_2024_government_work_report.txt", raw / "a.txt")
    shutil.copy(RAW / "juye_2024_government_work_report.txt", raw / "b.txt")
    with pytest.raises(UserError, match="listed twice"):
        build(raw, tmp_path / "out", progress=False)


def test_incremental_rebuilds(tmp_path, monkeypatch):
    raw = _raw_copy(tmp_path)
    out = tmp_path / "out"
    first = build(raw, out, progress=False)
    assert first.n_computed == 2 * (1 + len(PER_REPORT_TABLES))
    again = build(raw, out, progress=False)
    assert again.up_to_date and again.n_computed == 0
    # one report changed: only its tables are recomputed
    path = raw / "juye_2025_report_news_summary.txt"
    path.write_bytes(path.read_bytes() + "\n新增一句。\n".encode())
    _edit_meta(raw, lambda df: df.assign(sha256=[df["sha256"].iloc[0], sha256_file(path)]))
    changed = build(raw, out, progress=False)
    assert not changed.up_to_date and changed.n_computed == 1 + len(PER_REPORT_TABLES)
    assert load_table("sentences", out)["text"].str.contains("新增一句").any()
    # --no-cache recomputes everything
    assert build(raw, out, use_cache=False, progress=False).n_computed == first.n_computed


def test_a_changed_resource_rebuilds_what_depends_on_it(tmp_path, resource_copy):
    raw = _raw_copy(tmp_path)
    out = tmp_path / "out"
    build(raw, out, progress=False)
    with open(resource_copy / "structure.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    stats = build(raw, out, progress=False)
    assert stats.n_computed == 2 * (1 + len(PER_REPORT_TABLES))  # sentences come first: all after it


def test_an_empty_sha256_is_an_error_that_gives_the_value(tmp_path):
    raw = _raw_copy(tmp_path)
    _edit_meta(raw, lambda df: df.assign(sha256=["", df["sha256"].iloc[1]]))
    with pytest.raises(UserError, match="sha256 is empty.*enter 645f60c8"):
        build(raw, tmp_path / "out", progress=False)


def test_a_metadata_year_that_contradicts_the_text(tmp_path):
    raw = _raw_copy(tmp_path)
    _edit_meta(raw, lambda df: df.assign(report_year=["2025", "2026"], review_year=["2024", "2025"]))
    with pytest.raises(UserError, match="reports.csv says 2025 but the text says 2024"):
        build(raw, tmp_path / "out", progress=False)


def test_a_build_removes_the_tables_it_no_longer_makes(tmp_path):
    """Built with two reports, then with one: keyness and the other between-report tables go,
    so a notebook cannot read last build's comparison as if it were current."""
    raw = _raw_copy(tmp_path)
    out = tmp_path / "out"
    build(raw, out, use_cache=False, progress=False)
    assert (out / "keyness.parquet").exists() and (out / "keyness.csv").exists()
    one = tmp_path / "one"
    one.mkdir()
    df = pd.read_csv(raw / "reports.csv", dtype=str, keep_default_na=False)
    keep = df[df["report_id"] == "juye_2024"]
    shutil.copy(raw / keep["file"].iloc[0], one / keep["file"].iloc[0])
    keep.to_csv(one / "reports.csv", index=False)
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # not a table: left alone
    build(one, out, use_cache=False, progress=False)
    info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    assert "keyness" not in info["tables"]
    assert not (out / "keyness.parquet").exists() and not (out / "keyness.csv").exists()
    assert (out / "notes.txt").exists() and (out / "sentences.parquet").exists()
    assert info["keywords"]["stopword_tiers"] == ["function", "genre"]


def test_one_chooser_of_reports_with_options():
    """Three ways of choosing a report (read.metadata.choose_report, the indicator views'
    choose_report_with_targets, keyness' latest_pair) are one chooser with options now."""
    from juye_analysis.compare.keyness import latest_pair
    from juye_analysis.indicators.views import choose_report_with_targets
    from juye_analysis.read.metadata import choose_report

    reports = pd.DataFrame({  # years as strings, as reports.csv gives them
        "report_id": ["a_2023", "a_2024", "b_2023", "b_2024", "c_2022", "d_x"],
        "county": ["甲县", "甲县", "乙县", "乙县", "丙县", "丁县"],
        "report_year": ["2023", "2024", "2023", "2024", "2022", ""],
        "completeness": ["full", "full", "full", "partial", "full", "full"]})
    assert choose_report(reports) == "b_2024"  # the latest year, then the greatest id; no year: never
    assert choose_report(reports, completeness="full") == "a_2024"
    assert choose_report(reports, among=["a_2023", "c_2022"]) == "a_2023"
    assert choose_report(reports, "c_2022", among=["a_2023"]) == "c_2022"  # as given
    for kwargs in ({"among": []}, {"report_id": "zzz"}):
        with pytest.raises(UserError):
            choose_report(reports, **kwargs)
    with pytest.raises(UserError, match="no report to choose from"):
        choose_report(reports.iloc[:0])  # was an IndexError
    indicators = pd.DataFrame({"report_id": ["a_2023", "c_2022", "b_2024"],
                               "kind": ["target", "target", "actual"]})
    assert choose_report_with_targets(indicators, reports) == "a_2023"
    with pytest.raises(UserError, match="states targets"):
        choose_report_with_targets(indicators.iloc[:0], reports)
    assert latest_pair(reports) == ("b_2023", "b_2024")
    assert latest_pair(reports, new="a_2024") == latest_pair(reports, old="a_2023") == ("a_2023", "a_2024")
    with pytest.raises(UserError, match="no two reports"):
        latest_pair(reports, old="a_2024")


def test_focal_jurisdiction_keeps_the_default_report_when_other_levels_are_added(tmp_path, monkeypatch):
    """A newer national report in the corpus must not become the report the notebooks open on:
    choose_report prefers the focal jurisdiction of project.toml (default 巨野县)."""
    from juye_analysis.read.metadata import choose_report
    from juye_analysis.settings import focal_jurisdiction

    reports = pd.DataFrame({"report_id": ["juye_2024", "national_2025", "yuncheng_2025"],
                            "county": ["巨野县", "全国", "郓城县"],
                            "report_year": ["2024", "2025", "2025"]})
    assert focal_jurisdiction() == "巨野县"
    assert choose_report(reports) == "juye_2024"
    settings = tmp_path / "project.toml"
    settings.write_text('[focal]\njurisdiction = "郓城县"\n', encoding="utf-8")
    monkeypatch.setenv("JUYE_SETTINGS", str(settings))
    assert choose_report(reports) == "yuncheng_2025"
    settings.write_text('[focal]\njurisdiction = "某县"\n', encoding="utf-8")
    assert choose_report(reports) in {"national_2025", "yuncheng_2025"}  # no focal report: all, latest
    settings.write_text("[focal\n", encoding="utf-8")
    with pytest.raises(UserError, match="project.toml"):
        choose_report(reports)
