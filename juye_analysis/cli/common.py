"""What every subcommand shares: writing a table (csv, table, json) and the PATH/--year/--format
arguments of the subcommands that read one file.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
import pandas as pd


PROG = "juye-analysis"


def emit(df: pd.DataFrame, fmt: str, columns: list[str] | None = None) -> None:
    """Print a table on stdout in the chosen format."""
    if columns is not None:
        df = df[columns]
    if fmt == "csv":  # numbers as written: 7127, not 7127.0; no float noise
        out = df.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    elif fmt == "json":
        out = df.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60,
                               "display.unicode.east_asian_width", True):
            out = (df.to_string(index=False, float_format=lambda v: f"{v:.6g}")
                   if len(df) else "(no rows)") + "\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()


def _add_format(p: argparse.ArgumentParser, choices=("csv", "table")) -> None:
    p.add_argument("--format", choices=choices, default="csv",
                   help="csv (UTF-8, no BOM; default) or an aligned table" +
                   (" or json" if "json" in choices else ""))


def _add_year(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, default=None,
                   help="the report (session) year, when the text does not say it")


def add_file_command(sub, name: str, helptext: str, func, formats=("csv", "table")):
    """A subcommand that reads one report file: PATH, --year and --format."""
    p = sub.add_parser(name, help=helptext)
    p.add_argument("path", type=Path)
    _add_year(p)
    _add_format(p, formats)
    p.set_defaults(func=func)
    return p
