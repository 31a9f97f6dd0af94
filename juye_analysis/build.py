"""The one entry point that rebuilds every table: ``python -m juye_analysis build``.

Stages: the metadata (``data/raw/reports.csv``, or the text files alone) is validated as a whole;
each report goes through the per-report steps, pure functions of its text, its metadata and the
resource files (cached, see :mod:`juye_analysis.runner`); the results stream into the output
files; corpus-wide tables are computed from the per-report ones; everything moves into
``data/processed/`` in one step at the end (see :mod:`juye_analysis.tables`).
"""
from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import platform
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import __version__, resources
from .corpus import Report, read_report, sentences_table
from .errors import UserError
from .metadata import REPORT_COLUMNS, load_metadata, sha256_file
from .paths import PACKAGE_DIR, processed_dir
from .paths import raw_dir as default_raw_dir
from .tables import OutputWriter

# Per-report tables after `sentences`, in order: (name, "module:function"). Each function takes
# (report, tables_so_far) and returns a DataFrame whose first column is report_id. A name that
# starts with "_" is internal: the corpus-wide steps read it, data/processed does not get it.
PER_REPORT_TABLES: list[tuple[str, str]] = [
    ("tokens", "tokenize:tokens_table"),
    ("term_frequencies", "keywords:term_frequencies_table"),
    ("tfidf_sections", "keywords:tfidf_sections_table"),
    ("theme_attention", "keywords:theme_attention_table"),
    ("collocations", "keywords:collocations_table"),
    ("_textrank", "keywords:jieba_textrank_table"),  # internal: jieba_keywords' TextRank rows
    ("_tfidf_counts", "keywords:jieba_tfidf_counts_table"),  # internal: for its TF-IDF rows
    ("quantities", "numbers:quantities_table"),
    ("indicators", "indicators:indicators_table"),
    ("targets", "indicators:targets_table"),
    ("rank_claims", "indicators:rank_claims_table"),
]

# Corpus-wide tables, computed from the per-report tables: "module:function" taking
# (tables, reports) and returning {name: DataFrame}; `tables` is a read-only mapping name →
# DataFrame that loads each per-report table on first access.
CORPUS_TABLES: list[str] = [
    "keywords:corpus_tables",
    "compare:comparison_tables",
    "keyness:keyness_tables",
    "reuse:reuse_tables",
]

# The resource files each table depends on (a change rebuilds that table and those after it).
# Tables not listed depend on no resource file beyond those of the tables before them.
TABLE_RESOURCES: dict[str, tuple[str, ...]] = {
    "sentences": ("structure.csv", "web_boilerplate.csv"),
    "tokens": ("userdict.txt", "stopwords.csv"),
    "theme_attention": ("themes.csv",),
    "quantities": ("units.csv", "scales.csv", "qualifiers.csv", "numeral_names.txt",
                   "extraction_words.csv"),
    "indicators": ("indicators.csv", "paired_terms.csv"),
}

# The code every table depends on (reading and normalising).
COMMON_CODE = ("text.py", "messy.py", "corpus.py", "resources.py", "metadata.py", "build.py")

LIBRARIES = ("pandas", "numpy", "pyarrow", "jieba", "matplotlib", "seaborn", "wordcloud", "opencc")


def _resolve(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(f"juye_analysis.{module}"), name)


def later_steps():
    """(name, function) of the per-report tables after `sentences`."""
    return [(name, _resolve(spec)) for name, spec in PER_REPORT_TABLES]


def first_step(path: str, meta: dict, report_only: bool = False):
    """Read one report; return it (``report_only``) or it with (reports row, sentences, text)."""
    meta = dict(meta)
    infer = bool(meta.pop("infer", False))
    report = read_report(path, meta=meta)
    if infer and not report.meta.get("county"):
        raise UserError(path, "cannot infer the county from the text; list the report in reports.csv")
    if report_only:
        return report
    sentences = sentences_table(report)
    return report, (reports_row(report, sentences), sentences, report.text)


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every per-report table of one report, internal ones (``_`` names) included (a pure
    function of text, metadata and resources)."""
    tables = {"sentences": sentences_table(report)}
    for name, fn in later_steps():
        tables[name] = fn(report, tables)
    return tables


def process_one(path: str, meta: dict) -> tuple[dict, dict[str, pd.DataFrame], str]:
    """Read one report and build its tables without the cache: (reports row, tables, text)."""
    from .runner import process_cached

    row, tables, text, _ = process_cached(path, meta, None, None)
    return row, tables, text


def reports_row(report: Report, sentences: pd.DataFrame) -> dict:
    """The report's row of the ``reports`` table: metadata plus size and what was repaired."""
    row = {c: report.meta.get(c, "") for c in REPORT_COLUMNS}
    row.update(report_id=report.report_id, sha256=report.sha256, encoding=report.encoding,
               report_year=report.report_year, review_year=report.review_year,
               n_chars=len(report.text), n_paragraphs=int(sentences["paragraph_no"].nunique()),
               n_sentences=len(sentences), cleaning="; ".join(report.normalized.notes))
    return row


