"""Every text of the development corpus (its copy under tests/data/corpus/: 41 county excerpts and
52 national reports) goes through the ``indicators`` command as a user runs it, without --year:
a table (exit 0) or one clear error line (exit 2), never a traceback.
"""
from __future__ import annotations

import contextlib
import io

from tests.gold_corpus import TEXTS

FILES = sorted(TEXTS.glob("counties/*.txt")) + sorted(TEXTS.glob("national/*.txt"))


def _run(path) -> tuple[object, str]:
    from juye_analysis.cli.main import main

    raw, err = io.BytesIO(), io.StringIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(["indicators", str(path), "--format", "csv"])
        except SystemExit as exc:  # argparse and friends
            status = exc.code
    return status, err.getvalue()


def test_the_whole_corpus_is_copied_for_the_tests():
    assert len([p for p in FILES if p.parent.name == "counties"]) == 41
    assert len([p for p in FILES if p.parent.name == "national"]) == 52


def test_every_corpus_text_gives_a_table_or_one_clear_line():
    bad = []
    for path in FILES:
        status, err = _run(path)  # an exception other than SystemExit fails the test with its traceback
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if status == 0:
            continue
        if status != 2 or len(lines) != 1 or "Traceback" in err or path.name not in lines[0]:
            bad.append((path.name, status, err[:200]))
    assert not bad, bad
