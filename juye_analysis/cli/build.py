"""Subcommands that build: ``build`` (every table) and ``notebooks`` (run them, write the figures)."""
from __future__ import annotations

import argparse
from pathlib import Path


def cmd_build(args) -> int:
    from ..errors import UserError
    from ..pipeline.build import build

    if args.jobs < 1:
        raise UserError(None, f"--jobs must be at least 1 (got {args.jobs})")
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        raise UserError(args.out, "--out is a file, not a folder; give the folder to build into")
    build(raw_dir=args.raw, out_dir=args.out, jobs=args.jobs, use_cache=not args.no_cache,
          scheduler=args.scheduler, address=args.address, progress=not args.quiet)
    return 0


def cmd_notebooks(args) -> int:
    from ..pipeline.notebooks import run_notebooks

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


def register(sub) -> None:
    p = sub.add_parser("build", help="build every table from data/raw into data/processed")
    p.add_argument("--raw", type=Path, default=None, help="folder of reports (default data/raw)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default data/processed)")
    p.add_argument("--jobs", type=int, default=1, help="processes to use (default 1)")
    p.add_argument("--no-cache", action="store_true", help="rebuild every report from scratch")
    p.add_argument("--scheduler", choices=("local", "dask"), default="local")
    p.add_argument("--address", default=None, help="HOST:PORT of a running Dask scheduler")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("notebooks", help="execute the notebooks (papermill) and write the figures")
    p.add_argument("names", nargs="*", help="notebook names (default: all, in order)")
    p.add_argument("-p", "--param", action="append", type=_param, metavar="NAME=VALUE",
                   help="a papermill parameter for every notebook (JSON values)")
    p.set_defaults(func=cmd_notebooks)
