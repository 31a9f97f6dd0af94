"""The build cache: keys of the tables, entries stored and loaded (``.cache/`` in the output
folder, one file per key: data, never code, checked before it is used, see :mod:`.entries`).

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
import sys
import tempfile
from pathlib import Path
from .entries import SUFFIX, EntryError, decode, encode


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


def entry_path(root: Path, key: str) -> Path:
    return Path(root) / f"{key}{SUFFIX}"


def warn(message: str) -> None:
    """One warning line on stderr (a cache problem never stops the build)."""
    print(f"juye-analysis: warning: {message}", file=sys.stderr, flush=True)


def load(root: Path | None, key: str, kind: str = "frame"):
    """The entry stored under ``key`` (None if there is none). An entry that fails its checks
    (:mod:`.entries`: damaged, truncated, foreign, of the wrong kind, or not an entry at all) is
    removed, with one warning line, and None returned: it is recomputed, never trusted."""
    if root is None:
        return None
    path = entry_path(root, key)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        warn(f"cache entry {path} cannot be read ({exc.strerror}); recomputing it")
        return None
    try:
        return decode(key, kind, data)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong with it, it is not trusted
        problem = str(exc) if isinstance(exc, EntryError) else f"unreadable ({type(exc).__name__})"
        warn(f"cache entry {path} is {problem}; recomputing it")
        path.unlink(missing_ok=True)
        return None


def store(root: Path | None, key: str, value, kind: str = "frame") -> None:
    """Write ``value`` under ``key`` (atomically: a temporary file renamed into place; one
    that cannot be written, a full disk say, leaves no temporary file and a warning line)."""
    if root is None:
        return
    cache_root = Path(root)
    tmp = None
    try:
        data = encode(key, kind, value)
        cache_root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_root, prefix="tmp", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, entry_path(cache_root, key))
    except Exception as exc:  # noqa: BLE001 - the cache is an optimisation: the build goes on
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        warn(f"cannot store cache entry {key[:12]}… in {cache_root} ({exc}); not cached")


def process_cached(path: str, meta: dict, keys: dict[str, str] | None, cache_root: str | None):
    """One report's (reports row, tables, text, names of the tables computed), using the cache."""
    from .steps import first_step, later_steps, read_step, run_step

    root = Path(cache_root) if cache_root and keys else None
    computed = []
    first = load(root, keys["sentences"], "first") if root else None
    report = None
    if first is None:
        report, first = first_step(path, meta)
        computed.append("sentences")
        store(root, keys["sentences"] if root else "", first, "first")
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


KEEP_CACHE_BUILDS = 3  # entries used by none of the last 3 builds of a folder are removed


HISTORY = "recent_builds.json"


def prune(root: Path, used: list[str], builds: int = KEEP_CACHE_BUILDS) -> int:
    """Record the keys a build used, and remove every entry (and any other file: an entry of an
    older format, a pickle) that none of the last ``builds`` builds used: the cache stays as
    large as a few builds' worth of entries. Call under the build lock. Returns how many files
    were removed."""
    root = Path(root)
    if not root.is_dir():
        return 0
    try:
        history = json.loads((root / HISTORY).read_text(encoding="utf-8"))
        history = [[str(k) for k in keys] for keys in history if isinstance(keys, list)]
    except (OSError, ValueError, TypeError):
        history = []
    history = (history + [sorted(set(used))])[-builds:]
    fd, tmp = tempfile.mkstemp(dir=root, prefix="tmp", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(history, fh)
    os.replace(tmp, root / HISTORY)
    keep = {f"{k}{SUFFIX}" for keys in history for k in keys} | {HISTORY}
    removed = 0
    for path in root.iterdir():
        if path.name not in keep and (path.is_file() or path.is_symlink()):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