@lru_cache(maxsize=None)
def _file_hash(name: str) -> str:
    path = PACKAGE_DIR / name
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def fingerprints() -> list[tuple[str, str]]:
    """(table, hash of the code and resource files it depends on), in build order."""
    res = resources.resource_hashes()
    common = "".join(_file_hash(n) for n in COMMON_CODE)
    out = [("sentences", common + "".join(res.get(r, "") for r in TABLE_RESOURCES["sentences"]))]
    for name, spec in PER_REPORT_TABLES:
        module = spec.partition(":")[0]
        deps = "".join(res.get(r, "") for r in TABLE_RESOURCES.get(name, ()))
        out.append((name, common + _file_hash(f"{module}.py") + deps))
    return out


@dataclass
class BuildStats:
    """What a build did: reports, tables recomputed (not loaded from the cache), up to date."""

    n_reports: int = 0
    n_computed: int = 0
    up_to_date: bool = False
    tables: dict = field(default_factory=dict)  # name → number of rows


def build(raw_dir: Path | None = None, out_dir: Path | None = None, *, jobs: int = 1,
          use_cache: bool = True, scheduler: str = "local", address: str | None = None,
          progress: bool = True) -> BuildStats:
    """Build every table from ``raw_dir`` into ``out_dir``."""
    raw = Path(raw_dir) if raw_dir else default_raw_dir()
    out = Path(out_dir) if out_dir else processed_dir()
    entries = load_metadata(raw)
    prints = fingerprints()
    keys = [table_keys_for(path, meta, prints) for path, meta in entries]
    signature = hashlib.sha256(json.dumps(keys).encode()).hexdigest()
    if use_cache and _up_to_date(out, signature):
        if progress:
            print(f"{out}: up to date ({len(entries)} reports)", file=sys.stderr)
        return BuildStats(len(entries), 0, True)
    from .runner import build_processes, run_reports

    cache_root = str(out / ".cache") if use_cache else None
    items = [(path, meta, k, cache_root) for (path, meta), k in zip(entries, keys)]
    stats = BuildStats(len(entries))
    seen: dict = {}
    with OutputWriter(out) as writer, build_processes(jobs, scheduler):
        rows = []
        for (path, _), (row, tables, text, computed) in zip(
                entries, run_reports(items, jobs=jobs, scheduler=scheduler, address=address,
                                     progress=progress)):
            _check_duplicate(seen, row, path)
            rows.append(row)
            stats.n_computed += computed
            writer.add_text(row["report_id"], text)
            for name, df in tables.items():
                writer.add(name, df)
        writer.add("reports", pd.DataFrame(rows))
        for spec in CORPUS_TABLES:
            fn = _resolve(spec)
            extra = {"raw": raw} if "raw" in inspect.signature(fn).parameters else {}
            for name, df in fn(writer.loader(), writer.frame("reports"), **extra).items():
                writer.add(name, df)
        info = build_info(raw, writer.frame("reports"))
        info["signature"] = signature
        writer.set_info(info)
        stats.tables = writer.row_counts()
    if progress:
        summary = ", ".join(f"{n} {c}" for n, c in stats.tables.items())
        print(f"built {stats.n_reports} reports into {out} ({stats.n_computed} tables computed, "
              f"the rest from the cache): {summary}", file=sys.stderr)
    return stats


def table_keys_for(path: str, meta: dict, prints) -> list[str]:
    from .runner import table_keys

    return table_keys(sha256_file(Path(path)), meta, prints)


def _up_to_date(out: Path, signature: str) -> bool:
    try:
        info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return info.get("signature") == signature and all(
        (out / f"{name}.parquet").exists() for name in info.get("tables", ["reports"]))


def _check_duplicate(seen: dict, row: dict, path: str) -> None:
    """The same report twice (same text, or same county and year) is an error naming both files."""
    for key in (("sha256", row["sha256"]), ("county and year", (row["county"], row["report_year"])),
                ("report_id", row["report_id"])):
        if key in seen:
            raise UserError(path, f"same {key[0]} as {seen[key]}: the same report listed twice?")
        seen[key] = path


def _keyword_settings() -> dict:
    """The settings the keyword tables were counted with (besides the resource files)."""
    from .keywords import DEFAULT_TIERS, MIN_CHARS
    from .tokenize import HMM

    return {"stopword_tiers": list(DEFAULT_TIERS), "min_chars": MIN_CHARS, "jieba_hmm": HMM}


def build_info(raw: Path, reports: pd.DataFrame) -> dict:
    """What the build was made from: package and library versions, resource hashes, inputs."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for lib in LIBRARIES:  # from the installed metadata: importing matplotlib and co. takes a second
        try:
            versions[lib] = version(lib)
        except PackageNotFoundError:  # a missing optional library is recorded as absent
            versions[lib] = None
    return {
        "juye_analysis": __version__,
        "python": platform.python_version(),
        "libraries": versions,
        "resources_sha256": resources.resource_hashes(),
        "keywords": _keyword_settings(),
        "raw_dir": str(raw),
        "reports": dict(zip(reports["report_id"], reports["sha256"])),
    }
