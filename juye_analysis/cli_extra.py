"""Subcommands of the analysis modules, registered with :mod:`juye_analysis.cli`.

Each ``register_*`` function takes the subparsers object and adds its subcommand.
"""
from __future__ import annotations

from .cli import _EXTRA_SUBCOMMANDS, add_file_command, emit


def _once(fn):
    if fn not in _EXTRA_SUBCOMMANDS:
        _EXTRA_SUBCOMMANDS.append(fn)
    return fn


@_once
def register_keywords(sub):
    """``keywords PATH [--year YEAR] [--top N] [--format csv|table]``: term frequencies of a file."""
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

    p = add_file_command(sub, "keywords", "term frequencies of a text file, most frequent first "
                                          "(our dictionary; default stopword tiers; no numbers)", run)
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="only the N most frequent terms (default: all)")


@_once
def register_indicators(sub):
    """``indicators PATH [--year YEAR] [--format csv|table|json]``: the indicators of a text file."""
    def run(args) -> int:
        from .corpus import read_report
        from .indicators import CLI_COLUMNS, indicators_for_display, indicators_table

        report = read_report(args.path, year=args.year)
        df = indicators_for_display(indicators_table(report))
        if args.format == "table":
            df = df.astype(object).where(df.notna(), "")
        emit(df, args.format, columns=CLI_COLUMNS)
        return 0

    add_file_command(sub, "indicators", "canonical economic indicators of a text file (outcomes and "
                     "targets, growth, qualifier, rank claim, sentence)", run, ("csv", "table", "json"))
