"""Subcommand ``export``: a built table in a form another program reads as it is.

``export panel --format dta|csv|parquet [--wide] [--out FILE] [--data DIR]`` writes the indicator
panel of the last build (``data/processed/indicator_panel``) for Stata, R or a spreadsheet.
"""
from __future__ import annotations

from pathlib import Path
from ..errors import UserError


def _format(args) -> str:
    """The format: --format, else the suffix of --out; they must agree."""
    from ..compare.panel import EXPORT_FORMATS

    suffix = args.out.suffix.lstrip(".").lower() if args.out is not None else ""
    if args.format and suffix and suffix != args.format:
        raise UserError(args.out, f"ends in .{suffix} but --format is {args.format}; "
                                  f"name the file .{args.format} or drop --format")
    fmt = args.format or suffix
    if fmt not in EXPORT_FORMATS:
        where = f"--out ends in .{suffix}" if suffix else "no --format given"
        raise UserError(args.out, f"{where}; choose --format {'|'.join(EXPORT_FORMATS)}")
    return fmt


def cmd_export_panel(args) -> int:
    from ..compare.panel import panel_reshape_wide, write_panel
    from ..paths import exports_dir
    from ..pipeline.storage import load_table

    fmt = _format(args)
    if args.out is not None and args.out.is_dir():
        raise UserError(args.out, "--out is a folder; give the file to write")
    processed = args.data / "processed" if args.data is not None else None
    panel = load_table("indicator_panel", processed)
    if args.wide:
        panel = panel_reshape_wide(panel)
    out = args.out or exports_dir() / f"indicator_panel{'_wide' if args.wide else ''}.{fmt}"
    path = write_panel(panel, out, fmt)
    print(path)
    return 0


def register(sub) -> None:
    from ..compare.panel import EXPORT_FORMATS

    p = sub.add_parser("export", help="write a built table for Stata, R or a spreadsheet")
    what = p.add_subparsers(dest="table", metavar="TABLE", required=True)
    q = what.add_parser("panel", help="the indicator panel: one row per (county, indicator, "
                                      "period, kind, report_id)")
    q.add_argument("--format", choices=EXPORT_FORMATS, default=None,
                   help="dta (Stata 15+, variable and value labels), csv (UTF-8 with BOM) or parquet;"
                        " default: the suffix of --out")
    q.add_argument("--wide", action="store_true",
                   help="reshape wide on period: one row per (county, indicator, kind, report_id), "
                        "value_base2023, growth_pct2023 …")
    q.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help="the file to write (default build/export/indicator_panel[_wide].FORMAT)")
    q.add_argument("--data", type=Path, default=None, metavar="DIR",
                   help="the data folder whose processed/ tables to read (default data/)")
    q.set_defaults(func=cmd_export_panel)
