"""Subcommands that read one report file: ``sentences``, ``indicators``, ``keywords``."""
from __future__ import annotations

from .common import add_file_command, emit


def cmd_sentences(args) -> int:
    from ..read.report import read_report
    from ..read.structure import sentences_table

    report = read_report(args.path, year=args.year)
    emit(sentences_table(report), args.format)
    return 0



def register_keywords(sub):
    """``keywords PATH [--year YEAR] [--top N] [--format csv|table]``: term frequencies of a file."""
    def run(args) -> int:
        from ..read.report import read_report
        from ..read.structure import sentences_table
        from ..errors import UserError
        from ..words.counts import count_terms
        from ..words.tokens import tokens_from_sentences

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


def register_indicators(sub):
    """``indicators PATH [--year YEAR] [--format csv|table|json]``: the indicators of a text file."""
    def run(args) -> int:
        from ..read.report import read_report
        from ..indicators.views import CLI_COLUMNS, headline_rows, indicators_for_display
        from ..indicators.match import indicators_table

        report = read_report(args.path, year=args.year)
        df = indicators_for_display(headline_rows(indicators_table(report)))
        if args.format == "table":
            df = df.astype(object).where(df.notna(), "")
        if args.format == "csv":  # booleans as the build's CSV writes them: true / false
            for col in ("estimated", "average_annual"):
                df[col] = df[col].map({True: "true", False: "false"})
        emit(df, args.format, columns=CLI_COLUMNS)
        return 0

    add_file_command(sub, "indicators", "canonical economic indicators of a text file (outcomes and "
                     "targets, growth, qualifier, rank claim, sentence)", run, ("csv", "table", "json"))


def register(sub) -> None:
    add_file_command(sub, "sentences", "the sentences table of a text file", cmd_sentences)
    register_indicators(sub)
    register_keywords(sub)
