"""Writing and loading the built tables in ``data/processed/``.

Each table is written twice: ``NAME.parquet`` (what the package and the notebooks load) and
``NAME.csv`` in UTF-8 with BOM, so that Excel opens the Chinese text correctly. A build writes
everything into a temporary folder first and moves the files into place only when every table is
ready: a run that fails half-way leaves what was built before untouched.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .errors import UserError
from .paths import processed_dir


def write_outputs(out_dir: Path, tables: dict[str, pd.DataFrame], texts: dict[str, str],
                  info: dict) -> list[Path]:
    """Write all tables, the normalised texts and build_info.json atomically (file by file
    replace after everything has been written to a temporary folder)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    written = []
    try:
        for name, df in tables.items():
            df = df.reset_index(drop=True)
            df.to_parquet(tmp / f"{name}.parquet", index=False)
            df.to_csv(tmp / f"{name}.csv", index=False, encoding="utf-8-sig")
        (tmp / "texts").mkdir()
        for report_id, text in texts.items():
            (tmp / "texts" / f"{report_id}.txt").write_text(text, encoding="utf-8")
        (tmp / "build_info.json").write_text(json.dumps(info, ensure_ascii=False, indent=2,
                                                        sort_keys=True) + "\n", encoding="utf-8")
        # everything is ready: move into place
        if (out_dir / "texts").exists():
            old = out_dir / f".texts-old-{os.getpid()}"
            os.replace(out_dir / "texts", old)
            os.replace(tmp / "texts", out_dir / "texts")
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp / "texts", out_dir / "texts")
        for path in sorted(tmp.iterdir()):
            os.replace(path, out_dir / path.name)
            written.append(out_dir / path.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return written


def load_table(name: str, processed: str | Path | None = None) -> pd.DataFrame:
    """Load a built table (``sentences``, ``reports``, ``quantities`` …) from data/processed."""
    base = Path(processed) if processed else processed_dir()
    path = base / f"{name}.parquet"
    if not path.exists():
        raise UserError(path, "not built yet; run `make run` or `python -m juye_analysis build`")
    return pd.read_parquet(path)


def load_tables(*names: str, processed: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Several tables at once, as a dict by name."""
    return {n: load_table(n, processed) for n in names}


def load_text(report_id: str, processed: str | Path | None = None) -> str:
    """The normalised text of a report (offsets in every table point into it)."""
    base = Path(processed) if processed else processed_dir()
    path = base / "texts" / f"{report_id}.txt"
    if not path.exists():
        raise UserError(path, "not built yet; run `make run` or `python -m juye_analysis build`")
    return path.read_text(encoding="utf-8")


def load_build_info(processed: str | Path | None = None) -> dict:
    base = Path(processed) if processed else processed_dir()
    return json.loads((base / "build_info.json").read_text(encoding="utf-8"))
