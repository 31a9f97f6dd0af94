"""A rebuild is never wrongly up to date: every table's cache key covers the code it runs and the
files it reads, found by static analysis of the package (pipeline/closure.py), checked here
against what the steps really execute and open, and against rebuilds after each resource file
changes."""
from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pytest

from juye_analysis import resource_files
from juye_analysis.errors import UserError
from juye_analysis.paths import PACKAGE_DIR, PROJ_ROOT
from juye_analysis.pipeline import fingerprint as fp
from juye_analysis.pipeline.build import build
from juye_analysis.pipeline.closure import Index, package_sources
from juye_analysis.pipeline.steps import (CORPUS_TABLES, PER_REPORT_TABLES, _resolve, first_step,
                                          read_step, run_corpus_step, run_step, step_inputs)
from juye_analysis.read.metadata import load_metadata

from .conftest import RAW, SUMMARY_2025, local_entries

REFERENCE = PROJ_ROOT / "data" / "reference"
FIGURE_ROOTS = ["juye_analysis.plots.style:use_house_style", "juye_analysis.plots.style:save_figure",
                "juye_analysis.plots.labels:label"]
EXPORT_ROOTS = ["juye_analysis.compare.panel:to_stata"]  # `export panel`, not the build
PROPOSER_ROOTS = ["juye_analysis.words.propose:edge_chars",  # scripts/propose_terms.py, not the build
                  "juye_analysis.words.propose:rejected_terms"]
# the division codes: read by `add` (a name → its code and parents) and by figure labels
# (English names), not by a table
DIVISION_ROOTS = ["juye_analysis.read.divisions:resolve_division",
                  "juye_analysis.read.divisions:english_name"]
DOCS = {"README.md", "THEMES.md"}  # documentation, read by people


def _resource_files() -> list[str]:
    return sorted(p.name for p in resource_files.RESOURCES.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name not in DOCS)


def _outputs_of(table: str) -> set:
    """Per-report table → names that read it, directly or not (declared inputs)."""
    readers = {table}
    for name, _, inputs in PER_REPORT_TABLES:
        if readers & set(inputs):
            readers.add(name)
    return readers


# -- tracing what the steps run and open --------------------------------------------------------

_OPENED: list | None = None


def _audit(event, args):
    if event == "open" and _OPENED is not None and isinstance(args[0], (str, Path)):
        _OPENED.append(Path(args[0]))


sys.addaudithook(_audit)  # (cannot be removed; records only while _OPENED is a list)


class _Trace:
    """Within it: every package code object called and every file opened."""

    def __enter__(self):
        global _OPENED
        fp.clear_package_caches()
        self.codes, self.opened = set(), []
        codes = self.codes

        def profile(frame, event, arg):
            if event == "call":
                codes.add(frame.f_code)
        _OPENED = self.opened
        sys.setprofile(profile)
        return self

    def __exit__(self, *exc):
        global _OPENED
        sys.setprofile(None)
        _OPENED = None
        return False

    def definitions(self, index: Index) -> set[str]:
        root = str(PACKAGE_DIR) + "/"
        out = set()
        for code in self.codes:
            if code.co_filename.startswith(root):
                rel = Path(code.co_filename).relative_to(PACKAGE_DIR.parent).with_suffix("").parts
                module = ".".join(rel[:-1] if rel[-1] == "__init__" else rel)
                out.add(index.definition_at(module, code.co_firstlineno))
        return out

    def data_files(self, folders) -> set[Path]:
        folders = [Path(f).resolve() for f in folders]
        return {p.resolve() for p in self.opened
                if any(p.resolve().parent == f for f in folders)}


