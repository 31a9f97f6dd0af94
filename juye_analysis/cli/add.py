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
    for option in ("county", "division_code", "province", "city", "title", "session", "speaker",
                   "date", "source"):
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
    division, note = division_columns(county, args.division_code, args.province, args.city,
                                      "--county" if args.county else src)
    target = raw / src.name
    if target.exists() and target.resolve() != src.resolve() and sha256_file(target) != sha256_file(src):
        raise UserError(target, "a different file with this name is already in the raw folder")
    row = {c: "" for c in table.columns}
    row.update(report_id=report_id, county=county, **division,
               report_year=str(inferred), review_year=str(inferred - 1), title=args.title,
               session=args.session or "", speaker=args.speaker or "", date=args.date or "",
               source=args.source or "", completeness=args.completeness, file=src.name,
               sha256=sha256_file(src))
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
    print(f"added {report_id} ({county} {inferred}, {args.completeness}; {note}) to {meta_path}; "
          "now run `make run`")
    return 0


def division_columns(county: str, code: str | None, province: str | None, city: str | None,
                     where) -> tuple[dict, str]:
    """division_code, level, province_code and city_code of a report's row, from the county's
    name (current or old: the code is today's, the level the one the name had; ``province`` and
    ``city`` decide between namesakes) and a note saying
    what was found. A zone that is not a division (金华开发区) keeps the ``code`` given, or none.
    A code that is not the name's, a name that is not a division, or one that several divisions
    share, is a ``UserError`` naming ``where``."""
    from ..read.divisions import resolve_division
    from ..read.places import place_level

    try:
        d = resolve_division(county, province=province, city=city)
    except UserError as exc:
        if place_level(county) != "zone":
            raise UserError(where, exc.problem) from None
        parent = resolve_division(code) if code else None
        columns = dict(division_code=code or "", level="zone",
                       province_code=parent.province_code if parent else "",
                       city_code=parent.city_code if parent else "")
        return columns, (f"a zone, not a division: division code {code or 'left empty'}")
    if code and code != d.code:
        raise UserError("--division-code", f"{code} is not the code of {county} ({d.code}, {d.name})")
    note = f"division {d.code} {d.name}, {d.level}"
    if d.renamed_from:
        note += f"; {d.renamed_from} is its old name ({d.rename_change} {d.rename_year})"
    # an old name keeps the level it had (定陶县 reports are a county's), with today's code
    return dict(division_code=d.code, level=d.old_level or d.level, province_code=d.province_code,
                city_code=d.city_code), note


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
    p.add_argument("--division-code", default=None,
                   help="GB/T 2260 code (found from the county's name; give it for a zone)")
    p.add_argument("--province", default=None,
                   help="the province, when divisions of several provinces share the county's name")
    p.add_argument("--city", default=None,
                   help="the prefecture city, when divisions of several cities share the name")
    p.add_argument("--title", default="政府工作报告")
    p.add_argument("--session", default=None)
    p.add_argument("--speaker", default=None)
    p.add_argument("--date", default=None)
    p.add_argument("--source", default=None)
    p.add_argument("--completeness", choices=("full", "partial"), default="full")
    p.add_argument("--raw", type=Path, default=None, help="raw folder (default data/raw)")
    p.set_defaults(func=cmd_add)
