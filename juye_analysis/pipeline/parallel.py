"""Running the per-report function over a corpus: in this process, in a process pool, or on Dask.

Every per-report table is cached under a key (:mod:`.cache`) made of the file's sha256, its
metadata row, the table's fingerprint (:mod:`.fingerprint`: the code it runs, the files it reads)
and the keys of the earlier tables it reads. So an unchanged rebuild only loads, changing one
report recomputes that report only, and changing a function or a resource file recomputes the
tables whose fingerprint holds it and those that read them, no others.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from ..errors import UserError, UserErrors
from .cache import process_cached


def _work(item):
    """Worker: → ("ok", result) or ("error", (path, problem)); UserErrors cross processes as text."""
    path, meta, keys, cache_root = item
    try:
        return "ok", process_cached(path, meta, keys, cache_root)
    except UserError as exc:
        return "error", (exc.path or path, exc.problem)


def _progress(iterable, total, enabled):
    if not enabled or total < 5:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc="building", unit="report", leave=False)


_BUILD_JOBS = 1


@contextmanager
def build_processes(jobs: int, scheduler: str = "local"):
    """Within it, :func:`build_jobs` is ``jobs`` (1 on Dask, whose workers run the per-report
    steps only); after it, 1 again."""
    global _BUILD_JOBS
    previous = _BUILD_JOBS
    _BUILD_JOBS = max(1, int(jobs)) if scheduler != "dask" else 1
    try:
        yield
    finally:
        _BUILD_JOBS = previous


def build_jobs() -> int:
    """The number of local processes of the build in progress (``--jobs``; 1 on Dask, whose
    workers run the per-report steps only): corpus-wide steps may share their per-report work
    among that many processes."""
    return _BUILD_JOBS


_FORKED: tuple | None = None  # (function, items) of corpus_map, inherited by forked workers


def _forked_call(bounds: tuple[int, int]) -> list:
    fn, items = _FORKED
    return [fn(x) for x in items[bounds[0]:bounds[1]]]


def _in_worker() -> None:
    """A forked worker of corpus_map works alone (a corpus_map inside it runs serially)."""
    global _BUILD_JOBS
    _BUILD_JOBS = 1


def corpus_map(fn, items) -> list:
    """``[fn(x) for x in items]``, shared among the build's processes (:func:`build_jobs`) for
    corpus-wide steps. Workers are forked, so ``fn`` (a closure over the tables, say) and the
    items are inherited rather than pickled; only the results travel back. Serial with one
    process, with few items, and off Linux (fork is the safe way to start them only there)."""
    global _FORKED
    import multiprocessing
    import sys

    items = list(items)
    jobs = build_jobs()
    if jobs <= 1 or len(items) < 2 * jobs or not sys.platform.startswith("linux"):
        return [fn(x) for x in items]
    size = max(1, -(-len(items) // (jobs * 4)))
    bounds = [(a, min(a + size, len(items))) for a in range(0, len(items), size)]
    previous, _FORKED = _FORKED, (fn, items)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_in_worker) as pool:
            return [r for part in pool.map(_forked_call, bounds) for r in part]
    finally:
        _FORKED = previous


def run_reports(items, *, jobs=1, scheduler="local", address=None, progress=True):
    """Yield :func:`process_cached` results for every (path, meta, keys, cache_root), in order.

    A report that cannot be read stops the results, not the reading: every report is tried and
    then one UserError names each that failed, one line per file (``UserErrors`` when several).
    """
    if scheduler == "dask":
        outcomes = _run_dask(items, address)
    elif jobs > 1 and len(items) > 1:
        pool = ProcessPoolExecutor(max_workers=jobs)
        chunks = 1  # one report per task: the last tasks end together (a task costs ~0.1 s)
        outcomes = pool.map(_work, items, chunksize=chunks)
    else:
        pool = None
        outcomes = map(_work, items)
    errors = []
    try:
        for status, value in _progress(outcomes, len(items), progress):
            if status == "error":
                errors.append(value)  # go on: the build names every report it cannot read
            elif not errors:
                yield value
        if len(errors) == 1:
            raise UserError(*errors[0])
        if errors:
            raise UserErrors(errors)
    finally:
        if scheduler != "dask" and jobs > 1 and len(items) > 1:
            pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(items, address):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UserError(None, "--scheduler dask needs the dask extra: "
                              "pip install 'juye-analysis[dask]'") from None
    cluster = None
    if address:
        try:
            client = Client(address, timeout="3s")
        except OSError as exc:
            raise UserError(None, f"cannot reach the Dask scheduler at {address} ({exc})") from None
    else:
        cluster = LocalCluster(n_workers=min(2, os.cpu_count() or 1), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(_work, items, pure=False)
        for future in futures:  # in order, as each arrives
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
