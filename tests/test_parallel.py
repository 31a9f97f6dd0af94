"""pipeline.parallel: corpus_map (serial or in forked processes, same results in order),
build_processes and build_jobs, and run_reports' errors."""
from __future__ import annotations

import os
import sys

import pytest

from juye_analysis.errors import UserError, UserErrors
from juye_analysis.pipeline import parallel as runner
from juye_analysis.pipeline.build import build

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="corpus_map forks only on Linux")


def _square_and_pid(i):
    return i, i * i, os.getpid()


# --- corpus_map ----------------------------------------------------------------------------------

@linux_only
@pytest.mark.parametrize("jobs,n", [(2, 4), (2, 37), (3, 100)])
def test_corpus_map_forked_equals_serial_in_order(monkeypatch, jobs, n):
    """Chunks of uneven size (37 items among 2 processes): the results come back in the order
    of the items, equal to the serial ones."""
    serial = [(i, i * i) for i in range(n)]
    monkeypatch.setattr(runner, "_BUILD_JOBS", jobs)
    out = runner.corpus_map(_square_and_pid, range(n))
    assert [(i, sq) for i, sq, _ in out] == serial
    assert os.getpid() not in {pid for _, _, pid in out}  # the work ran in the workers
    assert runner._FORKED is None


def test_corpus_map_runs_here_with_one_process_or_few_items(monkeypatch):
    assert runner.build_jobs() == 1
    assert {pid for _, _, pid in runner.corpus_map(_square_and_pid, range(10))} == {os.getpid()}
    monkeypatch.setattr(runner, "_BUILD_JOBS", 4)
    out = runner.corpus_map(_square_and_pid, range(7))  # fewer than 2 items a process
    assert [sq for _, sq, _ in out] == [i * i for i in range(7)]
    assert {pid for _, _, pid in out} == {os.getpid()}
    assert runner.corpus_map(_square_and_pid, []) == []


def test_corpus_map_in_forked_processes(monkeypatch):
    data = {i: i * i for i in range(10)}  # a closure over data that is never pickled
    monkeypatch.setattr(runner, "_BUILD_JOBS", 2)
    assert runner.corpus_map(lambda i: (i, data[i], runner.os.getpid()), range(10))[3][:2] == (3, 9)
    pids = {p for _, _, p in runner.corpus_map(lambda i: (i, data[i], runner.os.getpid()), range(10))}
    assert runner.os.getpid() not in pids  # the work ran in the workers
    monkeypatch.setattr(runner, "_BUILD_JOBS", 1)
    assert [x for x, _, _ in runner.corpus_map(lambda i: (i, data[i], 0), range(10))] == list(range(10))


def test_corpus_map_inside_corpus_map_runs_serially_in_the_worker(monkeypatch):
    monkeypatch.setattr(runner, "_BUILD_JOBS", 2)
    inner = lambda i: [i * 10 + j for j in range(3)]  # noqa: E731
    out = runner.corpus_map(lambda i: (runner.build_jobs(), runner.corpus_map(inner, range(i, i + 1))),
                            range(8))
    assert [jobs for jobs, _ in out] == [1] * 8
    assert [r for _, r in out] == [[[i * 10, i * 10 + 1, i * 10 + 2]] for i in range(8)]
    assert runner._FORKED is None


@linux_only
def test_an_error_in_a_forked_corpus_step_reaches_the_caller(monkeypatch):
    def fn(i):
        if i == 5:
            raise ValueError(f"item {i}")
        return i

    monkeypatch.setattr(runner, "_BUILD_JOBS", 2)
    with pytest.raises(ValueError, match="item 5"):
        runner.corpus_map(fn, range(10))
    assert runner._FORKED is None


@linux_only
def test_a_user_error_in_a_forked_corpus_step_keeps_its_file(monkeypatch):
    def fn(i):
        if i == 5:
            raise UserError("x_2024.txt", "no outcome")
        return i

    monkeypatch.setattr(runner, "_BUILD_JOBS", 2)
    with pytest.raises(UserError) as info:
        runner.corpus_map(fn, range(10))
    assert (info.value.path, info.value.problem) == ("x_2024.txt", "no outcome")


# --- build_processes -----------------------------------------------------------------------------

def test_build_processes_sets_the_job_count_and_resets_it():
    assert runner.build_jobs() == 1
    with runner.build_processes(3):
        assert runner.build_jobs() == 3
        with runner.build_processes(2):
            assert runner.build_jobs() == 2
        assert runner.build_jobs() == 3
    assert runner.build_jobs() == 1
    with runner.build_processes(0):
        assert runner.build_jobs() == 1  # never fewer than one
    with runner.build_processes(4, scheduler="dask"):
        assert runner.build_jobs() == 1  # Dask workers run the per-report steps only
    with pytest.raises(RuntimeError), runner.build_processes(2):
        raise RuntimeError("a failed build")
    assert runner.build_jobs() == 1


def test_build_resets_the_number_of_processes(built_data, tmp_path):
    """After a build with --jobs 2, later corpus-wide calls (from a notebook) run in-process."""
    build(built_data / "raw", tmp_path / "out", jobs=2, use_cache=False, progress=False)
    assert runner.build_jobs() == 1


# --- run_reports ---------------------------------------------------------------------------------

def _items(tmp_path):
    """Three reports: the second and third cannot be read (missing, empty)."""
    good = tmp_path / "good.txt"
    good.write_text("各位代表：\n一、2023年工作回顾\n全年实现地区生产总值447.6亿元，增长6.9%。\n",
                    encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    meta = {"report_id": "good", "county": "甲县"}
    return [(str(good), meta, None, None), (str(tmp_path / "missing.txt"), {}, None, None),
            (str(tmp_path / "empty.txt"), {}, None, None)]


def test_run_reports_yields_in_order_then_names_every_error_with_its_file(tmp_path):
    """A folder build names every report it cannot read, in order, one (path, problem) each."""
    items = _items(tmp_path)
    results = runner.run_reports(items, progress=False)
    row, tables, text, computed = next(results)
    assert row["report_id"] == "good" and "sentences" in tables and "447.6亿元" in text
    with pytest.raises(UserErrors) as info:
        next(results)
    (p1, problem1), (p2, problem2) = info.value.errors
    assert p1 == str(tmp_path / "missing.txt") and "no such file" in problem1
    assert p2 == str(tmp_path / "empty.txt") and "empty" in problem2
    assert str(info.value).count("\n") == 1  # one line per file


def test_run_reports_in_processes_names_the_errors_in_order(tmp_path):
    """With two processes the empty file may fail first; the errors are still in the reports'
    order, each naming its file, as UserErrors (not a pickled traceback); a single failure is a
    plain UserError."""
    items = _items(tmp_path)[1:]
    with pytest.raises(UserErrors) as info:
        list(runner.run_reports(items, jobs=2, progress=False))
    assert [p for p, _ in info.value.errors] == [str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt")]
    with pytest.raises(UserError, match="empty") as one:
        list(runner.run_reports(items[1:], jobs=2, progress=False))
    assert not isinstance(one.value, UserErrors)
