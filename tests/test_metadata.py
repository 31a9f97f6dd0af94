"""The metadata table reports.csv: read, validated as a whole (each problem one UserError naming
the file), a folder without it, and the choice of the report a notebook shows."""
from __future__ import annotations

import datetime
import hashlib

import pandas as pd
import pytest

from juye_analysis.errors import UserError
from juye_analysis.read.metadata import (REPORT_COLUMNS, choose_report, load_metadata, read_metadata,
                                         sha256_file, validate_metadata)

from .conftest import RAW

HEADER = "report_id,county,report_year,file,sha256"
NEXT_YEAR = datetime.date.today().year + 1


def _raw(tmp_path, rows: list[str], texts: dict[str, str] | None = None, header: str = HEADER):
    """A raw folder with the given text files and a reports.csv of ``rows`` (``{sha:NAME}`` in a
    row stands for the sha256 of file NAME)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in (texts or {}).items():
        (raw / name).write_text(text, encoding="utf-8")
    shas = {f"{{sha:{n}}}": hashlib.sha256((raw / n).read_bytes()).hexdigest() for n in (texts or {})}
    lines = []
    for row in rows:
        for k, v in shas.items():
            row = row.replace(k, v)
        lines.append(row)
    (raw / "reports.csv").write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return raw


TEXTS = {"a.txt": "各位代表：\n一、2023年工作回顾\n", "b.txt": "各位代表：\n一、2024年工作回顾\n"}
GOOD = ["a,甲县,2024,a.txt,{sha:a.txt}", "b,甲县,2025,b.txt,{sha:b.txt}"]


def _error(raw) -> UserError:
    with pytest.raises(UserError) as info:
        load_metadata(raw)
    return info.value


def test_metadata_sha256_matches_the_shipped_files():
    entries = load_metadata(RAW)  # validates every row's file and sha256
    levels = pd.Series([m.get("level", "") for _, m in entries]).value_counts().to_dict()
    assert levels == {"county": 2, "national": 52}


def test_the_shipped_rows_carry_level_and_parent_codes():
    df = read_metadata(RAW / "reports.csv").set_index("report_id")
    juye = df.loc["juye_2024"]
    assert (juye["level"], juye["division_code"], juye["province_code"], juye["city_code"]) == \
        ("county", "371724", "370000", "371700")
    nation = df[df["level"] == "national"]
    assert set(nation["county"]) == {"全国"} and set(nation["division_code"]) == {"100000"}
    assert set(nation["file"].str.split("/").str[0]) == {"national"}
    assert nation["source"].str.contains("https://zh.wikisource.org/wiki/").all()
    assert nation.loc["national_1964", "completeness"] == "partial"  # a 摘要
    assert (nation.drop(index="national_1964")["completeness"] == "full").all()


def test_a_table_without_level_and_parent_codes_is_read_with_them_empty(tmp_path):
    raw = _raw(tmp_path, GOOD, TEXTS)
    df = read_metadata(raw / "reports.csv")
    assert (df[["level", "province_code", "city_code"]] == "").all().all()


@pytest.mark.parametrize("cells,problem", [
    ("nation,,,", "line 2: level 'nation' is not a level (one of national, province, city, county"),
    ("county,37000,,", "line 2: province_code '37000' is not a six-digit division code"),
    ("county,,37170A,", "line 2: city_code '37170A' is not a six-digit division code"),
    ("county,,,巨野", "line 2: division_code '巨野' is not a six-digit division code"),
])
def test_a_bad_level_or_division_code_is_one_line_naming_the_line(tmp_path, cells, problem):
    level, province, city, code = cells.split(",")
    raw = _raw(tmp_path, [f"a,甲县,2024,a.txt,{{sha:a.txt}},{level},{province},{city},{code}"], TEXTS,
               header=HEADER + ",level,province_code,city_code,division_code")
    assert _error(raw).problem.startswith(problem)


def test_the_level_in_reports_csv_wins_over_the_one_the_name_suggests(tmp_path):
    from juye_analysis.read.report import read_report

    raw = _raw(tmp_path, GOOD, TEXTS)
    path, meta = load_metadata(raw)[0]
    assert read_report(path, meta=meta).meta["level"] == "county"  # 甲县: from the name
    assert read_report(path, meta=dict(meta, level="district")).meta["level"] == "district"


def test_a_good_table_gives_path_and_row_of_each_report(tmp_path):
    raw = _raw(tmp_path, GOOD, TEXTS)
    entries = load_metadata(raw)
    assert [p for p, _ in entries] == [str(raw / "a.txt"), str(raw / "b.txt")]
    assert entries[0][1] == {"report_id": "a", "county": "甲县", "report_year": "2024",
                             "file": "a.txt", "sha256": sha256_file(raw / "a.txt")}  # empty cells left out


def test_read_metadata_adds_the_optional_columns_as_strings(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt}"], TEXTS)
    df = read_metadata(raw / "reports.csv")
    assert set(REPORT_COLUMNS) <= set(df.columns)
    assert df.loc[0, "report_year"] == "2024" and df.loc[0, "title"] == ""


def test_a_bom_is_read(tmp_path):
    raw = _raw(tmp_path, GOOD, TEXTS)
    path = raw / "reports.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as Excel saves it
    assert list(read_metadata(path)["report_id"]) == ["a", "b"]


def test_missing_columns_are_named(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt"], TEXTS, header="report_id,county,report_year,file")
    err = _error(raw)
    assert err.path == str(raw / "reports.csv") and err.problem == "missing column(s): sha256"


def test_an_unreadable_table_is_one_line(tmp_path):
    raw = _raw(tmp_path, GOOD, TEXTS)
    (raw / "reports.csv").write_bytes(b"report_id,county\n\xff\xfe\x00bad\n")
    err = _error(raw)
    assert err.path == str(raw / "reports.csv") and "cannot read the metadata table" in err.problem


def test_duplicate_report_ids_name_the_lines(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt}", "a,乙县,2025,b.txt,{sha:b.txt}"], TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "reports.csv")
    assert err.problem == "duplicate report_id 'a' (lines 2, 3)"


def test_two_reports_for_one_county_and_year(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt}", "b,甲县,2024,b.txt,{sha:b.txt}"], TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "reports.csv") and err.problem == "two reports for 甲县 2024 (lines 2, 3)"


@pytest.mark.parametrize("year", ["soon", "", "2024.0", "二〇二四"])
def test_a_bad_year_names_the_line(tmp_path, year):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt}", f"b,甲县,{year},b.txt,{{sha:b.txt}}"], TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "reports.csv")
    assert err.problem == f"line 3: report_year {year!r} is not a year"


def test_an_empty_report_id_names_the_line(tmp_path):
    raw = _raw(tmp_path, [",甲县,2024,a.txt,{sha:a.txt}"], TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "reports.csv") and err.problem == "line 2: empty report_id"


def test_a_missing_file_names_that_file(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt}", "c,甲县,2026,absent.txt,00"], TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "absent.txt")
    assert err.problem == "listed in reports.csv line 3 (report c) but missing"


def test_a_sha256_mismatch_names_the_changed_file(tmp_path):
    raw = _raw(tmp_path, GOOD, TEXTS)
    (raw / "b.txt").write_text("改过的文字", encoding="utf-8")
    err = _error(raw)
    assert err.path == str(raw / "b.txt")
    assert err.problem.startswith("sha256 does not match reports.csv (line 3): the file changed (now "
                                  + sha256_file(raw / "b.txt")[:12])


def test_an_uppercase_sha256_matches(tmp_path):
    raw = _raw(tmp_path, GOOD, TEXTS)
    df = read_metadata(raw / "reports.csv")
    df["sha256"] = df["sha256"].str.upper()
    validate_metadata(df, raw / "reports.csv", raw)  # no error


def test_an_empty_sha256_gives_the_value_to_enter(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,"], TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "a.txt") and err.problem.endswith(f"enter {sha256_file(raw / 'a.txt')}")


def test_a_folder_without_reports_csv_lists_its_report_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("b.txt", "a.HTML", "c.htm", "notes.md", "scan.pdf", "d.docx", "e.doc"):
        (raw / name).write_text("各位代表：", encoding="utf-8")
    (raw / "sub.txt").mkdir()  # a folder, not a file
    assert load_metadata(raw) == [(str(raw / n), {"file": n, "infer": True})
                                  for n in ("a.HTML", "b.txt", "c.htm", "d.docx", "scan.pdf")]


def test_a_folder_with_nothing_to_build_from(tmp_path):
    (tmp_path / "notes.md").write_text("", encoding="utf-8")
    err = _error(tmp_path)
    assert err.path == str(tmp_path) and "no reports.csv and no text files" in err.problem


def test_a_missing_folder(tmp_path):
    err = _error(tmp_path / "nowhere")
    assert err.path == str(tmp_path / "nowhere") and err.problem == "no such folder"


REPORTS = pd.DataFrame({"report_id": ["x_2023", "x_2024", "x_2025"],
                        "report_year": [2023, 2024, 2025],
                        "completeness": ["full", "full", "partial"]})


def test_choose_report_takes_the_latest_of_the_completeness_asked():
    assert choose_report(REPORTS) == "x_2025"
    assert choose_report(REPORTS, completeness="full") == "x_2024"
    # no report of that completeness: the latest of all
    assert choose_report(REPORTS, completeness="draft") == "x_2025"


def test_choose_report_breaks_a_tie_by_report_id():
    tied = pd.DataFrame({"report_id": ["b", "a"], "report_year": [2024, 2024],
                         "completeness": ["full", "full"]})
    assert choose_report(tied) == "b"


def test_choose_report_checks_a_given_id():
    assert choose_report(REPORTS, "x_2023") == "x_2023"
    with pytest.raises(UserError, match=r"report 'x_2030' is not in the reports table "
                                        r"\(have: x_2023, x_2024, x_2025\)") as info:
        choose_report(REPORTS, "x_2030")
    assert info.value.path is None


# --- issue 11: identifiers, years, cells and file paths validated where reports.csv is read ------

@pytest.mark.parametrize("report_id", ["../../evil", "/tmp/evil", "a/b", "a\\b", "-rf", "x" * 65,
                                       "juye 2024", "巨野_2024", "juye\t2024", "..", "."])
def test_report_id_with_dot_dot_is_refused_naming_the_line(tmp_path, report_id):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt}", f'"{report_id}",甲县,2025,b.txt,{{sha:b.txt}}'],
               TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "reports.csv") and err.problem.startswith("line 3: report_id ")
    assert "\n" not in str(err)


def test_a_slug_report_id_of_64_characters_is_accepted(tmp_path):
    rid = "Juye-2024_" + "x" * 54
    raw = _raw(tmp_path, [f"{rid},甲县,2024,a.txt,{{sha:a.txt}}"], TEXTS)
    assert load_metadata(raw)[0][1]["report_id"] == rid


def test_file_outside_the_raw_folder_is_refused_naming_the_row(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,../outside.txt,"], TEXTS)
    (tmp_path / "outside.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    err = _error(raw)
    assert err.path == str(raw) and err.problem.startswith(
        "reports.csv line 2 (report a): file '../outside.txt' is outside the raw folder")


def test_an_absolute_file_with_an_empty_sha256_is_refused_without_hashing_it(tmp_path):
    """The empty-sha256 message used to print the hash of any file (/etc/passwd)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("巨野 secret", encoding="utf-8")
    raw = _raw(tmp_path, [f"a,甲县,2024,{secret},"], TEXTS)
    err = _error(raw)
    assert "outside the raw folder" in err.problem and sha256_file(secret) not in str(err)


