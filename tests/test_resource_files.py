"""The resource loaders: one per resource file, all in juye_analysis/resource_files.py, each naming
its file literally (the build's cache keys are found by reading which function names which file)."""
from __future__ import annotations

import ast
import importlib

import pandas as pd

from juye_analysis import resource_files as resources
from juye_analysis.paths import PACKAGE_DIR, RESOURCES

# The resource files that are data (the two .md files document them).
DATA_FILES = sorted(p.name for p in RESOURCES.iterdir() if p.is_file() and p.suffix in (".csv", ".txt"))

# plots/ is maintained apart; its font list is read there (resources/fonts.csv).
ALLOWED_ELSEWHERE = {("plots/fonts.py", "fonts.csv")}


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
