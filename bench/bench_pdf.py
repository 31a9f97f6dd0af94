"""Benchmark of reading a PDF: a 32-page typeset PDF of the bundled 2024 report (two copies)
against reading the same text as a ``.txt`` file, in the same run.

    python bench/bench_pdf.py [--repeat 5]

The PDF is typeset by the test material's writer (``tests/pdf_fixtures.py``: A4, a CJK font,
about 28 characters a line, running title and page-number footers). It prints the best of
``--repeat`` runs for each, in seconds, and the ratio PDF / text; it asserts nothing (the README
quotes what it printed on the development machine).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from juye_analysis.read.report import read_report
    from tests import pdf_fixtures as fx

    font = fx.cjk_font_file()
    if font is None:
        print("no CJK font with TrueType outlines: cannot typeset the PDF")
        return 1
    source = ROOT / "data" / "raw" / "juye_2024_government_work_report.txt"
    report = read_report(source, year=2024)
    text = report.text + "\n" + report.text
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "juye_2024.pdf"
        txt = Path(tmp) / "juye_2024.txt"
        pages = int(fx.typeset_pdf(text, pdf, font).max())
        txt.write_text(text, encoding="utf-8")
        read_report(pdf, year=2024)  # warm: imports and resource files loaded once
        t_pdf = best_of(lambda: read_report(pdf, year=2024), args.repeat)
        t_txt = best_of(lambda: read_report(txt, year=2024), args.repeat)
    print(f"{pages}-page PDF ({len(text):,} characters): {t_pdf:.3f} s; "
          f"same text as .txt: {t_txt:.3f} s; ratio {t_pdf / t_txt:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