class _Tracking(Mapping):
    """A mapping of tables that records which ones a step reads (``in``, ``[]``, ``get``, ``read``)."""

    def __init__(self, tables):
        self.tables, self.seen = tables, set()
        if hasattr(tables, "read"):
            self.read = lambda name, **kw: (self.seen.add(name), tables.read(name, **kw))[1]

    def __getitem__(self, name):
        self.seen.add(name)
        return self.tables[name]

    def __contains__(self, name):
        self.seen.add(name)
        return name in self.tables

    def __iter__(self):
        return iter(self.tables)

    def __len__(self):
        return len(self.tables)


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    """Every per-report step on the 2025 summary and every corpus step on the two bundled
    reports, each traced with the package's caches emptied: table → (definitions executed, data
    files opened, tables read)."""
    from juye_analysis.pipeline.build import process_one
    from juye_analysis.pipeline.storage import OutputWriter
    from juye_analysis.pipeline.parallel import corpus_map

    import pkgutil
    import juye_analysis

    for info in pkgutil.walk_packages(juye_analysis.__path__, "juye_analysis."):
        if not info.name.endswith("__main__"):  # imported now: not traced as a step's code
            importlib.import_module(info.name)
    index = fp.package_index()
    entries = local_entries()
    path, meta = next(e for e in entries if Path(e[0]).name == SUMMARY_2025.name)
    out = {}
    with _Trace() as t:
        report, (row, sentences, _) = first_step(path, meta)
    out["sentences"] = t
    tables = {"sentences": sentences}
    for name, fn in [(n, _resolve(s)) for n, s, _ in PER_REPORT_TABLES]:
        with _Trace() as t:
            tables[name] = run_step(fn, name, read_step(path, meta), tables)
        tracking = _Tracking(dict(tables))
        fn(report, tracking)
        t.read = tracking.seen
        out[name] = t
    results = [process_one(p, m) for p, m in entries]
    folder = tmp_path_factory.mktemp("corpus")
    with OutputWriter(folder) as writer:
        for r, tabs, _ in results:
            for name, df in tabs.items():
                writer.add(name, df)
        writer.add("reports", pd.DataFrame([r for r, _, _ in results]))
        reports = writer.frame("reports")
        for spec, inputs in CORPUS_TABLES:
            with _Trace() as t:
                run_corpus_step(spec, inputs, writer.loader(), reports, raw=RAW, corpus_map=corpus_map)
            tracking = _Tracking(writer.loader())
            _resolve(spec)(tracking, reports)
            t.read = tracking.seen
            out[spec] = t
    return index, out


ALL_TABLES = ["sentences"] + [n for n, _, _ in PER_REPORT_TABLES] + [s for s, _ in CORPUS_TABLES]


@pytest.mark.parametrize("table", ALL_TABLES)
def test_static_fingerprint_misses_no_executed_code_nor_opened_file(traced, table):
    index, runs = traced
    t = runs[table]
    inputs = fp.table_inputs(index)[table]
    executed = t.definitions(index)
    assert executed, "nothing traced"
    missing = sorted(executed - inputs.definitions)
    assert not missing, f"{table} runs {missing}, which its fingerprint does not cover"
    files = {p.resolve() for p in fp.input_files(table, RAW, index).values()}
    opened = t.data_files([resource_files.RESOURCES, *fp.reference_dirs(RAW)])
    assert opened <= files, f"{table} opens {sorted(opened - files)}, not in its fingerprint"


@pytest.mark.parametrize("table", [n for n, _, _ in PER_REPORT_TABLES])
def test_each_step_reads_exactly_the_tables_it_declares(traced, table):
    _, runs = traced
    assert runs[table].read == set(step_inputs()[table])


@pytest.mark.parametrize("spec,inputs", CORPUS_TABLES)
def test_each_corpus_step_reads_only_the_tables_it_declares(traced, spec, inputs):
    _, runs = traced
    assert runs[spec].read and runs[spec].read <= set(inputs)


def test_every_resource_file_is_read_by_a_table():
    """A resource file no table reads is dead, or read by code the analysis misses. fonts.csv and
    labels.csv are read by the figures (plots/), panel_variables.csv by the Stata export,
    term_proposer.csv and terms_rejected.csv by the term proposer, not by a table."""
    index = fp.package_index()
    read = {label.split("/", 1)[1] for t in fp.table_inputs(index)
            for label in fp.input_files(t, RAW, index) if label.startswith("resources/")}
    figures = index.inputs(FIGURE_ROOTS)
    export = index.inputs(EXPORT_ROOTS)
    proposer = index.inputs(PROPOSER_ROOTS)
    divisions = index.inputs(DIVISION_ROOTS)
    unread = [n for n in _resource_files() if n not in read and n not in figures.required
              and n not in export.required and n not in proposer.required
              and n not in divisions.required]
    assert not unread, f"no table reads {unread}"
    assert proposer.required - read == {"term_proposer.csv", "terms_rejected.csv"}
    assert figures.required - read - divisions.required == {"fonts.csv", "labels.csv"}
    assert export.required - read == {"panel_variables.csv"}
    assert divisions.required - read <= {"divisions.csv", "division_renames.csv",
                                          "division_english.csv"}


