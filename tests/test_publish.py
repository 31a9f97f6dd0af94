"""pipeline.publish: an atomic publish (kill -9 at any step), the build lock, "up to date" that
checks every published file, and the leftovers of builds that died."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import threading
import time

import pandas as pd
import pytest

from juye_analysis.pipeline.build import build
from juye_analysis.pipeline.publish import BUILDS, KEEP_BUILDS, KILL_ENV, files_match
from juye_analysis.pipeline.storage import PARQUET_ONLY, load_table, load_text

from .conftest import RAW, copy_raw


@pytest.fixture(scope="module")
def two_corpora(tmp_path_factory):
    """A raw folder with both reports (A) and one with the 2024 report only (B: no keyness, no
    comparison tables), and an output folder whose cache holds both."""
    base = tmp_path_factory.mktemp("publish")
    a, b = base / "a", base / "b"
    copy_raw(a)
    b.mkdir()
    meta = pd.read_csv(RAW / "reports.csv", dtype=str, keep_default_na=False)
    keep = meta[meta["report_id"] == "juye_2024"]
    shutil.copy(RAW / keep["file"].iloc[0], b / keep["file"].iloc[0])
    keep.to_csv(b / "reports.csv", index=False)
    out = base / "out"
    build(b, out, progress=False)
    build(a, out, progress=False)
    return a, b, out


def published(out) -> frozenset:
    """The report ids of the build published in ``out``, after checking that everything a reader
    sees there (through the documented paths OUT/NAME) belongs to that one build: build_info, the
    tables (row counts, CSV and Parquet), the texts, and no table of another build."""
    info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    reports = pd.read_parquet(out / "reports.parquet")
    assert dict(zip(reports["report_id"], reports["sha256"])) == info["reports"]
    for name in info["tables"]:
        assert len(pd.read_parquet(out / f"{name}.parquet")) == info["rows"][name], name
        assert (out / f"{name}.csv").exists() == (name not in PARQUET_ONLY), name
    texts = {p.stem for p in (out / "texts").glob("*.txt")}
    assert texts == set(info["reports"])
    assert files_match(out, info["files"])
    shown = {p.name.rsplit(".", 1)[0] for p in out.glob("*.parquet") if p.exists()}
    assert shown == set(info["tables"])  # no table of the other build
    assert set(load_table("reports", out)["report_id"]) == set(info["reports"])
    for rid in info["reports"]:
        assert load_text(rid, out)
    return frozenset(info["reports"])


def _child_build(raw, out, kill_at: int) -> int:
    """Build in a forked child that SIGKILLs itself at step ``kill_at`` of the publish: → the
    signal that ended it (0 if it finished)."""
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.environ[KILL_ENV] = str(kill_at)
            build(raw, out, progress=False)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return os.WTERMSIG(status)
    assert os.WEXITSTATUS(status) == 0
    return 0


def test_defect6_a_build_killed_at_any_step_of_the_publish_leaves_one_whole_build(two_corpora):
    """Was: the publish renamed texts/ away, moved the new one in, then renamed the tables one by
    one, so a kill in that window left no texts/, new texts with old tables, or new reports with
    old build_info. Now the build is killed (SIGKILL) at every step of its publish, in both
    directions (a build that adds tables, one that drops them): after each kill the published
    folder is wholly the old build or wholly the new one, and the next build succeeds."""
    a, b, out = two_corpora
    ids = {"a": frozenset({"juye_2024", "juye_2025"}), "b": frozenset({"juye_2024"})}
    for old, new in (("a", "b"), ("b", "a")):
        seen = set()
        for k in range(200):
            if published(out) != ids[old]:
                build({"a": a, "b": b}[old], out, progress=False)
            assert published(out) == ids[old]
            for path in out.iterdir():  # links a killed build made for its new tables: as a
                if path.is_symlink() and not path.exists():  # complete publish of old leaves it,
                    path.unlink()  # so that step k is the same step at every k
            sig = _child_build({"a": a, "b": b}[new], out, k)
            now = published(out)
            assert now in (ids[old], ids[new])
            if sig == 0:
                assert now == ids[new]
                break
            assert sig == signal.SIGKILL
            seen.add(now == ids[new])
        else:
            pytest.fail("the publish never finished")
        assert k >= 3 and seen == {False, True}, (old, new, k, seen)  # killed before and after the swap
    builds = [p for p in (out / BUILDS).iterdir()]
    assert len(builds) <= KEEP_BUILDS
    assert not [p for p in out.iterdir() if p.name.startswith((".link-", ".build-"))]


def test_defect6_a_second_build_waits_for_the_first(two_corpora, capfd):
    """While a build holds OUT/.lock, a second build in the folder says so in one line and waits
    (it does not remove the running build's folder); it goes on when the lock is released."""
    a, _, out = two_corpora
    running = out / BUILDS / f"{time.time_ns():020d}-running"
    running.mkdir()
    done = threading.Event()
    with open(out / ".lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        thread = threading.Thread(target=lambda: (build(a, out, progress=False), done.set()))
        thread.start()
        time.sleep(1.5)
        assert not done.is_set() and running.exists()
        fcntl.flock(fh, fcntl.LOCK_UN)
    thread.join(60)
    assert done.is_set()
    err = capfd.readouterr().err
    assert err.count("another build is running") == 1
    assert not running.exists()  # once the lock is free, it is a leftover


@pytest.mark.parametrize("damage", ["deleted_csv", "deleted_text", "emptied_parquet"])
def test_defect7_up_to_date_checks_every_published_file(two_corpora, damage):
    """Was: a deleted CSV, a deleted texts/X.txt or an emptied Parquet file were "up to date" and
    never rebuilt. Now each is noticed (build_info.json records size and sha256 of every file) and
    the next build publishes the files again."""
    a, _, out = two_corpora
    build(a, out, progress=False)
    assert build(a, out, progress=False).up_to_date
    target = {"deleted_csv": out / "indicators.csv", "deleted_text": out / "texts" / "juye_2024.txt",
              "emptied_parquet": out / "sentences.parquet"}[damage]
    before = target.read_bytes()
    if damage == "emptied_parquet":
        target.write_bytes(b"")
    else:
        target.unlink()
    stats = build(a, out, progress=False)
    assert not stats.up_to_date and stats.n_computed == 0  # republished from the cache
    assert target.read_bytes() == before
    assert published(out) == {"juye_2024", "juye_2025"}
    assert build(a, out, progress=False).up_to_date


def test_defect10_a_build_removes_what_dead_builds_left(two_corpora, capfd):
    """Was: every killed build left OUT/.build-* and .texts-old-PID, a full disk .cache/tmp*.tmp,
    and nothing removed them. Now the next build (holding the lock: no other build is running)
    removes them, and unfinished build folders, and keeps only the published build and the one
    before it."""
    a, b, out = two_corpora
    build(a, out, progress=False)
    junk = [out / ".build-x1y2", out / ".texts-old-4242", out / BUILDS / "00000000000000000001-dead"]
    for path in junk:
        path.mkdir()
        (path / "tokens.parquet").write_bytes(b"x" * 1000)
    (out / ".cache" / "tmpab12.tmp").write_bytes(b"half an entry")
    capfd.readouterr()
    build(b, out, progress=True)
    assert "earlier builds left behind" in capfd.readouterr().err
    assert not any(p.exists() for p in junk)
    assert not list((out / ".cache").glob("*.tmp"))
    build(a, out, progress=False)
    assert len(list((out / BUILDS).iterdir())) == KEEP_BUILDS


def test_defect10_the_cache_keeps_the_entries_of_the_last_builds_only(tmp_path):
    """Was: the cache grew without bound. Entries that none of the last three builds used are
    removed (so are files that are not entries)."""
    from juye_analysis.pipeline.cache import KEEP_CACHE_BUILDS, prune

    root = tmp_path / "cache"
    root.mkdir()
    for build_no in range(5):
        used = [f"k{build_no}", "shared"]
        for key in used:
            (root / f"{key}.entry").write_bytes(b"e")
        (root / "old.pkl").write_bytes(b"p")
        prune(root, used)
        assert not (root / "old.pkl").exists()
    left = sorted(p.stem for p in root.glob("*.entry"))
    assert left == sorted(["shared"] + [f"k{i}" for i in range(5 - KEEP_CACHE_BUILDS, 5)])


def test_a_folder_of_the_layout_before_build_folders_is_taken_over(tmp_path):
    """A data/processed built by an earlier version (plain files, texts/ a folder) becomes the
    new layout at the next build: every published name a link through OUT/current, nothing left
    over, a table the old build made and the new one does not gone."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    copy_raw(raw)
    (out / "texts").mkdir(parents=True)
    (out / "texts" / "juye_2024.txt").write_text("old", encoding="utf-8")
    for name in ("reports.parquet", "reports.csv", "gone.parquet", "gone.csv"):
        (out / name).write_bytes(b"old")
    (out / "build_info.json").write_text(json.dumps({"tables": ["reports", "gone"]}), encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    build(raw, out, progress=False)
    assert published(out) == {"juye_2024", "juye_2025"}
    assert all(os.readlink(out / n) == f"current/{n}" for n in ("texts", "reports.csv", "build_info.json"))
    assert not (out / "gone.parquet").exists() and (out / "notes.txt").exists()
    assert not [p for p in out.iterdir() if "-old-" in p.name]
