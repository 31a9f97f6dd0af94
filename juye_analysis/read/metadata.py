"""The metadata table ``data/raw/reports.csv``: one row per report, validated as a whole.

Columns: report_id, county, division_code (GB/T 2260), report_year (the session year),
review_year, title, session, speaker, date, source, completeness (full | partial), file, sha256.
A folder without ``reports.csv`` is read from its text files alone (``*.txt``, ``*.htm``,
``*.html``), each report's county and year inferred from its text.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
import pandas as pd
from ..errors import UserError


METADATA_FILE = "reports.csv"


REPORT_COLUMNS = ["report_id", "county", "division_code", "report_year", "review_year", "title",
                  "session", "speaker", "date", "source", "completeness", "file", "sha256"]


REQUIRED = ["report_id", "county", "report_year", "file", "sha256"]


TEXT_SUFFIXES = (".txt", ".htm", ".html")


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
    for col in REPORT_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    return df


def validate_metadata(df: pd.DataFrame, meta_path: Path, raw: Path) -> None:
    """Duplicate keys, bad years, missing files and sha256 mismatches, each as one line."""
    for i, row in enumerate(df.itertuples(index=False), start=2):  # line 1 is the header
        if not row.report_id:
            raise UserError(meta_path, f"line {i}: empty report_id")
        if not str(row.report_year).isdigit():
            raise UserError(meta_path, f"line {i}: report_year {row.report_year!r} is not a year")
    dup = df[df.duplicated("report_id", keep=False)]
    if len(dup):
        raise UserError(meta_path, f"duplicate report_id {dup['report_id'].iloc[0]!r} "
                                   f"(lines {', '.join(str(i + 2) for i in dup.index)})")
    dup = df[df.duplicated(["county", "report_year"], keep=False)]
    if len(dup):
        r = dup.iloc[0]
        raise UserError(meta_path, f"two reports for {r['county']} {r['report_year']} "
                                   f"(lines {', '.join(str(i + 2) for i in dup.index)})")
    for row in df.itertuples(index=False):
        path = raw / row.file
        if not path.is_file():
            raise UserError(path, f"listed in {meta_path.name} (report {row.report_id}) but missing")
        digest = sha256_file(path)
        if not row.sha256:
            raise UserError(path, f"its sha256 is empty in {meta_path.name}; if this is the file as "
                                  f"received, enter {digest}")
        if digest != row.sha256.lower():
            raise UserError(path, f"sha256 does not match {meta_path.name}: the file changed "
                                  f"(now {digest[:12]}…); check it and update the sha256 column")


def load_metadata(raw: Path) -> list[tuple[str, dict]]:
    """(path, metadata row) for every report in a raw folder, validated."""
    raw = Path(raw)
    if not raw.is_dir():
        raise UserError(raw, "no such folder")
    meta_path = raw / METADATA_FILE
    if meta_path.exists():
        df = read_metadata(meta_path)
        validate_metadata(df, meta_path, raw)
        return [(str(raw / row["file"]), {k: v for k, v in row.items() if v != ""})
                for row in df.to_dict("records")]
    files = sorted(p for p in raw.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
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
    preferring those of the given ``completeness`` (e.g. "full") when there are any.
    """
    if report_id is not None:
        if report_id not in set(reports["report_id"]):
            raise UserError(None, f"report {report_id!r} is not in the reports table "
                                  f"(have: {', '.join(reports['report_id'])})")
        return report_id
    pool = reports if among is None else reports[reports["report_id"].isin(set(among))]
    if pool.empty:
        raise UserError(None, none_left)
    if completeness and "completeness" in pool and (pool["completeness"] == completeness).any():
        pool = pool[pool["completeness"] == completeness]
    pool = pool.assign(_year=pd.to_numeric(pool["report_year"], errors="coerce"))
    return pool.sort_values(["_year", "report_id"], na_position="first").iloc[-1]["report_id"]
