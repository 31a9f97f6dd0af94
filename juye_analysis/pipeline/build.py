"""The one entry point that rebuilds every table: ``python -m juye_analysis build``.

Stages: the metadata (``data/raw/reports.csv``, or the text files alone) is validated as a whole;
each report goes through the per-report steps, pure functions of its text, its metadata and the
resource files (cached, see :mod:`.cache`); the results stream into the output
files; corpus-wide tables are computed from the per-report ones; the build's folder is published
into ``data/processed/`` in one atomic step at the end (see :mod:`.storage` and :mod:`.publish`).
The whole build holds the folder's lock; it first removes what builds that died left behind, and
at the end prunes the cache of entries no recent build used (:func:`.cache.prune`).
"""
from __future__ import annotations

import hashlib
import json
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
import pandas as pd
from .. import __version__
from .. import resource_files as resources
from ..errors import UserError
from ..read.metadata import load_metadata, sha256_file
from ..paths import processed_dir
from ..paths import raw_dir as default_raw_dir
from .storage import OutputWriter
from .publish import build_lock, files_match, published_dir, remove_leftovers
from .steps import CORPUS_TABLES, run_corpus_step
from .fingerprint import OUTPUT, clear_package_caches, fingerprints
from .cache import corpus_key, load, prune, store
from .parallel import corpus_map


LIBRARIES = ("pandas", "numpy", "pyarrow", "jieba", "matplotlib", "seaborn", "wordcloud", "opencc", "pypdfium2",
             "python-docx")


def process_one(path: str, meta: dict) -> tuple[dict, dict[str, pd.DataFrame], str]:
    """Read one report and build its tables without the cache: (reports row, tables, text)."""
    from .cache import process_cached

    row, tables, text, _ = process_cached(path, meta, None, None)
    return row, tables, text


@dataclass
class BuildStats:
    """What a build did: reports; ``computed``: table name → how many times it was computed (not
    loaded from the cache; a per-report table once per report, a corpus-wide one once);
    ``corpus_computed``: the corpus-wide steps computed (specs of ``steps.CORPUS_TABLES``);
    ``n_computed``: per-report tables computed; up to date; ``tables``: name → number of rows."""

    n_reports: int = 0
    n_computed: int = 0
    up_to_date: bool = False
    tables: dict = field(default_factory=dict)
    computed: dict = field(default_factory=dict)
    corpus_computed: list = field(default_factory=list)  # specs of the corpus-wide steps computed


_LAST_RESOURCES: tuple | None = None  # resource folder and file hashes at this process's last build


def build(raw_dir: Path | None = None, out_dir: Path | None = None, *, jobs: int = 1,
          use_cache: bool = True, scheduler: str = "local", address: str | None = None,
          progress: bool = True) -> BuildStats:
    """Build every table from ``raw_dir`` into ``out_dir``."""
    global _LAST_RESOURCES
    raw = Path(raw_dir) if raw_dir else default_raw_dir()
    out = Path(out_dir) if out_dir else processed_dir()
    entries = load_metadata(raw)
    prints = fingerprints(raw)
    state = (str(resources.resource_path("")), resources.resource_hashes())
    if state != _LAST_RESOURCES:  # first build of the process, or a resource file changed since:
        clear_package_caches()  # no loader may keep what it read before
    _LAST_RESOURCES = state
    keys = [table_keys_for(path, meta, prints) for path, meta in entries]
    corpus_keys = [corpus_key(spec, inputs, prints[spec], keys) for spec, inputs in CORPUS_TABLES]
    signature = hashlib.sha256(json.dumps([keys, corpus_keys, prints[OUTPUT]]).encode()).hexdigest()
    with build_lock(out):  # a second build in this folder waits for this one
        removed = remove_leftovers(out)
        if removed and progress:
            print(f"{out}: removed what {len(removed)} earlier builds left behind (killed, or out "
                  "of disk space)", file=sys.stderr)
        if use_cache and _up_to_date(out, signature):
            if progress:
                print(f"{out}: up to date ({len(entries)} reports)", file=sys.stderr)
            return BuildStats(len(entries), 0, True)
        from .parallel import build_processes, run_reports

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
                stats.n_computed += len(computed)
                for name in computed:
                    stats.computed[name] = stats.computed.get(name, 0) + 1
                writer.add_text(row["report_id"], text)
                for name, df in tables.items():
                    writer.add(name, df)
            writer.add("reports", pd.DataFrame(rows).astype({"n_pages": "Int64"}))
            for (spec, inputs), key in zip(CORPUS_TABLES, corpus_keys):
                result = load(cache_root and Path(cache_root), f"corpus-{key}", "tables")
                if result is None:
                    result = run_corpus_step(spec, inputs, writer.loader(), writer.frame("reports"),
                                             raw=raw, corpus_map=corpus_map)
                    store(cache_root and Path(cache_root), f"corpus-{key}", result, "tables")
                    stats.computed.update({name: 1 for name in result})
                    stats.corpus_computed.append(spec)
                for name, df in result.items():
                    writer.add(name, df)
            info = build_info(raw, writer.frame("reports"))
            info["signature"] = signature
            writer.set_info(info)
            stats.tables = writer.row_counts()
        if cache_root:
            prune(Path(cache_root), [k for ks in keys for k in ks.values()]
                  + [f"corpus-{k}" for k in corpus_keys])
    if progress:
        summary = ", ".join(f"{n} {c}" for n, c in stats.tables.items())
        print(f"built {stats.n_reports} reports into {out} ({stats.n_computed} tables and "
              f"{len(stats.corpus_computed)} of {len(CORPUS_TABLES)} corpus-wide steps computed, "
              f"the rest from the cache): {summary}", file=sys.stderr)
    return stats


def table_keys_for(path: str, meta: dict, prints) -> dict[str, str]:
    from .cache import table_keys

    return table_keys(sha256_file(Path(path)), meta, prints)


def _up_to_date(out: Path, signature: str) -> bool:
    """The published build was made from these inputs and every file it published is there as
    published: size and sha256 as build_info.json records them (a deleted CSV or text, an
    emptied Parquet file, a missing link: not up to date)."""
    try:
        info = json.loads((published_dir(out) / "build_info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(info, dict) and info.get("signature") == signature
            and files_match(out, info.get("files")))


def _check_duplicate(seen: dict, row: dict, path: str) -> None:
    """The same report twice (same text, or same county and year) is an error naming both files."""
    for key in (("sha256", row["sha256"]), ("county and year", (row["county"], row["report_year"])),
                ("report_id", row["report_id"])):
        if key in seen:
            raise UserError(path, f"same {key[0]} as {seen[key]}: the same report listed twice?")
        seen[key] = path


def _keyword_settings() -> dict:
    """The settings the keyword tables were counted with (besides the resource files)."""
    from ..words.stopwords import DEFAULT_TIERS, MIN_CHARS
    from ..words.tokenizer import HMM

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
        "dictionary_version": resources.userdict_version(),  # what term counts and trends used
        "raw_dir": str(raw),
        "reports": dict(zip(reports["report_id"], reports["sha256"])),
    }
