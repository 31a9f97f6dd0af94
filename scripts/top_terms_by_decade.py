"""Print the most frequent terms of the national reports per decade, with the package's user
dictionary or another one (to compare dictionaries before and after a review).

    .venv/bin/python scripts/top_terms_by_decade.py tests/data/corpus/national [--userdict FILE] [--top 15] [--method log_odds]

Texts are the report files in the folder whose name ends in the report year (national_1978.txt);
tokens with our tokenizer (HMM off), stopwords of the function and genre tiers removed, numbers
and punctuation left out; ``--method log_odds`` ranks the terms most distinctive of each decade
against the others (``juye_analysis.words.trends.top_terms_by_decade``). Prints one line per
decade: ``1950s (6 reports): 社会主义 512 · …``.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from juye_analysis.words.propose import corpus_texts  # noqa: E402
from juye_analysis.words.tokenizer import make_tokenizer  # noqa: E402
from juye_analysis.words.trends import top_terms_by_decade  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--userdict", type=Path, help="another user dictionary (default: the package's)")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--method", choices=["frequency", "log_odds"], default="frequency")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"top_terms_by_decade: {args.folder}: not a folder", file=sys.stderr)
        return 2
    if args.userdict is not None and not args.userdict.is_file():
        print(f"top_terms_by_decade: {args.userdict}: no such file", file=sys.stderr)
        return 2
    texts = {}
    for name, text in corpus_texts([args.folder]).items():
        m = re.search(r"(\d{4})\.\w+$", name)
        if m:
            texts[int(m.group(1))] = text
    tk = make_tokenizer(userdict=args.userdict)
    df = top_terms_by_decade(texts, tk, top=args.top, method=args.method)
    for decade, g in df.groupby("decade", sort=True):
        terms = " · ".join(f"{t} {n}" for t, n in zip(g["term"], g["n"]))
        print(f"{decade}s ({g['n_reports'].iloc[0]} reports): {terms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
