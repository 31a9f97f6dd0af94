"""Subcommands of the analysis modules, registered with :mod:`juye_analysis.cli`.

Each ``register_*`` function takes ``(sub, add_format, add_year, emit)`` and adds one subparser.
"""
from __future__ import annotations

from .cli import _EXTRA_SUBCOMMANDS


def _once(fn):
    if fn not in _EXTRA_SUBCOMMANDS:
        _EXTRA_SUBCOMMANDS.append(fn)
    return fn


@_once
def register_keywords(sub, add_format, add_year, emit):
    """``keywords PATH [--year YEAR] [--top N] [--format csv|table]``: term frequencies of a file."""
    from pathlib import Path

    p = sub.add_parser("keywords", help="term frequencies of a text file, most frequent first "
                                        "(our dictionary; stopword tiers function and genre; no numbers)")
    p.add_argument("path", type=Path)
    add_year(p)
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="only the N most frequent terms (default: all)")
    add_format(p)

    def run(args) -> int:
        from .corpus import read_report, sentences_table
        from .errors import UserError
        from .keywords import count_terms
        from .tokenize import tokens_from_sentences

        if args.top is not None and args.top < 1:
            raise UserError(args.path, "--top must be at least 1")
        report = read_report(args.path, year=args.year)
        tf = count_terms(tokens_from_sentences(sentences_table(report)), scope="report")
        if args.top is not None:
            tf = tf.head(args.top)
        tf = tf.assign(per_10k_chars=tf["per_10k_chars"].round(2))
        emit(tf, args.format, columns=["report_id", "term", "n", "per_10k_chars", "rank"])
        return 0

    p.set_defaults(func=run)


@_once
def register_indicators(sub, add_format, add_year, emit):
    """``indicators PATH [--year YEAR] [--format csv|table|json]``: the indicators of a text file."""
    from pathlib import Path

    p = sub.add_parser("indicators", help="canonical economic indicators of a text file (outcomes "
                                          "and targets, growth, qualifier, rank claim, sentence)")
    p.add_argument("path", type=Path)
    add_year(p)
    add_format(p, choices=("csv", "table", "json"))

    def run(args) -> int:
        from .corpus import read_report
        from .indicators import CLI_COLUMNS, indicators_for_display, indicators_table

        report = read_report(args.path, year=args.year)
        df = indicators_for_display(indicators_table(report))
        if args.format == "table":
            df = df.astype(object).where(df.notna(), "")
        emit(df, args.format, columns=CLI_COLUMNS)
        return 0

    p.set_defaults(func=run)