def test_a_symlink_out_of_the_raw_folder_is_refused(tmp_path):
    (tmp_path / "outside.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    raw = _raw(tmp_path, ["a,甲县,2024,link.txt,{sha:a.txt}"], TEXTS)
    (raw / "link.txt").symlink_to(tmp_path / "outside.txt")
    assert "file 'link.txt' is outside the raw folder" in _error(raw).problem
    (raw / "reports.csv").unlink()  # without reports.csv, every text file of the folder is checked
    err = _error(raw)
    assert err.path == str(raw) and err.problem.startswith("file 'link.txt' is outside the raw folder")


def test_a_symlink_inside_the_raw_folder_is_followed(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,link.txt,{sha:a.txt}"], TEXTS)
    (raw / "link.txt").symlink_to(raw / "a.txt")
    assert len(load_metadata(raw)) == 1


def test_a_folder_listed_in_reports_csv_is_called_a_folder_not_missing(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,sub,00"], TEXTS)
    (raw / "sub").mkdir()
    err = _error(raw)
    assert err.path == str(raw / "sub") and err.problem == "reports.csv line 2 (report a): is a folder, not a report file"


def test_a_header_only_reports_csv_is_one_line(tmp_path):
    raw = _raw(tmp_path, [], TEXTS)
    err = _error(raw)
    assert err.path == str(raw / "reports.csv") and err.problem.startswith("lists no report")


@pytest.mark.parametrize("column,year,problem", [
    ("report_year", "²", "'²' is not a year"),  # str.isdigit accepts it, int() does not
    ("report_year", "99999999999999999999", "'99999999999999999999' is not a year"),
    ("report_year", "0", f"0 is not a plausible report year (1949..{NEXT_YEAR})"),
    ("report_year", "3000", f"3000 is not a plausible report year (1949..{NEXT_YEAR})"),
    ("report_year", "1948", f"1948 is not a plausible report year (1949..{NEXT_YEAR})"),
    ("review_year", "²", "'²' is not a year"),
])
def test_report_year_superscript_huge_or_implausible_is_refused_naming_the_line(tmp_path, column, year, problem):
    years = {"report_year": "2025", "review_year": "2024", column: year}
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt},2023",
                          f"b,甲县,{years['report_year']},b.txt,{{sha:b.txt}},{years['review_year']}"],
               TEXTS, header=HEADER + ",review_year")
    err = _error(raw)
    assert err.path == str(raw / "reports.csv") and err.problem == f"line 3: {column} {problem}"


@pytest.mark.parametrize("cell", ["甲\n县", "甲\r县", "甲\x07县", "甲\u2028县", "甲\x85县"])
def test_newlines_and_control_characters_in_metadata_cells_are_refused(tmp_path, cell):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt}", f'b,"{cell}",2025,b.txt,{{sha:b.txt}}'], TEXTS)
    err = _error(raw)
    assert err.problem.startswith("line 3: county contains a control or line-break character")


def test_a_100000_character_title_is_refused(tmp_path):
    raw = _raw(tmp_path, ["a,甲县,2024,a.txt,{sha:a.txt},政府工作报告", "b,甲县,2025,b.txt,{sha:b.txt}," + "长" * 100_000],
               TEXTS, header=HEADER + ",title")
    err = _error(raw)
    assert err.problem == "line 3: title has 100,000 characters (at most 1,000)"
