"""Fingerprints of the tables: the code each table runs and the files it reads, found from the
source, never from a list kept by hand.

A table's *inputs* are found by static analysis of the package (:mod:`.closure`) from the
functions that make it:

- ``sentences`` (and the ``reports`` row): ``pipeline.steps.first_step``;
- every later per-report table: its function in ``steps.PER_REPORT_TABLES``, with
  ``steps.read_step`` (reading the report) and ``steps.run_step``;
- every corpus-wide step (``steps.CORPUS_TABLES``): its function, with ``steps.run_corpus_step``,
  the lazy tables of the build it reads through (``storage.LazyTables``, ``storage.OutputWriter``)
  and ``parallel.corpus_map``;
- ``_output`` (what writes the files of ``data/processed``): ``pipeline.build.build``.

The inputs are every top-level definition (function, class, module constant, with each module's
imports and top-level code) in the transitive closure of those functions, and the files that the
string literals of that closure name in ``juye_analysis/resources/`` and in the reference folder
(``reference/`` beside the raw folder, and ``paths.reference_dir()``). The fingerprint hashes the
source text of each definition, the bytes of each such file (a reference file that is absent is
hashed as absent: the code reads it only if it is there), and the versions of the libraries that
make the values (``LIBRARIES``) and of Python. A file name passed to a resource reader that names
no file is a :class:`UserError`, never an empty hash.

What the analysis cannot see is code reached through strings (``importlib`` of a spec, as
``steps._resolve`` does): that is why the roots are the step functions themselves. Per-report
fingerprints go into the table keys (:mod:`.cache`); the corpus-wide ones into the keys of the
corpus steps; all of them, and ``_output``, into the build's signature (``build_info.json``), so
that nothing is reported up to date when any of them changed.

The static analysis runs once per process and package source (the source files' sizes and times
are checked at every call); the files are hashed at every call. On this machine the first call
takes 0.2-0.5 s, later ones about 10 ms. :func:`clear_package_caches` empties the package's
``lru_cache`` loaders; the build calls it when a resource file changed within one process.
"""
from __future__ import annotations

import hashlib
import platform
import sys
from pathlib import Path
from .. import resource_files
from ..errors import UserError
from ..paths import PACKAGE_DIR, reference_dir
from .closure import Index, Inputs, package_sources
from .steps import CORPUS_TABLES, FIRST_STEP, PER_REPORT_TABLES, READ_STEP


LIBRARIES = ("jieba", "pandas", "numpy", "pyarrow", "opencc", "pypdfium2", "python-docx", "pytesseract")


OUTPUT = "_output"


_PKG = "juye_analysis"


def _def(spec: str) -> str:
    return f"{_PKG}.{spec}"


def table_roots() -> dict[str, tuple[str, ...]]:
    """The functions each table is made by (definitions ``module:name``), by table; corpus-wide
    steps by their spec in ``CORPUS_TABLES``."""
    roots = {"sentences": (_def(FIRST_STEP),)}
    for name, spec, _ in PER_REPORT_TABLES:
        roots[name] = (_def(READ_STEP), _def("pipeline.steps:run_step"), _def(spec))
    for spec, _ in CORPUS_TABLES:
        roots[spec] = (_def(spec), _def("pipeline.steps:run_corpus_step"),
                       _def("pipeline.storage:LazyTables"), _def("pipeline.storage:OutputWriter"),
                       _def("pipeline.parallel:corpus_map"))
    roots[OUTPUT] = (_def("pipeline.build:build"),)
    return roots


_INDEX: tuple | None = None  # (stat signature of the package's source, Index)


def package_index() -> Index:
    """The static analysis of the installed package (once per process and source)."""
    global _INDEX
    paths = sorted(PACKAGE_DIR.rglob("*.py"))
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if _INDEX is None or _INDEX[0] != stamp:
        _INDEX = (stamp, Index(package_sources(PACKAGE_DIR)))
    return _INDEX[1]


def table_inputs(index: Index | None = None) -> dict[str, Inputs]:
    """The static inputs (definitions and file names) of every table, by table."""
    index = index or package_index()
    cache = index.__dict__.setdefault("_table_inputs", {})
    if not cache:
        cache.update({name: index.inputs(roots) for name, roots in table_roots().items()})
    return cache


def reference_dirs(raw: Path | None = None) -> list[Path]:
    """Where reference files are read from: ``reference/`` beside the raw folder, then
    ``paths.reference_dir()``."""
    dirs = [Path(raw).parent / "reference"] if raw else []
    return dirs + [d for d in [reference_dir()] if d not in dirs]


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = [f"python={platform.python_version()}"]
    for lib in LIBRARIES:
        try:
            out.append(f"{lib}={version(lib)}")
        except PackageNotFoundError:
            out.append(f"{lib}=absent")
    return ";".join(out)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _named_by(index: Index, inputs: Inputs, name: str) -> str:
    for d in sorted(inputs.definitions):
        if name in index.facts(d).literals:
            return d
    return "?"


def input_files(table: str, raw: Path | None = None, index: Index | None = None) -> dict[str, Path]:
    """The files a table reads: label (``resources/NAME``; ``reference0/NAME`` beside the raw
    folder and ``reference1/NAME`` in ``paths.reference_dir()``, or only the latter without
    ``raw``) → path (a reference file may be absent). A resource name passed to a reader that
    names no file raises UserError."""
    index = index or package_index()
    inputs = table_inputs(index)[table]
    out: dict[str, Path] = {}
    for name in sorted(inputs.required):
        path = resource_files.resource_path(name)
        if not path.is_file():
            raise UserError(path, f"named in {_named_by(index, inputs, name)} (the code of table "
                                  f"{table}) but there is no such resource file")
        out[f"resources/{name}"] = path
    dirs = reference_dirs(raw)
    reference = set(inputs.reference)
    for name in sorted(inputs.other):
        if resource_files.resource_path(name).is_file():
            out[f"resources/{name}"] = resource_files.resource_path(name)
        elif any((d / name).is_file() for d in dirs):
            reference.add(name)
    for name in sorted(reference):  # by place, not path: a data folder moved keeps its keys
        out.update({f"reference{i}/{name}": d / name for i, d in enumerate(dirs)})
    return out


def fingerprints(raw: Path | None = None, index: Index | None = None) -> dict[str, str]:
    """Table (per-report name, corpus-wide spec, ``_output``) → hash of its inputs (see the
    module docstring), the per-report tables first in build order. ``raw``: the build's raw
    folder (its reference folder counts)."""
    index = index or package_index()
    sources = index.__dict__.setdefault("_source_hashes", {})
    versions = _versions()
    files: dict[Path, str] = {}
    out = {}
    for table, inputs in table_inputs(index).items():
        h = hashlib.sha256(versions.encode())
        for d in sorted(inputs.definitions):
            if d not in sources:
                sources[d] = _sha(index.source(d).encode("utf-8"))
            h.update(f"\0{d}={sources[d]}".encode())
        for label, path in input_files(table, raw, index).items():
            if path not in files:
                files[path] = _sha(path.read_bytes()) if path.is_file() else "absent"
            h.update(f"\0{label}={files[path]}".encode())
        out[table] = h.hexdigest()
    return out


def clear_package_caches() -> int:
    """Empty every ``lru_cache`` of the package's loaded modules (resource loaders, the
    tokenizer); returns how many."""
    n = 0
    for name, module in list(sys.modules.items()):
        if name == _PKG or name.startswith(_PKG + "."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                    value.cache_clear()
                    n += 1
    return n
