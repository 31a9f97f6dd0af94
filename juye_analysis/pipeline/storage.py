"""Writing and loading the built tables in ``data/processed/``.

Each table is written twice: ``NAME.parquet`` (what the package and the notebooks load) and
``NAME.csv`` in UTF-8 with BOM, so that Excel opens the Chinese text correctly (text quoted,
booleans true/false; a text cell that Excel would read as a formula gets a leading ``'``, see
:mod:`juye_analysis.spreadsheet`; except the tables in ``PARQUET_ONLY``, too long for Excel). A
build streams everything into its own folder ``OUT/.builds/<id>/`` and, when every table is ready,
records the size and sha256 of each file in ``build_info.json`` (written last) and publishes the
folder in one atomic step (:mod:`.publish`): a run that fails or is killed half-way leaves what was
built before untouched, and a run that succeeds no longer shows the tables of the previous build
that it does not make (keyness, say, when only one report is left), so that no stale table is
read. Internal tables (names that start with ``_``) serve the corpus-wide steps of the build and
stay out of the output.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
import pandas as pd
from ..errors import UserError
from ..paths import processed_dir
from ..spreadsheet import escape_arrow
from .publish import BUILDS, file_records, publish, published_dir


# Tables too large for Excel (over a million rows for a corpus) are written as Parquet only.
PARQUET_ONLY = {"tokens"}


FLUSH_ROWS = 200_000


COMPACT_FRAMES = 64


def is_internal(name: str) -> bool:
    """Tables whose name starts with "_" are for the corpus-wide steps of the build only: they are
    not moved into the output folder."""
    return name.startswith("_")


class OutputWriter:
    """Streams tables into a build folder ``out_dir/.builds/<id>``; on success publishes it (one
    atomic step), on failure removes it, leaving what was built before untouched."""

    def __init__(self, out_dir: Path):
        self.out = Path(out_dir)
        (self.out / BUILDS).mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{time.time_ns():020d}-", dir=self.out / BUILDS))
        (self.tmp / "texts").mkdir()
        self._buffers: dict[str, list[pd.DataFrame]] = {}
        self._writers: dict = {}
        self._rows: dict[str, int] = {}
        self._done: set[str] = set()
        self._info: dict = {}

    # -- adding ---------------------------------------------------------------------------------
    def add(self, name: str, df: pd.DataFrame) -> None:
        if name in self._done:
            raise RuntimeError(f"table {name} already finalised")
        buffer = self._buffers.setdefault(name, [])
        buffer.append(df)
        self._rows[name] = self._rows.get(name, 0) + len(df)
        if sum(len(d) for d in buffer) >= FLUSH_ROWS:
            self._flush(name)
        elif len(buffer) >= COMPACT_FRAMES:  # many small frames cost more than their rows
            self._buffers[name] = [pd.concat(buffer, ignore_index=True)]

    def add_text(self, report_id: str, text: str) -> None:
        (self.tmp / "texts" / f"{report_id}.txt").write_text(text, encoding="utf-8")

    def set_info(self, info: dict) -> None:
        self._info = info

    def row_counts(self) -> dict[str, int]:
        """Rows of each table that goes into the output folder."""
        return {n: c for n, c in self._rows.items() if not is_internal(n)}

    # -- reading back (corpus-wide tables) ----------------------------------------------------
    def frame(self, name: str, columns: list[str] | None = None, filters=None) -> pd.DataFrame:
        self._finalize(name)
        return pd.read_parquet(self.tmp / f"{name}.parquet", columns=columns, filters=filters)

    def loader(self) -> "LazyTables":
        return LazyTables(self)

    # -- writing ------------------------------------------------------------------------------
    def _flush(self, name: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = self._buffers.pop(name, [])
        if not parts:
            return
        df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
        table = pa.Table.from_pandas(df, preserve_index=False)
        writer = self._writers.get(name)
        if writer is None:
            schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f
                                for f in table.schema], metadata=table.schema.metadata)
            table = table.cast(schema)
            writer = pq.ParquetWriter(self.tmp / f"{name}.parquet", schema)
            self._writers[name] = writer
            header = True
        else:
            table = table.cast(writer.schema)
            header = False
        writer.write_table(table)
        if name not in PARQUET_ONLY and not is_internal(name):
            _write_csv(table, self.tmp / f"{name}.csv", header)

    def _finalize(self, name: str) -> None:
        if name in self._done:
            return
        self._flush(name)
        writer = self._writers.pop(name, None)
        if writer is not None:
            writer.close()
        self._done.add(name)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        published = False
        try:
            if exc_type is None:
                for name in list(self._rows):
                    self._finalize(name)
                for name in self._rows:  # internal tables stay out of the published folder
                    if is_internal(name):
                        (self.tmp / f"{name}.parquet").unlink(missing_ok=True)
                self._info["tables"] = sorted(self.row_counts())
                self._info["rows"] = self.row_counts()
                self._info["files"] = file_records(self.tmp)
                (self.tmp / "build_info.json").write_text(  # last: the build is complete
                    json.dumps(self._info, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                    encoding="utf-8")
                publish(self.out, self.tmp, _built_tables(self.out))
                published = True
        finally:
            for writer in self._writers.values():
                try:
                    writer.close()
                except Exception:  # noqa: BLE001 - closing on the way out of a failure
                    pass
            if not published:
                shutil.rmtree(self.tmp, ignore_errors=True)
        return False


def _built_tables(out: Path) -> list[str]:
    """The tables the build in ``out`` made (from its build_info.json; none if there is none)."""
    try:
        info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(n) for n in info.get("tables", []) if "/" not in str(n) and "\\" not in str(n)]


def _write_csv(table, path: Path, header: bool) -> None:
    """Write (``header``) or append an Arrow table as CSV in UTF-8, with a BOM at the start of the
    file so that Excel reads the Chinese text; pyarrow's writer (text values quoted, booleans as
    true/false, missing values empty) is many times faster than pandas'. Text cells that Excel
    would read as a formula get a leading apostrophe (:func:`juye_analysis.spreadsheet.escape_arrow`)."""
    import pyarrow.csv as pacsv

    with open(path, "wb" if header else "ab") as fh:
        if header:
            fh.write(b"\xef\xbb\xbf")
        pacsv.write_csv(escape_arrow(table), fh,
                        write_options=pacsv.WriteOptions(include_header=header))


class LazyTables(Mapping):
    """Tables of a build in progress, loaded when asked for (for corpus-wide steps)."""

    def __init__(self, writer: OutputWriter):
        self._writer = writer

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._writer._rows:
            raise KeyError(name)
        return self._writer.frame(name)

    def read(self, name: str, columns: list[str] | None = None, filters=None) -> pd.DataFrame:
        """Some columns (and rows: pyarrow ``filters``) of a table, so that a large one need not
        be loaded whole."""
        if name not in self._writer._rows:
            raise KeyError(name)
        return self._writer.frame(name, columns=columns, filters=filters)

    def __contains__(self, name) -> bool:  # without loading the table (Mapping's would)
        return name in self._writer._rows

    def __iter__(self):
        return iter(list(self._writer._rows))

    def __len__(self) -> int:
        return len(self._writer._rows)


def load_table(name: str, processed: str | Path | None = None) -> pd.DataFrame:
    """Load a built table (``sentences``, ``reports``, ``quantities`` …) from data/processed
    (from the published build, :func:`.publish.published_dir`)."""
    base = published_dir(Path(processed) if processed else processed_dir())
    path = base / f"{name}.parquet"
    if not path.exists():
        raise UserError(path, "not built yet; run `make run` or `python -m juye_analysis build`")
    return pd.read_parquet(path)


def load_tables(*names: str, processed: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Several tables at once, as a dict by name (all from the same build, even if another is
    published meanwhile)."""
    base = published_dir(Path(processed) if processed else processed_dir())
    return {n: load_table(n, base) for n in names}


def load_text(report_id: str, processed: str | Path | None = None) -> str:
    """The normalised text of a report (offsets in every table point into it)."""
    base = published_dir(Path(processed) if processed else processed_dir())
    path = base / "texts" / f"{report_id}.txt"
    if not path.exists():
        raise UserError(path, "not built yet; run `make run` or `python -m juye_analysis build`")
    return path.read_text(encoding="utf-8")


def load_build_info(processed: str | Path | None = None) -> dict:
    base = published_dir(Path(processed) if processed else processed_dir())
    return json.loads((base / "build_info.json").read_text(encoding="utf-8"))
