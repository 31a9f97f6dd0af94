"""Copy the State Council's work reports into data/raw/national/ and list them in reports.csv.

    python scripts/national_reports.py PATH/TO/corpus/national [--raw data/raw]

Each file is copied byte for byte (never edited), SOURCES.md with it; each gets one row of
reports.csv: level national, jurisdiction 全国, division code 100000, the report year from the
file name, its title and its Wikisource address from SOURCES.md, completeness partial when the
title says 摘要 (a summary). Rows of other reports are kept as they are; a national row already
there is rewritten. Run it again after adding a year to the corpus. The package never reads the
corpus folder: this script is how the reports get into data/raw.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path

import pandas as pd

PROJ_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJ_ROOT))

from juye_analysis.read.metadata import METADATA_FILE, REPORT_COLUMNS, read_metadata  # noqa: E402

SUBFOLDER = "national"
CORPUS = "aldohemsn/chinese-political-corpora (government_work_reports.jsonl, commit 99bc4b0)"


def sources(corpus: Path) -> dict[str, tuple[str, str]]:
    """file name → (title, URL) from the corpus's SOURCES.md table."""
    out = {}
    for line in (corpus / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].endswith(".txt"):
            out[cells[0]] = (cells[1], cells[2])
    return out


def national_rows(corpus: Path, raw: Path) -> list[dict]:
    """Copy every national_YYYY.txt and return its reports.csv row."""
    dest = raw / SUBFOLDER
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus / "SOURCES.md", dest / "SOURCES.md")
    listed = sources(corpus)
    rows = []
    for path in sorted(corpus.glob("national_*.txt")):
        year = int(re.fullmatch(r"national_(\d{4})\.txt", path.name).group(1))
        title, url = listed[path.name]
        shutil.copyfile(path, dest / path.name)
        rows.append({"report_id": path.stem, "county": "全国", "division_code": "100000",
                     "report_year": str(year), "review_year": str(year - 1), "title": title,
                     "session": "", "speaker": "", "date": "",
                     "source": f"Wikisource, {url} (via {CORPUS})",
                     "completeness": "partial" if "摘要" in title else "full",
                     "file": f"{SUBFOLDER}/{path.name}",
                     "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                     "level": "national", "province_code": "", "city_code": ""})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="the folder of national_YYYY.txt and SOURCES.md")
    ap.add_argument("--raw", type=Path, default=PROJ_ROOT / "data" / "raw")
    args = ap.parse_args(argv)
    rows = national_rows(args.corpus, args.raw)
    meta = args.raw / METADATA_FILE
    table = read_metadata(meta)
    table = table[table["level"] != "national"]
    table = pd.concat([table, pd.DataFrame(rows)], ignore_index=True)[REPORT_COLUMNS]
    table.to_csv(meta, index=False, encoding="utf-8")
    print(f"{len(rows)} national reports in {args.raw / SUBFOLDER}; {meta} has {len(table)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
