"""Parallel and distributed builds give the same tables as the plain one."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from juye_analysis.build import build
from juye_analysis.tables import load_table

from .conftest import RAW


def _tables(out):
    import json

    names = json.loads((out / "build_info.json").read_text(encoding="utf-8"))["tables"]
    return {n: load_table(n, out) for n in names}


def _assert_same(a, b):
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def local_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    raw = tmp / "raw"
    shutil.copytree(RAW, raw)
    build(raw, tmp / "local", use_cache=False, progress=False)
    return raw, _tables(tmp / "local")


def test_jobs_2_gives_the_same_tables(local_build, tmp_path):
    raw, expected = local_build
    build(raw, tmp_path / "jobs2", jobs=2, use_cache=False, progress=False)
    _assert_same(_tables(tmp_path / "jobs2"), expected)


def test_dask_local_cluster_with_two_workers_gives_the_same_tables(local_build, tmp_path):
    pytest.importorskip("dask.distributed")
    raw, expected = local_build
    build(raw, tmp_path / "dask", scheduler="dask", use_cache=False, progress=False)
    _assert_same(_tables(tmp_path / "dask"), expected)


def test_unreachable_dask_scheduler_is_one_line(local_build, tmp_path):
    pytest.importorskip("dask.distributed")
    from juye_analysis.errors import UserError

    raw, _ = local_build
    with pytest.raises(UserError, match="cannot reach the Dask scheduler"):
        build(raw, tmp_path / "x", scheduler="dask", address="tcp://127.0.0.1:9", use_cache=False,
              progress=False)