# -- rebuilds after a change ----------------------------------------------------------------------

def _data_copy(tmp: Path, reports: list[Path]) -> Path:
    data = tmp / "data"
    (data / "raw").mkdir(parents=True)
    for p in reports:
        shutil.copy2(p, data / "raw" / p.name)
    meta = pd.read_csv(RAW / "reports.csv", dtype=str, keep_default_na=False)
    meta[meta["file"].isin([p.name for p in reports])].to_csv(data / "raw" / "reports.csv", index=False)
    shutil.copytree(REFERENCE, data / "reference")
    build(data / "raw", data / "processed", progress=False)
    return data


@pytest.fixture(scope="module")
def summary_data(tmp_path_factory):
    """The 2025 summary alone, built (with its cache)."""
    return _data_copy(tmp_path_factory.mktemp("summary"), [SUMMARY_2025])


@pytest.fixture(scope="module")
def pair_data(tmp_path_factory):
    """Both bundled reports, built (with the cache): target_outcome and amplification have rows."""
    return _data_copy(tmp_path_factory.mktemp("pair"), sorted(RAW.glob("*.txt")))


def _rebuild_after(data: Path, tmp: Path, edit) -> tuple:
    copy = tmp / "data"
    shutil.copytree(data, copy)
    edit(copy)
    stats = build(copy / "raw", copy / "processed", progress=False)
    return stats, copy


def _expected(label: str) -> tuple[set, set]:
    """Per-report tables and corpus steps that read the file ``label`` (or read those)."""
    direct = {t for t in fp.table_inputs() if any(lab.endswith("/" + label)
                                                 for lab in fp.input_files(t))}
    per_report = set().union(*[_outputs_of(t) for t in direct if t in step_inputs() or t == "sentences"])
    corpus = {s for s, inputs in CORPUS_TABLES if s in direct or per_report & set(inputs)}
    return per_report, corpus


@pytest.mark.parametrize("name", _resource_files())
def test_changing_a_resource_file_rebuilds_exactly_the_tables_that_read_it(summary_data, tmp_path,
                                                                           resource_copy, name):
    per_report, corpus = _expected(name)
    assert per_report or corpus or name in ("fonts.csv", "labels.csv", "panel_variables.csv",
                                            "term_proposer.csv", "terms_rejected.csv",
                                            "division_english.csv")
    stats, _ = _rebuild_after(summary_data, tmp_path,
                              lambda _: (resource_copy / name).write_bytes(
                                  (resource_copy / name).read_bytes() + b"\n"))
    assert not stats.up_to_date or not (per_report or corpus)
    assert {n for n in stats.computed if n in step_inputs() or n == "sentences"} == per_report
    assert set(stats.corpus_computed) == corpus


def _outcome_rows(data: Path) -> pd.DataFrame:
    return pd.read_parquet(data / "processed" / "target_outcome.parquet")


def test_changing_target_rules_rebuilds_target_outcome(pair_data, tmp_path, resource_copy):
    """Was: target_rules.csv was in no cache key; the rebuild said "up to date" and kept the old
    target_outcome."""
    before = _outcome_rows(pair_data)
    rules = pd.read_csv(resource_copy / "target_rules.csv", dtype=str, keep_default_na=False)
    rules["test"] = "at_most"  # every target met only when the outcome is at most the target
    rules.to_csv(resource_copy / "target_rules.csv", index=False)
    stats, copy = _rebuild_after(pair_data, tmp_path, lambda _: None)
    assert not stats.up_to_date and stats.n_computed == 0
    assert stats.corpus_computed == ["compare.tables:comparison_tables"]
    assert "target_outcome" in stats.computed
    assert not _outcome_rows(copy)["status"].equals(before["status"])


