"""Subcommands that compare two report files: ``compare`` (targets against outcomes), ``keyness``.
"""
from __future__ import annotations

import sys
from pathlib import Path
import pandas as pd
from .common import _add_format
from ..errors import UserError


COMPARE_HEAD = ["indicator", "period", "qualifier", "target_value", "target_growth_pct",
                "actual_value", "actual_growth_pct", "margin", "status"]


KEYNESS_HEAD = ["term", "n_old", "n_new", "per_10k_old", "per_10k_new", "score"]


def _two_reports(old_path: Path, new_path: Path, year_old=None, year_new=None):
    """Build the per-report tables of two files (without the cache); reports table and tables."""
    from ..pipeline.build import process_one
    from ..read.checks import check_year

    rows, tables = [], {}
    for rid, path, year in (("old", old_path, year_old), ("new", new_path, year_new)):
        meta = {"report_id": rid}
        if year is not None:
            meta["report_year"] = check_year(year, f"--{rid}-year", path)
        row, t, _ = process_one(str(path), meta)
        rows.append(row)
        for name, df in t.items():
            tables.setdefault(name, []).append(df)
    reports = pd.DataFrame(rows)
    if reports["county"].nunique() > 1 or not reports["county"].iloc[0]:
        reports["county"] = reports["county"].iloc[0] or "?"  # the user says they are comparable
    return reports, {n: pd.concat(v, ignore_index=True) for n, v in tables.items()}


def cmd_compare(args) -> int:
    from .common import emit
    from ..compare.panel import indicator_panel
    from ..compare.outcomes import target_vs_outcome

    reports, tables = _two_reports(args.old, args.new, args.old_year, args.new_year)
    if "indicators" not in tables:
        raise UserError(None, "this installation has no indicators table")
    panel = indicator_panel(tables["indicators"], reports)
    out = target_vs_outcome(panel, reports, old="old", new="new")
    rest = [c for c in out.columns if c not in COMPARE_HEAD and not c.endswith("report_id")]
    emit(out[COMPARE_HEAD + rest], args.format)
    return 0


def cmd_keyness(args) -> int:
    from .common import emit
    from ..compare.keyness import CAVEAT, keyness

    if args.top is not None and args.top < 1:
        raise UserError(None, f"--top must be at least 1 (got {args.top})")
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


def register(sub) -> None:
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
