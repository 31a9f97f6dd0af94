"""The snapshot of every built table (tests/snapshot/), used to show that a restructure changes
no output. ``python -m tests.snapshot_util`` rewrites it from the current code: do that only
when a change of output is intended, and say in the commit which rows changed and why."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

from .conftest import copy_raw

TESTS = Path(__file__).resolve().parent
SNAPSHOT = TESTS / "snapshot"
CORPUS = TESTS / "data" / "corpus"
RAW = TESTS.parent / "data" / "raw"
REFERENCE = TESTS.parent / "data" / "reference"


def make_raw(data: Path) -> Path:
    """A data folder with the bundled reports and the copied corpus texts; returns its raw/."""
    raw = data / "raw"
    copy_raw(raw)
    shutil.copytree(REFERENCE, data / "reference")
    extra = pd.read_csv(CORPUS / "snapshot_reports.csv", dtype=str, keep_default_na=False)
    for name in extra["file"]:
        shutil.copy(CORPUS / "counties" / name, raw / name)
    meta = pd.read_csv(raw / "reports.csv", dtype=str, keep_default_na=False)
    pd.concat([meta, extra], ignore_index=True).fillna("").to_csv(raw / "reports.csv", index=False)
    return raw


def built_tables(out: Path) -> dict[str, pd.DataFrame]:
    """Every published Parquet table of a build, and the normalised texts as a table."""
    tables = {p.stem: pd.read_parquet(p) for p in sorted(out.glob("*.parquet"))}
    texts = sorted((out / "texts").glob("*.txt"))
    tables["_texts"] = pd.DataFrame({"report_id": [p.stem for p in texts],
                                     "text": [p.read_text(encoding="utf-8") for p in texts]})
    return tables


def build_into(data: Path) -> dict[str, pd.DataFrame]:
    from juye_analysis.pipeline.build import build

    raw = make_raw(data)
    build(raw, data / "processed", progress=False, use_cache=False)
    return built_tables(data / "processed")


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        tables = build_into(Path(tmp))
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    SNAPSHOT.mkdir()
    for name, df in tables.items():
        df.to_parquet(SNAPSHOT / f"{name}.parquet", index=False)
    print(f"wrote {len(tables)} tables to {SNAPSHOT}", file=sys.stderr)


if __name__ == "__main__":
    main()