def test_changing_target_direction_rebuilds_target_outcome(pair_data, tmp_path, resource_copy):
    before = _outcome_rows(pair_data)
    direction = pd.read_csv(resource_copy / "target_direction.csv", dtype=str, keep_default_na=False)
    flipped = {"lower": "higher", "higher": "lower"}
    measured = before["indicator"].unique()
    extra = pd.DataFrame({"indicator": [i for i in measured if i not in set(direction["indicator"])],
                          "better": "lower"})
    direction = pd.concat([direction.assign(better=direction["better"].map(flipped)), extra])
    direction.reindex(columns=pd.read_csv(resource_copy / "target_direction.csv").columns).fillna("") \
        .to_csv(resource_copy / "target_direction.csv", index=False)
    stats, copy = _rebuild_after(pair_data, tmp_path, lambda _: None)
    assert stats.corpus_computed == ["compare.tables:comparison_tables"] and stats.n_computed == 0
    assert not _outcome_rows(copy)[["status", "margin"]].equals(before[["status", "margin"]])


def test_changing_reference_targets_rebuilds_amplification(pair_data, tmp_path):
    before = pd.read_parquet(pair_data / "processed" / "amplification.parquet")
    assert len(before)

    def edit(copy):
        ref = pd.read_csv(copy / "reference" / "targets.csv", dtype=str, keep_default_na=False)
        ref["growth_pct"] = ref["growth_pct"].map(lambda v: str(float(v) + 1) if v else v)
        ref.to_csv(copy / "reference" / "targets.csv", index=False)

    stats, copy = _rebuild_after(pair_data, tmp_path, edit)
    assert stats.corpus_computed == ["compare.tables:comparison_tables"] and stats.n_computed == 0
    after = pd.read_parquet(copy / "processed" / "amplification.parquet")
    assert not after["level_growth_pct"].equals(before["level_growth_pct"])


def test_changing_a_corpus_step_s_input_table_rebuilds_it_and_not_the_others(summary_data, tmp_path):
    """A change of one report recomputes its tables and the corpus steps, nothing is up to date."""
    def edit(copy):
        p = copy / "raw" / SUMMARY_2025.name
        p.write_bytes(p.read_bytes() + "\n新增一句。\n".encode())
        from juye_analysis.read.metadata import sha256_file
        meta = pd.read_csv(copy / "raw" / "reports.csv", dtype=str, keep_default_na=False)
        meta["sha256"] = sha256_file(p)
        meta.to_csv(copy / "raw" / "reports.csv", index=False)

    stats, _ = _rebuild_after(summary_data, tmp_path, edit)
    assert stats.n_computed == 1 + len(PER_REPORT_TABLES)
    assert set(stats.corpus_computed) == {s for s, _ in CORPUS_TABLES}


# -- the analysis itself --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def analysed():
    """The package's sources, their analysis and the fingerprints it gives."""
    sources = package_sources(PACKAGE_DIR)
    index = Index(sources)
    return sources, index, fp.fingerprints(RAW, index)


@pytest.mark.parametrize("definition,old,new", [
    ("juye_analysis.compare.outcomes:target_status", "margin = actual - target",
     "margin = (actual - target)"),
    ("juye_analysis.resource_files:target_direction", 'read_resource_csv("target_direction.csv")',
     'read_resource_csv("target_direction.csv" )'),
    ("juye_analysis.resource_files:parse_userdict", "entries = []", "entries = list()"),
    ("juye_analysis.words.tokens:TOKEN_COLUMNS", '"position"', '"position" '),
    ("juye_analysis.indicators.ranks:rank_claims_table", "def rank_claims_table",
     "@lambda f: f\ndef rank_claims_table"),
])
def test_changing_one_function_changes_exactly_the_fingerprints_that_hold_it(analysed, definition,
                                                                            old, new):
    sources, index, prints = analysed
    holding = {t for t, i in fp.table_inputs(index).items() if definition in i.definitions}
    assert holding and holding != set(prints)
    assert old in index.source(definition)
    module = definition.partition(":")[0]
    changed = dict(sources, **{module: sources[module].replace(old, new, 1)})
    after = fp.fingerprints(RAW, Index(changed))
    assert {t for t in prints if prints[t] != after[t]} == holding


