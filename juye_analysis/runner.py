"""Running the per-report function over a corpus: in this process, in a process pool, or on Dask,
with a cache keyed by each file's sha256, its metadata and the hash of the package's code and
resource files (so a change to a dictionary rebuilds the reports)."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import UserError


def cache_key(path: str, meta: dict, pipeline: str) -> str:
    from .metadata import sha256_file

    h = hashlib.sha256()
    h.update(sha256_file(Path(path)).encode())
    h.update(json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str).encode())
    h.update(pipeline.encode())
    return h.hexdigest()


def _work(item):
    """Worker: (path, meta) → result, or the UserError's text (exceptions cross processes badly)."""
    from .build import process_one

    path, meta = item
    try:
        return "ok", process_one(path, meta)
    except UserError as exc:
        return "error", (exc.path, exc.problem)


def _progress(iterable, total, enabled, desc="reports"):
    if not enabled or total < 2:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="report", leave=False)


def run_reports(entries, *, jobs=1, use_cache=True, scheduler="local", address=None,
                progress=True, cache_root: Path | None = None):
    """Results of :func:`juye_analysis.build.process_one` for every (path, meta), in order."""
    from .build import pipeline_hash

    pipeline = pipeline_hash()
    keys = [cache_key(p, m, pipeline) for p, m in entries]
    results: list = [None] * len(entries)
    todo = []
    if use_cache and cache_root is not None:
        for i, key in enumerate(keys):
            cached = cache_root / f"{key}.pkl"
            if cached.exists():
                try:
                    results[i] = pickle.loads(cached.read_bytes())
                    continue
                except Exception:  # noqa: BLE001 - a corrupt cache entry is rebuilt
                    pass
            todo.append(i)
    else:
        todo = list(range(len(entries)))

    items = [entries[i] for i in todo]
    if scheduler == "dask":
        outcomes = _run_dask(items, address)
    elif jobs > 1 and len(items) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunks = max(1, len(items) // (jobs * 8))
            outcomes = list(_progress(pool.map(_work, items, chunksize=chunks), len(items), progress))
    else:
        outcomes = [_work(it) for it in _progress(items, len(items), progress)]

    for i, (status, value) in zip(todo, outcomes):
        if status == "error":
            raise UserError(*value)
        results[i] = value
    if cache_root is not None and todo:
        cache_root.mkdir(parents=True, exist_ok=True)
        for i in todo:
            fd, tmp = tempfile.mkstemp(dir=cache_root, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(results[i], fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache_root / f"{keys[i]}.pkl")
    return results


def _run_dask(items, address):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UserError(None, "--scheduler dask needs the dask extra: pip install 'juye-analysis[dask]'") from None
    if address:
        client = Client(address)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=min(2, os.cpu_count() or 1), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(_work, items, pure=False)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
