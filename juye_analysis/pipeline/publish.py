"""Publishing a build atomically, the build lock, and the leftovers of builds that died.

Layout of an output folder ``OUT`` (``data/processed``)::

    OUT/.builds/<id>/      one folder per build: every table, texts/, build_info.json (written last)
    OUT/current            a symlink to .builds/<id> of the published build
    OUT/NAME               for each published NAME (reports.parquet, reports.csv, texts,
                           build_info.json …): a symlink to current/NAME
    OUT/.cache/            the build cache (:mod:`.cache`)
    OUT/.lock              held (fcntl.flock) by the build that is running

A build writes into its own folder and is published by one ``os.replace`` of the ``current``
symlink: whatever instant a build is killed at (kill -9), readers of ``OUT/NAME`` (or of
``OUT/current/NAME``) see the old complete build or the new complete build, never a mix. The
``OUT/NAME`` links point through ``current``, so they change with it; a link for a table that
the new build no longer makes dangles (reads as "not built") and is removed after the swap. The
published build and the one before it are kept (a reader may still be reading it); older ones, and
whatever a killed build left, are removed by the next build, under the lock.

``JUYE_TEST_KILL_AT_PUBLISH_STEP=k`` makes the build kill itself (SIGKILL) at step k of the
publish (tests/test_publish.py kills it at every step).
"""
from __future__ import annotations

from ..read.metadata import sha256_file

import fcntl
import os
import shutil
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from ..errors import UserError


BUILDS = ".builds"


CURRENT = "current"


KEEP_BUILDS = 2  # the published build and the one before it


KILL_ENV = "JUYE_TEST_KILL_AT_PUBLISH_STEP"


_steps = 0


def _step() -> None:
    """A point of the publish at which a test may kill the build (see the module docstring)."""
    global _steps
    at = os.environ.get(KILL_ENV)
    if at is not None and int(at) == _steps:
        os.kill(os.getpid(), signal.SIGKILL)
    _steps += 1


def published_dir(out: str | Path) -> Path:
    """The folder of the published build (``OUT/current`` resolved), or ``out`` itself when it
    holds no such link (a folder built before builds had folders of their own)."""
    out = Path(out)
    current = out / CURRENT
    return current.resolve() if current.is_dir() else out


@contextmanager
def build_lock(out: Path, wait: bool = True):
    """Hold ``OUT/.lock`` for the duration: a second build in the same folder waits (one line on
    stderr) until the first ends, or with ``wait=False`` stops with a UserError."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise UserError(out, "another build is running in this folder; try again when "
                                     "it has finished") from None
            print(f"juye-analysis: {out}: another build is running in this folder; waiting for "
                  "it to finish", file=sys.stderr, flush=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def file_records(folder: Path) -> dict[str, dict]:
    """Size and sha256 of every file in a build's folder but build_info.json, by path relative
    to it (``texts/juye_2024.txt``)."""
    records = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != "build_info.json":
            records[rel] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    return records


def _sha256(path: Path) -> str:
    return sha256_file(path)


def files_match(out: Path, records: dict) -> bool:
    """Every file recorded exists under ``out`` (through its links) with its size and sha256."""
    if not isinstance(records, dict) or not records:
        return False
    for rel, want in records.items():
        path = out / rel
        try:
            if path.stat().st_size != want["size"] or _sha256(path) != want["sha256"]:
                return False
        except (OSError, KeyError, TypeError):
            return False
    return True


def _link(out: Path, target: str, name: str) -> None:
    """Make ``out/name`` a symlink to ``target`` in one atomic step."""
    tmp = out / f".link-{os.getpid()}-{name}"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, out / name)


def _points_through_current(path: Path) -> bool:
    return path.is_symlink() and os.readlink(path) == f"{CURRENT}/{path.name}"


def publish(out: Path, build: Path, old_tables: list[str]) -> None:
    """Publish the complete build folder ``build`` (inside ``OUT/.builds``): see the module
    docstring. ``old_tables``: the tables of the build published before (for the one-time move
    from the layout without build folders)."""
    global _steps
    _steps = 0
    names = sorted(p.name for p in build.iterdir())
    legacy = []
    _step()
    for name in names:  # links for names the published build lacks dangle until the swap
        path = out / name
        if _points_through_current(path):
            continue
        if path.exists() and not path.is_symlink():
            legacy.append(name)  # a file of the old layout: replaced after the swap
            continue
        _link(out, f"{CURRENT}/{name}", name)
        _step()
    current = out / CURRENT
    if current.exists() and not current.is_symlink():  # a copy (copytree) of a published folder
        os.replace(current, out / BUILDS / f"copied-{os.getpid()}-{time.time_ns()}")
        _step()
    _link(out, f"{BUILDS}/{build.name}", CURRENT)  # the one step that publishes
    _step()
    _migrate(out, legacy, set(names), old_tables)
    for path in sorted(out.iterdir()):  # links of tables the new build no longer makes
        if _points_through_current(path) and not path.exists():
            path.unlink()
            _step()
    remove_old_builds(out, keep=build.name)
    _step()


def _migrate(out: Path, legacy: list[str], names: set[str], old_tables: list[str]) -> None:
    """Files of a folder built before build folders existed become links (once; build_info last)."""
    for name in sorted(legacy, key=lambda n: n == "build_info.json"):
        path = out / name
        if path.is_dir():
            aside = out / f".{name}-old-{os.getpid()}"
            os.replace(path, aside)
            _link(out, f"{CURRENT}/{name}", name)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            _link(out, f"{CURRENT}/{name}", name)
        _step()
    for table in old_tables:
        for suffix in (".parquet", ".csv"):
            path = out / f"{table}{suffix}"
            if path.name not in names and path.is_file() and not path.is_symlink():
                path.unlink()


def remove_old_builds(out: Path, keep: str | None = None) -> None:
    """Build folders but the published one, the one before it and ``keep`` (call under the lock:
    any other folder is a build that died or an old one)."""
    builds = out / BUILDS
    if not builds.is_dir():
        return
    current = published_dir(out)
    folders = sorted(p for p in builds.iterdir() if p.is_dir())  # names start with the time
    complete = [p for p in folders if (p / "build_info.json").exists()
                and p.resolve() != current and p.name != keep]
    kept = {current.name, keep} | {p.name for p in complete[-(KEEP_BUILDS - 1):]}
    for path in folders:
        if path.name not in kept:
            shutil.rmtree(path, ignore_errors=True)


def remove_leftovers(out: Path) -> list[str]:
    """What builds that died left in ``out`` (call under the lock, before the build starts):
    unfinished build folders, the temporary folders and links of earlier versions and of this
    one, and half-written cache entries. Returns the names removed."""
    removed = []
    if not out.is_dir():
        return removed
    for path in out.iterdir():
        name = path.name
        if name.startswith((".build-", ".texts-old-", ".link-")):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(name)
    cache = out / ".cache"
    if cache.is_dir():
        for path in cache.glob("*.tmp"):
            path.unlink(missing_ok=True)
            removed.append(f".cache/{path.name}")
    builds = out / BUILDS
    if builds.is_dir():
        before = {p.name for p in builds.iterdir()}
        remove_old_builds(out)
        removed += [f"{BUILDS}/{n}" for n in sorted(before - {p.name for p in builds.iterdir()})]
    return removed
