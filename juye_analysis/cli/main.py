"""The command line: ``python -m juye_analysis SUBCOMMAND …`` (``--help`` lists them).

Errors a user can cause print one line, ``juye-analysis: error: <file>: <problem>``, and exit 2,
with no traceback. Tables go to stdout as CSV (plain UTF-8, no BOM), an aligned text table or JSON.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from ..errors import UserError
from . import add, build, compare, report
from .common import PROG


# The subcommand groups, in the order --help lists them: each module's register(subparsers).
GROUPS = (build.register, report.register, compare.register, add.register)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Tidy tables with provenance from Chinese government work reports.")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for register in GROUPS:
        register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except UserError as exc:
        for line in str(exc).split("\n"):  # several files (a folder build): one line each
            print(f"{PROG}: error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head`
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
