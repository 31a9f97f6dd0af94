"""The ``add`` subcommand: the yearly step of adding a report to data/raw and reports.csv."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..errors import UserError


def cmd_add(args) -> int:
    """Validate a report, copy it into the raw folder and append its row to reports.csv."""
    from ..read.report import read_report
    from ..read.metadata import METADATA_FILE, REPORT_COLUMNS, read_metadata, sha256_file, validate_metadata
    from ..read.checks import check_cell, check_report_id
    from ..paths import raw_dir

    raw = Path(args.raw) if args.raw else raw_dir()
    src = Path(args.path)
    if args.report_id is not None:
        check_report_id(args.report_id, "--report-id:")
    for option in ("county", "division_code", "title", "session", "speaker", "date", "source"):
        if getattr(args, option) is not None:
            check_cell(getattr(args, option), f"--{option.replace('_', '-')}")
    check_cell(src.name, "the file name")
    report = read_report(src, year=args.year)  # decodes, normalises, checks --year against the text
    inferred = report.meta["report_year"]
    county = args.county or report.meta.get("county")
    if not county:
        raise UserError(src, "cannot infer the county from the text; give it with --county")
    meta_path = raw / METADATA_FILE
    table = read_metadata(meta_path) if meta_path.exists() else pd.DataFrame(columns=REPORT_COLUMNS)
    same_text = table[table["sha256"].str.lower() == report.sha256]
    if len(same_text):
        raise UserError(src, f"this text is already in the corpus as report "
                             f"{same_text['report_id'].iloc[0]!r} ({same_text['file'].iloc[0]})")
    report_id = args.report_id or _default_id(table, county, inferred, src)
    check_report_id(report_id, "the id taken from the file name (give one with --report-id):", src)
    target = raw / src.name
    if target.exists() and target.resolve() != src.resolve() and sha256_file(target) != sha256_file(src):
        raise UserError(target, "a different file with this name is already in the raw folder")
    row = {c: "" for c in table.columns}
    row.update(report_id=report_id, county=county, division_code=args.division_code or "",
               report_year=str(inferred), review_year=str(inferred - 1), title=args.title,
               session=args.session or "", speaker=args.speaker or "", date=args.date or "",
               source=args.source or "", completeness=args.completeness, file=src.name,
               sha256=sha256_file(src))
    if not row["division_code"]:
        same = table[table["county"] == county]
        row["division_code"] = same["division_code"].iloc[-1] if len(same) else ""
    new_table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)[table.columns.tolist() or REPORT_COLUMNS]
    raw.mkdir(parents=True, exist_ok=True)
    copied = False
    if not target.exists():
        shutil.copy2(src, target)
        copied = True
    try:
        validate_metadata(new_table, meta_path, raw)
    except UserError:
        if copied:
            target.unlink()
        raise
    fd, tmp = tempfile.mkstemp(dir=raw, suffix=".csv")
    os.close(fd)
    new_table.to_csv(tmp, index=False, encoding="utf-8")
    os.replace(tmp, meta_path)
    print(f"added {report_id} ({county} {inferred}, {args.completeness}) to {meta_path}; "
          "now run `make run`")
    return 0


def _default_id(table: pd.DataFrame, county: str, year: int, src: Path) -> str:
    """Like the county's earlier reports ("juye_2024" → "juye_2026"), else the file name."""
    same = table[table["county"] == county]["report_id"]
    for rid in same[::-1]:
        stem, _, tail = str(rid).rpartition("_")
        if stem and tail.isdigit():
            return f"{stem}_{year}"
    return src.stem


def register(sub) -> None:
    p = sub.add_parser("add", help="add a report to data/raw and its row to reports.csv")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--county", default=None, help="e.g. 巨野县 (inferred from the text if absent)")
    p.add_argument("--year", type=int, required=True, help="the report (session) year")
    p.add_argument("--report-id", default=None)
    p.add_argument("--division-code", default=None, help="GB/T 2260 code (Juye: 371724)")
    p.add_argument("--title", default="政府工作报告")
    p.add_argument("--session", default=None)
    p.add_argument("--speaker", default=None)
    p.add_argument("--date", default=None)
    p.add_argument("--source", default=None)
    p.add_argument("--completeness", choices=("full", "partial"), default="full")
    p.add_argument("--raw", type=Path, default=None, help="raw folder (default data/raw)")
    p.set_defaults(func=cmd_add)
