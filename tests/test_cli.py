"""The command line contract: subcommands, CSV on stdout (UTF-8, no BOM), one-line errors."""
from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd

from .conftest import REPORT_2024


def run(*args):
    return subprocess.run([sys.executable, "-m", "juye_analysis", *map(str, args)],
                          capture_output=True)


def test_help_lists_the_subcommands():
    out = run("--help").stdout.decode()
    for sub in ("build", "sentences", "notebooks"):
        assert sub in out


def test_sentences_csv_on_stdout():
    proc = run("sentences", REPORT_2024)
    assert proc.returncode == 0
    assert not proc.stdout.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(proc.stdout), dtype=str, keep_default_na=False)
    for col in ("part", "section", "item", "sentence_no", "start", "end", "text"):
        assert col in df.columns
    assert len(df) == 257


def test_sentences_table_format_and_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("各位代表：\n我们继续努力。\n", encoding="utf-8")
    proc = run("sentences", path, "--format", "table")
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and "--year" in proc.stderr.decode()
    proc = run("sentences", path, "--year", "2026", "--format", "table")
    assert proc.returncode == 0 and "我们继续努力" in proc.stdout.decode()


def test_missing_and_empty_files(tmp_path):
    proc = run("sentences", tmp_path / "nope.txt")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr and b"no such file" in proc.stderr
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("sentences", tmp_path / "empty.txt")
    assert proc.returncode == 2 and b"empty" in proc.stderr


def test_a_year_that_contradicts_the_text_is_refused():
    proc = run("indicators", REPORT_2024, "--year", "2025")
    assert proc.returncode == 2 and b"--year 2025 but the text says 2024" in proc.stderr
