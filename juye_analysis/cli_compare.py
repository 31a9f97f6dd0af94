"""Subcommands for comparing reports and for the yearly rerun: ``compare``, ``keyness``, ``add``."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from .cli import _add_format
from .cli_extra import _once
from .errors import UserError

COMPARE_HEAD = ["indicator", "period", "qualifier", "target_value", "target_growth_pct",
                "actual_value", "actual_growth_pct", "margin", "status"]
KEYNESS_HEAD = ["term", "n_old", "n_new", "per_10k_old", "per_10k_new", "score"]


def _two_reports(old_path: Path, new_path: Path, year_old=None, year_new=None):
    """Build the per-report tables of two files (without the cache); reports table and tables."""
    from .build import process_one

    rows, tables = [], {}
    for rid, path, year in (("old", old_path, year_old), ("new", new_path, year_new)):
        meta = {"report_id": rid}
        if year:
            meta["report_year"] = year
        row, t, _ = process_one(str(path), meta)
        rows.append(row)
        for name, df in t.items():
            tables.setdefault(name, []).append(df)
    reports = pd.DataFrame(rows)
    if reports["county"].nunique() > 1 or not reports["county"].iloc[0]:
        reports["county"] = reports["county"].iloc[0] or "?"  # the user says they are comparable
    return reports, {n: pd.concat(v, ignore_index=True) for n, v in tables.items()}


def cmd_compare(args) -> int:
    from .cli import emit
    from .compare import indicator_panel, target_vs_outcome

    reports, tables = _two_reports(args.old, args.new, args.old_year, args.new_year)
    if "indicators" not in tables:
        raise UserError(None, "this installation has no indicators table")
    panel = indicator_panel(tables["indicators"], reports)
    out = target_vs_outcome(panel, reports, old="old", new="new")
    rest = [c for c in out.columns if c not in COMPARE_HEAD and not c.endswith("report_id")]
    emit(out[COMPARE_HEAD + rest], args.format)
    return 0


def cmd_keyness(args) -> int:
    from .cli import emit
    from .keyness import CAVEAT, keyness

    reports, tables = _two_reports(args.old, args.new, args.old_year, args.new_year)
    tf = tables["term_frequencies"]
    tf = tf[tf["scope"] == "report"]
    chars = dict(zip(reports["report_id"], reports["n_chars"]))
    k = keyness(tf[tf["report_id"] == "old"], tf[tf["report_id"] == "new"],
                chars_old=chars["old"], chars_new=chars["new"])
    if args.top:
        k = pd.concat([k.head(args.top), k.tail(args.top)]).drop_duplicates("term")
    rest = [c for c in k.columns if c not in KEYNESS_HEAD]
    emit(k[KEYNESS_HEAD + rest], args.format)
    print(f"note: {CAVEAT}", file=sys.stderr)  # stdout stays a clean table
    return 0


def cmd_add(args) -> int:
    """Validate a report, copy it into the raw folder and append its row to reports.csv."""
    from .corpus import read_report
    from .metadata import METADATA_FILE, REPORT_COLUMNS, read_metadata, sha256_file, validate_metadata
    from .paths import raw_dir

    raw = Path(args.raw) if args.raw else raw_dir()
    src = Path(args.path)
    report = read_report(src, year=args.year)  # decodes, normalises, checks --year against the text
    inferred = report.meta["report_year"]
    county = args.county or report.meta.get("county")
    if not county:
        raise UserError(src, "cannot infer the county from the text; give it with --county")
    meta_path = raw / METADATA_FILE
    table = read_metadata(meta_path) if meta_path.exists() else pd.DataFrame(columns=REPORT_COLUMNS)
    report_id = args.report_id or _default_id(table, county, inferred, src)
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


@_once
def register_compare(sub):
    for name, fn, helptext in (("compare", cmd_compare, "every target in OLD with its outcome in NEW"),
                               ("keyness", cmd_keyness, "terms characteristic of NEW (+) or OLD (−)")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("old", type=Path, metavar="OLD")
        p.add_argument("new", type=Path, metavar="NEW")
        p.add_argument("--old-year", type=int, default=None, help="report year of OLD if the text lacks it")
        p.add_argument("--new-year", type=int, default=None, help="report year of NEW if the text lacks it")
        if name == "keyness":
            p.add_argument("--top", type=int, default=None, help="the N highest and N lowest scores")
        _add_format(p)
        p.set_defaults(func=fn)

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

