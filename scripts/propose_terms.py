"""Propose multi-character terms for the user dictionary from data/raw/ and a corpus folder.

    .venv/bin/python scripts/propose_terms.py ../shared/corpus --out build/proposals/terms.csv

Reads every report file under data/raw/ and under each folder given, and writes a CSV of
candidates (UTF-8 with BOM, for Excel) with their counts, statistics and three contexts each
(``juye_analysis.words.propose.propose_terms``; its docstring explains the statistics and the
thresholds, which the options below override). Words already in the user dictionary, jieba's
dictionary, the stopwords, the themes or the reviewed-out list
(``juye_analysis/resources/terms_rejected.csv``) are not proposed. It never edits the
dictionary: accept a candidate by adding it to ``juye_analysis/resources/userdict.txt`` by hand
(see ``juye_analysis/resources/README.md``), reject it with a row of ``terms_rejected.csv``.
Deterministic: the same files give the same CSV.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from juye_analysis.paths import raw_dir  # noqa: E402
from juye_analysis.words import propose  # noqa: E402
from juye_analysis.words.tokenizer import make_tokenizer  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, help="corpus folders (besides data/raw/)")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "proposals" / "terms.csv")
    ap.add_argument("--no-raw", action="store_true", help="do not read data/raw/")
    ap.add_argument("--no-hmm", action="store_true", help="leave out jieba's HMM proposer")
    for key, value in propose.THRESHOLDS.items():
        ap.add_argument("--" + key.replace("_", "-"), type=type(value), default=value)
    args = ap.parse_args(argv)
    for folder in args.folders:
        if not folder.is_dir():
            print(f"propose_terms: {folder}: not a folder", file=sys.stderr)
            return 2
    folders = ([] if args.no_raw else [raw_dir()]) + list(args.folders)
    texts = propose.corpus_texts(folders)
    tk = make_tokenizer()
    known, protected = propose.known_words(tk)
    hmm = None if args.no_hmm else propose.hmm_words(texts, tk, known)
    th = {k: getattr(args, k) for k in propose.THRESHOLDS}
    df = propose.propose_terms(texts, known, protected=protected, rejected=propose.rejected_terms(),
                               hmm_counts=hmm, cut=lambda w: tk.lcut(w, HMM=False),
                               edge_chars=propose.edge_chars(), **th)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(args.out, index=False, encoding="utf-8-sig")
    print(f"{len(texts)} texts, {sum(map(len, texts.values()))} characters: "
          f"{len(df)} candidates written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
