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
    assert sorted(p.stem for p in root.glob("*.entry")) == sorted(keys.values())
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
    entry = root / f"{keys[NAMES[which]]}.entry"
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


# --- defects 2 and 3: entries are data, checked before they are trusted ---------------------------

def _raw_copy(tmp_path):
    import shutil

    from .conftest import copy_raw

    raw = tmp_path / "raw"
    copy_raw(raw)
    return raw


def _gdp_2024(out):
    from juye_analysis.pipeline.storage import load_table

    ind = load_table("indicators", out)
    row = ind[(ind["report_id"] == "juye_2024") & (ind["indicator"] == "gdp") & (ind["kind"] == "actual")
              & (ind["period"] == 2023)]
    return row["value"].tolist()


def _indicators_entry(raw, out):
    from juye_analysis.pipeline.build import table_keys_for
    from juye_analysis.read.metadata import load_metadata

    prints = fingerprints(raw)
    path, meta = next((p, m) for p, m in load_metadata(raw) if m.get("report_id") == "juye_2024")
    return out / ".cache" / f"{table_keys_for(path, meta, prints)['indicators']}.entry"


def test_defect3_a_flipped_bit_in_a_cached_indicators_entry_is_not_published(tmp_path, capfd):
    """Was: one flipped bit in the cached indicators entry was published (GDP 446.6 where the text
    says 447.6, exit 0). Now the entry fails its checksum, is recomputed with one warning line,
    and the build publishes the true value."""
    import pyarrow as pa

    from juye_analysis.pipeline.build import build
    from juye_analysis.pipeline.entries import MAGIC

    raw, out = _raw_copy(tmp_path), tmp_path / "out"
    build(raw, out, progress=False)
    assert _gdp_2024(out) == [447.6]
    entry = _indicators_entry(raw, out)
    data = bytearray(entry.read_bytes())
    old = pa.array([447.6]).buffers()[1].to_pybytes()  # the value's 8 bytes, as Arrow stores them
    at = data.index(old, len(MAGIC))
    data[at] ^= 0x01  # one bit of 447.6: 447.59999999999997 … a value the text never says
    entry.write_bytes(bytes(data))
    (out / "current" / "build_info.json").write_text("{}", encoding="utf-8")  # force a rebuild
    capfd.readouterr()
    stats = build(raw, out, progress=False)
    err = capfd.readouterr().err
    assert _gdp_2024(out) == [447.6]
    assert stats.computed.get("indicators") == 1
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "checksum" in warnings[0] and entry.name in warnings[0]
    assert "Traceback" not in err


class _Writes:
    """Unpickled, it would write a file (what an attacker's pickle would do)."""

    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        return (_write_file, (str(self.target),))


def _write_file(path):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("pwned")
    return {}


@pytest.mark.parametrize("where", ["entry", "old_pickle", "corpus"])
def test_defect2_a_pickle_in_the_cache_is_never_unpickled(tmp_path, capfd, where):
    """Was: the cache was pickle, so whoever could write OUT/.cache ran code at the next build.
    A pickle whose __reduce__ writes a file, put where an entry should be (a per-report entry,
    the old .pkl name, a corpus-step entry), is not unpickled: the file is not written, the
    build recomputes the entry and publishes the true tables, without a traceback."""
    import pickle

    from juye_analysis.pipeline.build import build

    raw, out = _raw_copy(tmp_path), tmp_path / "out"
    build(raw, out, progress=False)
    target = tmp_path / "pwned.txt"
    payload = pickle.dumps(_Writes(target))
    entry = _indicators_entry(raw, out)
    if where == "entry":
        entry.write_bytes(payload)
    elif where == "old_pickle":
        entry.unlink()
        entry.with_suffix(".pkl").write_bytes(payload)
    else:
        for path in (out / ".cache").glob("corpus-*.entry"):
            path.write_bytes(payload)
    (out / "current" / "build_info.json").write_text("{}", encoding="utf-8")
    capfd.readouterr()
    stats = build(raw, out, progress=False)
    err = capfd.readouterr().err
    assert not target.exists()
    assert _gdp_2024(out) == [447.6]
    assert "Traceback" not in err
    if where == "corpus":
        assert len(stats.corpus_computed) == len(__import__(
            "juye_analysis.pipeline.steps", fromlist=["CORPUS_TABLES"]).CORPUS_TABLES)
        assert "not a cache entry" in err
    else:
        assert stats.computed.get("indicators") == 1
    assert not list((out / ".cache").glob("*.pkl"))  # pruned: not a file of the cache


@pytest.mark.parametrize("damage", ["foreign", "wrong_kind", "header"])
def test_defect2_a_foreign_or_wrong_typed_entry_is_recomputed_with_one_warning(small_report, capfd,
                                                                               damage):
    """An entry copied from another key, one of another kind (a single table where the first
    step's row, sentences and text belong), or with a damaged header: one warning line each,
    recomputed, the same tables as without the cache."""
    from juye_analysis.pipeline.entries import encode

    path, keys, root = small_report
    process_cached(path, META, keys, str(root))
    first = root / f"{keys['sentences']}.entry"
    tokens = root / f"{keys['tokens']}.entry"
    if damage == "foreign":
        first.write_bytes(tokens.read_bytes())
    elif damage == "wrong_kind":
        first.write_bytes(encode(keys["sentences"], "frame", pd.DataFrame({"a": [1]})))
    else:
        data = first.read_bytes()
        first.write_bytes(data.replace(b'"kind": "first"', b'"kind": "frame"', 1))
    capfd.readouterr()
    again = process_cached(path, META, keys, str(root))
    err = capfd.readouterr().err
    assert again[3] == ["sentences"]
    assert len(err.strip().splitlines()) == 1 and "recomputing" in err
    _same(again, process_cached(path, META, None, None))
