"""Safety net of the restructure: the bundled reports and five corpus excerpts build to exactly
the tables of the snapshot in tests/snapshot/ (columns, dtypes, values, row order). An intended
change of output rewrites the snapshot with ``python -m tests.snapshot_util`` in the commit that
makes it, which says which rows changed and why."""
from __future__ import annotations

import pandas as pd
import pytest

from .snapshot_util import SNAPSHOT, build_into


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_into(tmp_path_factory.mktemp("snapshot"))


def test_the_build_makes_the_tables_of_the_snapshot(built):
    expected = sorted(p.stem for p in SNAPSHOT.glob("*.parquet"))
    assert sorted(built) == expected


@pytest.mark.parametrize("name", sorted(p.stem for p in SNAPSHOT.glob("*.parquet")))
def test_each_table_equals_the_snapshot(built, name):
    want = pd.read_parquet(SNAPSHOT / f"{name}.parquet")
    got = built[name]
    assert list(got.columns) == list(want.columns)
    assert dict(got.dtypes.astype(str)) == dict(want.dtypes.astype(str))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
