"""The one entry point that rebuilds every table: ``python -m juye_analysis build``.

Stages: the metadata (``data/raw/reports.csv``, or the text files alone) is validated as a whole;
each report goes through :func:`report_tables`, a pure function of its text, its metadata and the
resource files; corpus-wide tables are computed from the per-report ones; everything is written
to ``data/processed/`` in one step (see :mod:`juye_analysis.tables`).
"""
from __future__ import annotations

import hashlib
import importlib
import platform
import sys
from pathlib import Path

import pandas as pd

from . import __version__, resources
from .corpus import Report, read_report, sentences_table
from .errors import UserError
from .metadata import REPORT_COLUMNS, load_metadata
from .paths import processed_dir
from .paths import raw_dir as default_raw_dir
from .tables import write_outputs

# Per-report tables after `sentences`, in order: (name, "module:function"). Each function takes
# (report, tables_so_far) and returns a DataFrame whose first column is report_id.
PER_REPORT_TABLES: list[tuple[str, str]] = [
]

# Corpus-wide tables, computed from the concatenated per-report tables: "module:function" taking
# (tables, reports) and returning {name: DataFrame}.
CORPUS_TABLES: list[str] = [
]

LIBRARIES = ("pandas", "numpy", "pyarrow", "jieba", "matplotlib", "seaborn", "wordcloud", "opencc")


def _resolve(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(f"juye_analysis.{module}"), name)


def report_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Every per-report table of one report (a pure function of text, metadata and resources)."""
    tables = {"sentences": sentences_table(report)}
    for name, spec in PER_REPORT_TABLES:
        tables[name] = _resolve(spec)(report, tables)
    return tables


def reports_row(report: Report, sentences: pd.DataFrame) -> dict:
    """The report's row of the ``reports`` table: metadata plus size."""
    row = {c: report.meta.get(c, "") for c in REPORT_COLUMNS}
    row.update(report_id=report.report_id, sha256=report.sha256, encoding=report.encoding,
               report_year=report.report_year, review_year=report.review_year,
               n_chars=len(report.text), n_paragraphs=int(sentences["paragraph_no"].nunique()),
               n_sentences=len(sentences), cleaning="; ".join(report.normalized.notes))
    return row


def process_one(path: str, meta: dict) -> tuple[dict, dict[str, pd.DataFrame], str]:
    """Read one report and build its tables: (reports row, tables, normalised text)."""
    infer = bool(meta.pop("infer", False)) if meta else False
    report = read_report(path, meta=meta)
    if infer and not report.meta.get("county"):
        raise UserError(path, "cannot infer the county from the text; list the report in reports.csv")
    tables = report_tables(report)
    return reports_row(report, tables["sentences"]), tables, report.text


def build(raw_dir: Path | None = None, out_dir: Path | None = None, *, jobs: int = 1,
          use_cache: bool = True, scheduler: str = "local", address: str | None = None,
          progress: bool = True) -> dict[str, pd.DataFrame]:
    """Build every table from ``raw_dir`` into ``out_dir``; return the tables."""
    raw = Path(raw_dir) if raw_dir else default_raw_dir()
    out = Path(out_dir) if out_dir else processed_dir()
    entries = load_metadata(raw)
    results = _run(entries, jobs=jobs, use_cache=use_cache, scheduler=scheduler, address=address,
                   progress=progress, out=out)
    _check_duplicates(results, entries)
    rows, per_report, texts = [], {}, {}
    for row, tables, text in results:
        rows.append(row)
        texts[row["report_id"]] = text
        for name, df in tables.items():
            per_report.setdefault(name, []).append(df)
    tables = {"reports": pd.DataFrame(rows)}
    for name, parts in per_report.items():
        tables[name] = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    for spec in CORPUS_TABLES:
        tables.update(_resolve(spec)(tables, tables["reports"]))
    write_outputs(out, tables, texts, build_info(raw, tables["reports"]))
    if progress:
        summary = ", ".join(f"{name} {len(df)}" for name, df in tables.items())
        print(f"built {len(rows)} reports into {out}: {summary}", file=sys.stderr)
    return tables


def _check_duplicates(results, entries) -> None:
    """The same report twice (same text, or same county and year) is an error naming both files."""
    seen: dict = {}
    for (row, _, _), (path, _) in zip(results, entries):
        for key in (("sha256", row["sha256"]), ("county and year", (row["county"], row["report_year"])),
                    ("report_id", row["report_id"])):
            if key in seen:
                raise UserError(path, f"same {key[0]} as {seen[key]}: the same report listed twice?")
            seen[key] = path


def _run(entries, *, jobs, use_cache, scheduler, address, progress, out):
    from .runner import run_reports

    return run_reports(entries, jobs=jobs, use_cache=use_cache, scheduler=scheduler,
                       address=address, progress=progress, cache_root=out / ".cache")


def build_info(raw: Path, reports: pd.DataFrame) -> dict:
    """What the build was made from: package and library versions, resource hashes, inputs."""
    versions = {}
    for lib in LIBRARIES:
        try:
            versions[lib] = importlib.import_module(lib).__version__
        except Exception:  # noqa: BLE001 - a missing optional library is recorded as absent
            versions[lib] = None
    return {
        "juye_analysis": __version__,
        "python": platform.python_version(),
        "libraries": versions,
        "resources_sha256": resources.resource_hashes(),
        "raw_dir": str(raw),
        "reports": {r.report_id: r.sha256 for r in reports.itertuples()},
        "pipeline_sha256": pipeline_hash(),
    }


def pipeline_hash() -> str:
    """Hash of the package's code and resources: the build cache is keyed by it."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for path in sorted(pkg.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".txt", ".json", ".toml"} \
                and "__pycache__" not in path.parts:
            h.update(path.relative_to(pkg).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()
