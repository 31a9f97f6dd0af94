"""The metadata table ``data/raw/reports.csv``: one row per report, validated as a whole.

Columns: report_id, county, division_code (GB/T 2260), level (national, province, city, county,
district, county_city, zone; empty: inferred from the name), province_code and city_code (the
GB/T 2260 codes of the province and prefecture city above it; empty when none or unknown),
report_year (the session year), review_year, title, session, speaker, date, source, completeness
(full | partial), file, sha256. A table written before level and the parent codes existed is read
with them empty.
A folder without ``reports.csv`` is read from its report files alone (``*.txt``, ``*.htm``,
``*.html``, ``*.pdf``, ``*.docx``), each report's county and year inferred from its text.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
import pandas as pd
from ..errors import UserError
from .checks import cell_problem, check_code, check_level, check_report_id, check_year, inside


METADATA_FILE = "reports.csv"


REPORT_COLUMNS = ["report_id", "county", "division_code", "level", "province_code", "city_code",
                  "report_year", "review_year", "title", "session", "speaker", "date", "source",
                  "completeness", "file", "sha256"]


REQUIRED = ["report_id", "county", "report_year", "file", "sha256"]


TEXT_SUFFIXES = (".txt", ".htm", ".html", ".pdf", ".docx")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_metadata(path: Path) -> pd.DataFrame:
    """Read reports.csv as strings; one-line errors for a missing column or an unreadable file."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise UserError(path, f"cannot read the metadata table ({type(exc).__name__})") from None
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise UserError(path, f"missing column(s): {', '.join(missing)}")
    if df.empty:
        raise UserError(path, "lists no report (only a header); add a row per report, or remove "
                              "the file to build from the text files alone")
    for col in REPORT_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    return df


def validate_metadata(df: pd.DataFrame, meta_path: Path, raw: Path) -> None:
    """Every row's cells, ids, years and file (see :mod:`.checks`), duplicate keys, missing
    files and sha256 mismatches, each as one line naming the line of the table."""
    name = meta_path.name
    for i, row in enumerate(df.to_dict("records"), start=2):  # line 1 is the header
        for col, value in row.items():
            problem = cell_problem(str(value))
            if problem:
                raise UserError(meta_path, f"line {i}: {col} {problem}")
        if not row["report_id"]:
            raise UserError(meta_path, f"line {i}: empty report_id")
        check_report_id(row["report_id"], f"line {i}:", meta_path)
        check_year(row["report_year"], f"line {i}: report_year", meta_path)
        if row.get("review_year"):
            check_year(row["review_year"], f"line {i}: review_year", meta_path)
        if row.get("level"):
            check_level(row["level"], f"line {i}: level", meta_path)
        for col in ("division_code", "province_code", "city_code"):
            if row.get(col):
                check_code(row[col], f"line {i}: {col}", meta_path)
    dup = df[df.duplicated("report_id", keep=False)]
    if len(dup):
        raise UserError(meta_path, f"duplicate report_id {dup['report_id'].iloc[0]!r} "
                                   f"(lines {', '.join(str(i + 2) for i in dup.index)})")
    dup = df[df.duplicated(["county", "report_year"], keep=False)]
    if len(dup):
        r = dup.iloc[0]
        raise UserError(meta_path, f"two reports for {r['county']} {r['report_year']} "
                                   f"(lines {', '.join(str(i + 2) for i in dup.index)})")
    for i, row in enumerate(df.itertuples(index=False), start=2):
        path = report_file(raw, row.file, f"{name} line {i} (report {row.report_id})")
        digest = sha256_file(path)
        if not row.sha256:
            raise UserError(path, f"its sha256 is empty in {name} (line {i}); if this is the file "
                                  f"as received, enter {digest}")
        if digest != row.sha256.lower():
            raise UserError(path, f"sha256 does not match {name} (line {i}): the file changed "
                                  f"(now {digest[:12]}…); check it and update the sha256 column")


def report_file(raw: Path, name: str, where: str | None) -> Path:
    """The report file ``name`` of the raw folder (resolved), refused with one line when it is
    empty, absolute, outside ``raw`` (``../``, a symlink out), missing or a folder. ``where``
    names the row that lists it (None: a text file found in the folder)."""
    at = f"{where}: " if where else ""
    if not name:
        raise UserError(Path(raw), f"{at}the file cell is empty")
    path = inside(raw, name)
    if path is None:
        raise UserError(Path(raw), f"{at}file {name!r} is outside the raw folder; copy the "
                                   "file into it (no absolute paths, ../ or symlinks out)")
    if path.is_dir():
        raise UserError(path, f"{at}is a folder, not a report file")
    if not path.is_file():
        raise UserError(Path(raw) / name, f"listed in {where} but missing")
    return path


def load_metadata(raw: Path) -> list[tuple[str, dict]]:
    """(path, metadata row) for every report in a raw folder, validated."""
    raw = Path(raw)
    if not raw.is_dir():
        raise UserError(raw, "is a file, not a folder of reports" if raw.exists() else "no such folder")
    meta_path = raw / METADATA_FILE
    if meta_path.exists():
        df = read_metadata(meta_path)
        validate_metadata(df, meta_path, raw)
        return [(str(raw / row["file"]), {k: v for k, v in row.items() if v != ""})
                for row in df.to_dict("records")]
    files = sorted(p for p in raw.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
    for p in files:  # no reports.csv: each file is checked like a listed one
        report_file(raw, p.name, None)
    if not files:
        raise UserError(raw, f"no {METADATA_FILE} and no text files (*.txt, *.html) to build from")
    return [(str(p), {"file": p.name, "infer": True}) for p in files]


def choose_report(reports: pd.DataFrame, report_id: str | None = None, *,
                  completeness: str | None = None, among=None,
                  none_left: str = "no report to choose from") -> str:
    """The one chooser of a report to show or compare.

    ``report_id`` if given (checked against ``reports``; the other options are not applied to
    it). Else the latest by report_year (as a number), then by report_id, among the reports whose
    id is in ``among`` (default all; a ``UserError`` saying ``none_left`` when there is none),
    preferring those of the given ``completeness`` (e.g. "full") when there are any, and among
    those the reports of the focal jurisdiction (:func:`~juye_analysis.settings.focal_jurisdiction`,
    column ``county``) when there are any.
    """
    if report_id is not None:
        if report_id not in set(reports["report_id"]):
            raise UserError(None, f"report {report_id!r} is not in the reports table "
                                  f"(have: {', '.join(reports['report_id'])})")
        return report_id
    pool = reports if among is None else reports[reports["report_id"].isin(set(among))]
    if pool.empty:
        raise UserError(None, none_left)
    if "county" in pool:
        from ..settings import focal_jurisdiction

        focal = pool["county"] == focal_jurisdiction()
        if focal.any():
            pool = pool[focal]
    if completeness and "completeness" in pool and (pool["completeness"] == completeness).any():
        pool = pool[pool["completeness"] == completeness]
    pool = pool.assign(_year=pd.to_numeric(pool["report_year"], errors="coerce"))
    return pool.sort_values(["_year", "report_id"], na_position="first").iloc[-1]["report_id"]
