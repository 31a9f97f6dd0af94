"""resource_files: the paths of the resource files, their CSVs read as strings, their hashes
(into build_info.json and the cache keys) and the cached loaders of structure.csv."""
from __future__ import annotations

import ast
import hashlib
import importlib
import re
import shutil

import pandas as pd
import pytest

from juye_analysis import resource_files as rf
from juye_analysis.paths import PACKAGE_DIR, RESOURCES

resources = rf

FILES = sorted(p.name for p in RESOURCES.iterdir() if p.is_file() and not p.name.startswith("."))
CSVS = [n for n in FILES if n.endswith(".csv")]


def test_resource_path_is_in_the_package():
    for name in FILES:
        assert rf.resource_path(name) == RESOURCES / name and rf.resource_path(name).is_file()


@pytest.mark.parametrize("name", CSVS)
def test_every_csv_reads_as_strings_with_empty_cells_as_empty_strings(name):
    df = rf.read_resource_csv(name)
    assert len(df) and len(df.columns)
    assert all(pd.api.types.is_string_dtype(dtype) for dtype in df.dtypes), df.dtypes
    assert not df.isna().any().any()
    assert all(isinstance(v, str) for col in df.columns for v in df[col])


def test_read_resource_csv_is_cached():
    assert rf.read_resource_csv("units.csv") is rf.read_resource_csv("units.csv")


def test_resource_hashes_cover_every_file():
    hashes = rf.resource_hashes()
    assert sorted(hashes) == FILES
    for name in FILES:
        assert hashes[name] == hashlib.sha256((RESOURCES / name).read_bytes()).hexdigest()


def test_a_changed_file_changes_its_hash_only(monkeypatch, tmp_path):
    copy = tmp_path / "resources"
    shutil.copytree(RESOURCES, copy)
    monkeypatch.setattr(rf, "RESOURCES", copy)
    before = rf.resource_hashes()
    (copy / ".hidden").write_text("x", encoding="utf-8")  # dot files are not resources
    with open(copy / "scales.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    after = rf.resource_hashes()
    assert sorted(after) == FILES
    assert {n for n in FILES if before[n] != after[n]} == {"scales.csv"}


def test_every_resource_file_is_documented_in_the_readme():
    """resources/README.md has a section naming each file (THEMES.md is linked from it)."""
    readme = (RESOURCES / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w.]+\.(?:csv|txt))`", readme)) | set(re.findall(r"\(([\w.]+\.md)\)", readme))
    assert not [n for n in FILES if n != "README.md" and n not in named]


def test_structure_loaders_match_structure_csv():
    df = rf.read_resource_csv("structure.csv")
    values = lambda kind: df.loc[df["kind"] == kind, "value"].tolist()  # noqa: E731
    roles = rf.part_roles()
    rules = rf.read_resource_csv("part_roles.csv")
    assert sum(len(v) for v in roles.values()) == (rules["applies_to"] == "title").sum()
    assert {"review", "plan", "self_building", "targets", "tasks", "five_year_review", "five_year_plan"} <= set(roles)
    assert any("回顾" in p for p in roles["review"])
    assert list(rf.section_openers()) == values("section_opener")
    assert list(rf.admin_prefixes()) == values("admin_prefix")


def test_structure_loaders_are_cached_and_give_tuples():
    """Their results are shared by every caller: tuples, so no caller can change them for the
    others."""
    for loader in (rf.part_roles, rf.section_openers, rf.admin_prefixes):
        assert loader() is loader()
    assert isinstance(rf.section_openers(), tuple) and isinstance(rf.admin_prefixes(), tuple)
    assert all(isinstance(v, tuple) for v in rf.part_roles().values())
    with pytest.raises(TypeError):
        rf.section_openers()[0] = "x"  # type: ignore[index]


# The resource files that are data (the two .md files document them).
DATA_FILES = sorted(p.name for p in RESOURCES.iterdir() if p.is_file() and p.suffix in (".csv", ".txt"))

ALLOWED_ELSEWHERE: set[tuple[str, str]] = set()  # (module, file) read outside resource_files


def _names_by_function(path) -> dict[str, set[str]]:
    """For each function of a module: the resource file names it writes as string literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = {n.value for n in ast.walk(fn) if isinstance(n, ast.Constant) and n.value in DATA_FILES}
            if names:
                out[fn.name] = names
    return out


def test_no_module_but_resource_files_names_a_resource_file():
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR).as_posix()
        if rel == "resource_files.py" or rel.startswith("pipeline/fingerprint"):
            continue  # fingerprint lists them as the cache's table of dependencies
        text = path.read_text(encoding="utf-8")
        found += [(rel, name) for name in DATA_FILES if f'"{name}"' in text or f"'{name}'" in text]
    assert set(found) <= ALLOWED_ELSEWHERE, found


def test_each_resource_file_has_exactly_one_loader_and_each_loader_one_file():
    by_fn = _names_by_function(PACKAGE_DIR / "resource_files.py")
    assert all(len(names) == 1 for names in by_fn.values()), by_fn
    loaders: dict[str, list[str]] = {}
    for fn, names in by_fn.items():
        loaders.setdefault(next(iter(names)), []).append(fn)
    expected = set(DATA_FILES) - {name for _, name in ALLOWED_ELSEWHERE}
    assert set(loaders) == expected
    assert all(len(fns) == 1 for fns in loaders.values()), loaders


def test_qualifiers_csv_is_loaded_once_for_the_scanner_and_the_hardness():
    from juye_analysis.numbers.lexicon import _by_length

    q = importlib.import_module("juye_analysis.numbers.qualifiers")  # the package re-exports a function of that name

    assert q.qualifiers is resources.qualifiers
    assert isinstance(resources.qualifiers(), pd.DataFrame)
    assert set(_by_length("after")) <= set(resources.qualifiers()["qualifier"])


def test_loaders_return_the_files_content():
    assert resources.units()["公顷"] == ("亩", 15.0, "level")
    assert resources.scales()["万亿"] == 1e12
    assert "十四五" in resources.numeral_names() and not any(n.startswith("#") for n in resources.numeral_names())
    assert "增长" in resources.extraction_words()["growth_up"]
    assert ("城乡", "城镇", "农村") in resources.paired_terms()
    assert resources.target_direction()["cpi"] == "lower"
    assert resources.target_rules().loc["ceiling", "test"] == "at_most"
    assert "review" in resources.part_roles() and resources.section_openers()
    assert "首页" in resources.web_boilerplate()
    assert resources.userdict()[0][0] and all(w.strip() for w in resources.stopwords()["word"])
    assert set(resources.themes()["theme"]) >= {"industry", "governance"}
    assert "gdp" in set(resources.indicators()["indicator"])
