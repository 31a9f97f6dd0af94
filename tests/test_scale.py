"""Parallel and distributed builds give the same tables as the plain one."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from juye_analysis.pipeline.build import build
from juye_analysis.pipeline.storage import load_table

from .conftest import RAW, copy_raw


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
    copy_raw(raw)
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


@pytest.fixture(scope="module")
def four_counties(tmp_path_factory):
    """Eight reports: four counties, 2023 and 2024 each (the 2024 report, and a copy with every
    year one earlier; a closing line makes each file unique), so the corpus-wide steps have four
    consecutive pairs to share among processes."""
    import hashlib
    import re

    raw = tmp_path_factory.mktemp("counties") / "raw"
    raw.mkdir()
    text = (RAW / "juye_2024_government_work_report.txt").read_text(encoding="utf-8")
    earlier = re.sub(r"(?<!\d)20\d\d(?!\d)", lambda m: str(int(m.group(0)) - 1), text)
    rows = ["report_id,county,division_code,report_year,review_year,completeness,file,sha256"]
    for c in range(4):
        for year, body in ((2023, earlier), (2024, text)):
            name = f"c{c}_{year}.txt"
            data = (body + f"\n第{c}县{year}年。\n").encode("utf-8")
            (raw / name).write_bytes(data)
            rows.append(f"c{c}_{year},县{c},,{year},{year - 1},full,{name},"
                        f"{hashlib.sha256(data).hexdigest()}")
    (raw / "reports.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return raw


def test_corpus_steps_shared_among_processes_give_the_same_tables(four_counties, tmp_path):
    """With --jobs 2 the per-county work of keyness and text reuse runs in forked processes
    (runner.corpus_map); the tables equal those of one process."""
    build(four_counties, tmp_path / "one", jobs=1, use_cache=False, progress=False)
    build(four_counties, tmp_path / "two", jobs=2, use_cache=False, progress=False)
    one, two = _tables(tmp_path / "one"), _tables(tmp_path / "two")
    _assert_same(two, one)
    assert one["keyness"][["old_report_id", "new_report_id"]].drop_duplicates().shape[0] == 4
    assert set(one["text_reuse"]["new_report_id"]) == {f"c{c}_2024" for c in range(4)}
