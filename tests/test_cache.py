"""pipeline.cache: the keys of a report's tables (file, metadata, fingerprints, the keys of the tables read) and
the entries (stored, loaded, a corrupt or missing one recomputed)."""
from __future__ import annotations

import pandas as pd
import pytest

from juye_analysis.pipeline.cache import process_cached, table_keys
from juye_analysis.pipeline.fingerprint import fingerprints
from juye_analysis.pipeline.steps import PER_REPORT_TABLES
from juye_analysis.read.metadata import sha256_file

SHA = "ab" * 32
META = {"report_id": "x_2024", "county": "甲县", "report_year": "2024"}
NAMES = ["sentences"] + [name for name, _, _ in PER_REPORT_TABLES]
PRINTS = {name: f"fp-{name}" for name in NAMES}
INPUTS = {name: inputs for name, _, inputs in PER_REPORT_TABLES}


def _readers_of(name: str) -> set[str]:
    """The tables that read ``name``, directly or through other tables."""
    out, todo = set(), [name]
    while todo:
        t = todo.pop()
        for reader, inputs in INPUTS.items():
            if t in inputs and reader not in out:
                out.add(reader)
                todo.append(reader)
    return out


def test_table_keys_are_stable_and_one_per_table():
    keys = table_keys(SHA, META, PRINTS)
    assert list(keys) == NAMES and len(set(keys.values())) == len(NAMES)
    assert all(len(k) == 64 and int(k, 16) >= 0 for k in keys.values())
    assert table_keys(SHA, dict(reversed(list(META.items()))), dict(PRINTS)) == keys  # key order of meta


@pytest.mark.parametrize("change", [
    lambda: ("cd" * 32, META),
    lambda: (SHA, {**META, "report_year": "2025"}),
    lambda: (SHA, {**META, "source": "另一个网站"}),
    lambda: (SHA, {k: v for k, v in META.items() if k != "county"}),
])
def test_a_changed_file_or_metadata_changes_every_key(change):
    keys = table_keys(SHA, META, PRINTS)
    sha, meta = change()
    assert not set(table_keys(sha, meta, PRINTS).values()) & set(keys.values())


@pytest.mark.parametrize("name", NAMES)
def test_a_changed_fingerprint_changes_its_key_and_those_of_the_tables_that_read_it(name):
    """Was: every key after a changed table changed (one chain); now only the tables that read
    it, directly or through others, are recomputed."""
    keys = table_keys(SHA, META, PRINTS)
    new = table_keys(SHA, META, {**PRINTS, name: "other"})
    changed = {t for t in NAMES if new[t] != keys[t]}
    assert changed == {name} | _readers_of(name)


def test_the_table_name_is_part_of_the_key():
    a = table_keys(SHA, META, PRINTS)
    b = table_keys(SHA, META, {**PRINTS, "tokens": PRINTS["sentences"]})
    assert b["tokens"] != a["sentences"]


def test_the_build_fingerprints_cover_every_per_report_table():
    assert set(NAMES) <= set(fingerprints())


# --- entries ---------------------------------------------------------------------------------------

N_TABLES = 1 + len(PER_REPORT_TABLES)  # sentences, then the later steps


@pytest.fixture
def small_report(tmp_path):
    path = tmp_path / "x_2024.txt"
    path.write_text("各位代表：\n一、2023年工作回顾\n全年实现地区生产总值447.6亿元，增长6.9%，居全市第一。\n"
                    "二、2024年目标任务\n地区生产总值增长6%左右。\n", encoding="utf-8")
    keys = table_keys(sha256_file(path), META, fingerprints())
    return str(path), keys, tmp_path / "cache"


def _same(a, b):
    (row_a, tables_a, text_a, _), (row_b, tables_b, text_b, _) = a, b
    assert row_a == row_b and text_a == text_b and tables_a.keys() == tables_b.keys()
    for name in tables_a:
        pd.testing.assert_frame_equal(tables_a[name], tables_b[name], obj=name)


def test_entries_are_stored_then_loaded(small_report):
    path, keys, root = small_report
    first = process_cached(path, META, keys, str(root))
    assert sorted(first[3]) == sorted(NAMES) and len(keys) == N_TABLES
    assert sorted(p.stem for p in root.glob("*.pkl")) == sorted(keys.values())
    assert not list(root.glob("*.tmp"))
    again = process_cached(path, META, keys, str(root))
    assert again[3] == []
    _same(again, first)
    assert first[1]["indicators"]["value"].tolist()[:1] == [447.6]


@pytest.mark.parametrize("damage,which", [("garbage", 0), ("truncated", 1), ("empty", N_TABLES - 1),
                                          ("deleted", N_TABLES // 2)])
def test_a_corrupt_cache_entry_is_recomputed(small_report, damage, which):
    """A damaged entry (the first step's, a middle one, the last) is recomputed alone and
    rewritten; the tables equal those of a run without the cache."""
    path, keys, root = small_report
    process_cached(path, META, keys, str(root))
    entry = root / f"{keys[NAMES[which]]}.pkl"
    data = entry.read_bytes()
    if damage == "deleted":
        entry.unlink()
    else:
        entry.write_bytes({"garbage": b"not a pickle", "truncated": data[:len(data) // 2],
                           "empty": b""}[damage])
    again = process_cached(path, META, keys, str(root))
    assert again[3] == [NAMES[which]]
    _same(again, process_cached(path, META, None, None))
    assert entry.read_bytes() == data  # rewritten as it was
    assert process_cached(path, META, keys, str(root))[3] == []


def test_no_cache_root_or_no_keys_computes_everything(small_report):
    path, keys, root = small_report
    assert len(process_cached(path, META, None, str(root))[3]) == N_TABLES
    assert len(process_cached(path, META, keys, None)[3]) == N_TABLES
    assert not root.exists()
