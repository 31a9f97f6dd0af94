"""The build cache: keys of the tables, entries stored and loaded (``.cache/`` in the output
folder, one pickle per key).

The key of a per-report table is the hash of the report file's sha256, its metadata row, the
table's fingerprint (:mod:`.fingerprint`: the source of every definition it runs, the bytes of
every resource and reference file it reads, library versions) and the keys of the earlier tables
it reads (its inputs in ``steps.PER_REPORT_TABLES``, and no others). The key of a corpus-wide step
is the hash of its fingerprint, the keys of every report's first table (``sentences``: it makes
the ``reports`` row) and the keys of every report's tables that it reads (``steps.CORPUS_TABLES``),
in build order. So a change of a report, a function or a file recomputes exactly the tables whose
inputs hold it, and those that read them.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path


def _h(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def table_keys(file_sha: str, meta: dict, fingerprints: dict[str, str]) -> dict[str, str]:
    """Cache keys of a report's tables by name, in build order (see the module docstring)."""
    from .steps import PER_REPORT_TABLES

    base = _h(file_sha, json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str))
    keys = {"sentences": _h(base, "sentences", fingerprints["sentences"])}
    for name, _, inputs in PER_REPORT_TABLES:
        keys[name] = _h(base, name, fingerprints[name], *(f"{i}={keys[i]}" for i in inputs))
    return keys


def corpus_key(spec: str, inputs, fingerprint: str, report_keys: list[dict[str, str]]) -> str:
    """Cache key of a corpus-wide step (see the module docstring)."""
    parts = [spec, fingerprint]
    for keys in report_keys:
        parts += [keys["sentences"], *(f"{i}={keys[i]}" for i in inputs)]
    return _h(*parts)


def load(root: Path | None, key: str):
    """The entry stored under ``key`` (None if there is none, or it cannot be read)."""
    if root is None:
        return None
    try:
        return pickle.loads((Path(root) / f"{key}.pkl").read_bytes())
    except Exception:  # noqa: BLE001 - a missing or corrupt entry is recomputed
        return None


def store(root: Path | None, key: str, value) -> None:
    if root is None:
        return
    cache_root = Path(root)
    cache_root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_root, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, cache_root / f"{key}.pkl")


def process_cached(path: str, meta: dict, keys: dict[str, str] | None, cache_root: str | None):
    """One report's (reports row, tables, text, names of the tables computed), using the cache."""
    from .steps import first_step, later_steps, read_step, run_step

    root = Path(cache_root) if cache_root and keys else None
    computed = []
    first = load(root, keys["sentences"]) if root else None
    report = None
    if first is None:
        report, first = first_step(path, meta)
        computed.append("sentences")
        store(root, keys["sentences"] if root else "", first)
    row, sentences, text = first
    tables = {"sentences": sentences}
    for name, fn in later_steps():
        value = load(root, keys[name]) if root else None
        if value is None:
            if report is None:
                report = read_step(path, meta)
            value = run_step(fn, name, report, tables)
            computed.append(name)
            store(root, keys[name] if root else "", value)
        tables[name] = value
    return row, tables, text, computed
