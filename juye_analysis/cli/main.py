"""The command line: ``python -m juye_analysis SUBCOMMAND …`` (``--help`` lists them).

Errors a user can cause print one line, ``juye-analysis: error: <file>: <problem>``, and exit 2,
with no traceback; so does an ``OSError`` (a full disk, a read-only or forbidden folder). Tables go to stdout as CSV (plain UTF-8, no BOM), an aligned text table or JSON.
"""
from __future__ import annotations

import argparse
import errno
import os
import sys
import warnings
from ..errors import UserError
from . import add, build, compare, export, report
from .common import PROG


# The subcommand groups, in the order --help lists them: each module's register(subparsers).
GROUPS = (build.register, report.register, compare.register, export.register, add.register)


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (no usage block): ``juye-analysis: error:
    PROBLEM (see --help)``, exit status 2, like every other user error."""

    def error(self, message):
        self.exit(2, f"{PROG}: error: {' '.join(message.split())} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG, description="Tidy tables with provenance from Chinese government work reports.")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for register in GROUPS:
        register(sub)
    return parser


_OS_HINTS = {
    errno.ENOSPC: "the disk is full; free some space and run again",
    errno.EROFS: "the folder is on a read-only file system; choose another with --out",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "operation not permitted; choose a folder you can write to",
    errno.EDQUOT: "the disk quota is exceeded; free some space and run again",
}


def os_error_line(exc: OSError) -> str:
    """An OSError as one line: the path, the system's words, what to do."""
    what = exc.strerror or (os.strerror(exc.errno) if exc.errno else "") or str(exc) or type(exc).__name__
    what = " ".join(str(what).split())  # one line, whatever the library put in the message
    hint = _OS_HINTS.get(exc.errno)
    line = what + (f" ({hint})" if hint else "")
    return f"{exc.filename}: {line}" if exc.filename is not None else line


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
    except OSError as exc:  # a full disk, a read-only or forbidden folder: one line naming the path
        print(f"{PROG}: error: {os_error_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