def test_target_rules_and_reference_targets_are_in_the_comparison_fingerprint():
    files = fp.input_files("compare.tables:comparison_tables", RAW)
    assert {"resources/target_rules.csv", "resources/target_direction.csv"} <= set(files)
    assert REFERENCE / "targets.csv" in files.values()
    assert "resources/target_rules.csv" not in fp.input_files("tokens", RAW)


def test_a_missing_resource_file_is_an_error(resource_copy):
    (resource_copy / "target_rules.csv").unlink()
    with pytest.raises(UserError, match="target_rules.csv.*no such resource file"):
        fp.fingerprints(RAW)


def test_a_resource_name_that_names_no_file_is_an_error():
    sources = package_sources(PACKAGE_DIR)
    module = "juye_analysis.resource_files"
    sources[module] = sources[module].replace('"target_rules.csv"', '"target_rulez.csv"')
    with pytest.raises(UserError, match="target_rulez.csv.*resource_files:target_rules"):
        fp.fingerprints(RAW, Index(sources))


@pytest.mark.parametrize("name,ok", [("target_rules.csv", True), ("target_rulez.csv", False)])
def test_resource_names_are_found_whatever_module_reads_them(name, ok):
    """The file name in a constant of a new module, read by a new loader there."""
    sources = package_sources(PACKAGE_DIR)
    sources["juye_analysis.loaders"] = (
        "import pandas as pd\nfrom .paths import PACKAGE_DIR\n\n"
        f"RULES = {name!r}\n\n"
        "def load_file(name):\n    return pd.read_csv(PACKAGE_DIR / 'resources' / name)\n")
    module = "juye_analysis.resource_files"
    old = 'read_resource_csv("target_rules.csv")'
    assert old in sources[module]
    sources[module] = sources[module].replace(old, "loaders.load_file(loaders.RULES)").replace(
        "from .paths import", "from . import loaders\nfrom .paths import")
    index = Index(sources)
    assert "juye_analysis.loaders:RULES" in fp.table_inputs(index)["compare.tables:comparison_tables"].definitions
    if ok:
        assert "target_rules.csv" in fp.table_inputs(index)["compare.tables:comparison_tables"].required
        assert "resources/target_rules.csv" in fp.input_files("compare.tables:comparison_tables", RAW, index)
    else:
        with pytest.raises(UserError, match="target_rulez.csv.*loaders:RULES"):
            fp.fingerprints(RAW, index)


def test_fingerprints_are_quick_once_analysed():
    import time

    fp.fingerprints(RAW)
    t = time.perf_counter()
    fp.fingerprints(RAW)
    assert time.perf_counter() - t < 0.5


def _last_function(source: str):
    """The last top-level function of a module's source: (name, line and indentation of its
    first statement)."""
    import ast

    funcs = [n for n in ast.parse(source).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not funcs:
        return None, None, None
    first = funcs[-1].body[0]
    return funcs[-1].name, first.lineno, first.col_offset


@pytest.mark.slow
def test_changing_each_module_in_turn_changes_exactly_the_tables_that_run_it(analysed):
    """Every module of the package, in turn: a statement added to its last function changes the
    fingerprints of exactly the tables whose code reaches that function, and no other."""
    sources, index, prints = analysed
    inputs = fp.table_inputs(index)
    tried = 0
    for module, source in sorted(sources.items()):
        name, line, indent = _last_function(source)
        if name is None:
            continue
        lines = source.split("\n")
        lines.insert(line - 1, " " * indent + "pass  # changed")
        changed = dict(sources, **{module: "\n".join(lines)})
        after = fp.fingerprints(RAW, Index(changed))
        definition = f"{module}:{name}"
        holding = {t for t, i in inputs.items() if definition in i.definitions}
        assert {t for t in prints if prints[t] != after[t]} == holding, module
        tried += 1
    assert tried > 40
