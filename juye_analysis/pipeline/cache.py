"""The cache of per-report tables: keys made from the file's sha256, its metadata and the
fingerprints of the tables; entries stored and loaded.
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


def table_keys(file_sha: str, meta: dict, fingerprints: list[tuple[str, str]]) -> list[str]:
    """Cache keys of a report's tables, in order (see the module docstring)."""
    key = _h(file_sha, json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str))
    keys = []
    for name, fingerprint in fingerprints:
        key = _h(key, name, fingerprint)
        keys.append(key)
    return keys


def _load(path: Path):
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a missing or corrupt entry is recomputed
        return None


def _store(cache_root: Path, key: str, value) -> None:
    cache_root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_root, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, cache_root / f"{key}.pkl")


def process_cached(path: str, meta: dict, keys: list[str] | None, cache_root: str | None):
    """One report's (reports row, tables, text, number of tables computed), using the cache."""
    from .steps import first_step, later_steps

    root = Path(cache_root) if cache_root and keys else None
    computed = 0
    first = _load(root / f"{keys[0]}.pkl") if root else None
    report = None
    if first is None:
        report, first = first_step(path, meta)
        computed += 1
        if root:
            _store(root, keys[0], first)
    row, sentences, text = first
    tables = {"sentences": sentences}
    for i, (name, fn) in enumerate(later_steps(), start=1):
        value = _load(root / f"{keys[i]}.pkl") if root else None
        if value is None:
            if report is None:
                report = first_step(path, meta, report_only=True)
            value = fn(report, tables)
            computed += 1
            if root:
                _store(root, keys[i], value)
        tables[name] = value
    return row, tables, text, computed
