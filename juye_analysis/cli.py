"""The command line: ``python -m juye_analysis SUBCOMMAND …`` (``--help`` lists them).

Errors a user can cause print one line, ``juye-analysis: error: <file>: <problem>``, and exit 2,
with no traceback. Tables go to stdout as CSV (plain UTF-8, no BOM), an aligned text table or JSON.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from .errors import UserError

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


# --- subcommands ------------------------------------------------------------------------------

def add_file_command(sub, name: str, helptext: str, func, formats=("csv", "table")):
    """A subcommand that reads one report file: PATH, --year and --format."""
    p = sub.add_parser(name, help=helptext)
    p.add_argument("path", type=Path)
    _add_year(p)
    _add_format(p, formats)
    p.set_defaults(func=func)
    return p


def cmd_build(args) -> int:
    from .build import build

    build(raw_dir=args.raw, out_dir=args.out, jobs=args.jobs, use_cache=not args.no_cache,
          scheduler=args.scheduler, address=args.address, progress=not args.quiet)
    return 0


def cmd_sentences(args) -> int:
    from .corpus import read_report, sentences_table

    report = read_report(args.path, year=args.year)
    emit(sentences_table(report), args.format)
    return 0


def cmd_notebooks(args) -> int:
    from .notebooks import run_notebooks

    run_notebooks(names=args.names or None, parameters=dict(args.param or []))
    return 0


def _param(value: str) -> tuple[str, object]:
    key, sep, raw = value.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError("use NAME=VALUE")
    try:
        import json

        return key, json.loads(raw)
    except ValueError:
        return key, raw


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Tidy tables with provenance from Chinese government work reports.")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    p = sub.add_parser("build", help="build every table from data/raw into data/processed")
    p.add_argument("--raw", type=Path, default=None, help="folder of reports (default data/raw)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default data/processed)")
    p.add_argument("--jobs", type=int, default=1, help="processes to use (default 1)")
    p.add_argument("--no-cache", action="store_true", help="rebuild every report from scratch")
    p.add_argument("--scheduler", choices=("local", "dask"), default="local")
    p.add_argument("--address", default=None, help="HOST:PORT of a running Dask scheduler")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build)

    add_file_command(sub, "sentences", "the sentences table of a text file", cmd_sentences)

    p = sub.add_parser("notebooks", help="execute the notebooks (papermill) and write the figures")
    p.add_argument("names", nargs="*", help="notebook names (default: all, in order)")
    p.add_argument("-p", "--param", action="append", type=_param, metavar="NAME=VALUE",
                   help="a papermill parameter for every notebook (JSON values)")
    p.set_defaults(func=cmd_notebooks)

    for register in _EXTRA_SUBCOMMANDS:
        register(sub)
    return parser


# Other modules register their subcommands here (keywords, indicators, compare, …).
_EXTRA_SUBCOMMANDS = []


def _register_extras() -> None:
    from . import cli_compare, cli_extra  # noqa: F401  (they append to _EXTRA_SUBCOMMANDS)


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
    _register_extras()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except UserError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head`
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
