"""Benchmark of the build: wall time and peak memory against plain ``jieba.lcut`` in the same run.

    python bench/bench_build.py [--sizes 1,100,1000] [--skip-make-run]

Generates corpora of N reports from the bundled 2024 report, each with its numbers scaled and its
sentences reordered (so that no two reports are equal), writes them with a metadata table under
``bench/out/`` (ignored by git) and measures, each in a fresh child process:

- baseline: plain ``jieba.lcut`` over every report's text (the default dictionary);
- our segmentation alone (the build's tokenizer: user dictionary, HMM off) over the same texts,
  to show how much of the build is segmentation;
- ``build --jobs 1 --no-cache`` and ``build --jobs 2 --no-cache``;
- a rebuild with nothing changed (cache and up-to-date check);
- ``make run`` on the bundled corpus after set-up (unless ``--skip-make-run``);
- milliseconds per report of each per-report step, in one process (where the time goes).

Peak memory is the largest resident set of the build's processes (``--jobs 1``; and the parent or
a worker with ``--jobs 2``).

It prints ratios (build / jieba; jobs 1 / jobs 2; time per report as the corpus grows) next to the
targets; it asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SOURCE = ROOT / "data" / "raw" / "juye_2024_government_work_report.txt"
PY = sys.executable

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def vary(text: str, seed: int) -> str:
    """Scale every number a little and swap some sentences within paragraphs: a new report."""
    rng = random.Random(seed)

    def scale(m):
        s = m.group(0)
        if len(s) == 4 and s.startswith("20"):  # years stay
            return s
        value = float(s) * rng.uniform(0.8, 1.25)
        return f"{value:.1f}" if "." in s else str(max(1, round(value)))

    lines = []
    for line in _NUMBER.sub(scale, text).split("\n"):
        parts = re.split(r"(?<=。)", line)
        body = [p for p in parts if p]
        if len(body) > 3:
            i = rng.randrange(1, len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        lines.append("".join(body))
    return "\n".join(lines)


_YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")
CORPUS_VERSION = "2"  # 2: the text's years follow the metadata's report year


def shift_years(text: str, offset: int) -> str:
    """Every year 20xx moved back by ``offset`` (so the text agrees with its report year)."""
    return _YEAR.sub(lambda m: str(int(m.group(0)) - offset), text) if offset else text


def make_corpus(n: int) -> Path:
    import hashlib

    folder = OUT / f"corpus_{n}" / "raw"
    version = folder.parent / "corpus_version"
    if (folder / "reports.csv").exists() and version.exists() \
            and version.read_text().strip() == CORPUS_VERSION:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("report_*.txt"):
        old.unlink()
    text = SOURCE.read_text(encoding="utf-8")
    rows = ["report_id,county,division_code,report_year,review_year,completeness,file,sha256"]
    for i in range(n):
        body = shift_years(vary(text, i), i % 30)
        name = f"report_{i:05d}.txt"
        data = body.encode("utf-8")
        (folder / name).write_bytes(data)
        county, year = f"县{i // 30:04d}", 2024 - (i % 30)
        rows.append(f"r{i:05d},{county},,{year},{year - 1},full,{name},{hashlib.sha256(data).hexdigest()}")
    (folder / "reports.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    version.write_text(CORPUS_VERSION + "\n")
    return folder


JIEBA_BASELINE = """
import sys, warnings
warnings.filterwarnings("ignore")
from pathlib import Path
import jieba
jieba.setLogLevel(60)
jieba.initialize()
for p in sorted(Path(sys.argv[1]).glob("*.txt")):
    jieba.lcut(p.read_text(encoding="utf-8"))
"""


OUR_SEGMENTATION = """
import sys
from pathlib import Path
from juye_analysis.words.tokenizer import default_tokenizer, tokenize_text
tokenizer = default_tokenizer()
for p in sorted(Path(sys.argv[1]).glob("*.txt")):
    tokenize_text(p.read_text(encoding="utf-8"), tokenizer)
"""


STEP_TIMES = """
import sys, time
from collections import Counter
from pathlib import Path
from juye_analysis.pipeline.steps import first_step, later_steps
from juye_analysis.read.structure import sentences_table
from juye_analysis.read.metadata import load_metadata
entries = load_metadata(Path(sys.argv[1]))[:int(sys.argv[2])]
steps = later_steps()
def run(path, meta, times):
    t = time.perf_counter(); report = first_step(path, meta, report_only=True)
    times["read"] += time.perf_counter() - t
    t = time.perf_counter(); tables = {"sentences": sentences_table(report)}
    times["sentences"] += time.perf_counter() - t
    for name, fn in steps:
        t = time.perf_counter(); tables[name] = fn(report, tables); times[name] += time.perf_counter() - t
run(*entries[0], Counter())  # loads the dictionaries: not counted
times = Counter()
for path, meta in entries:
    run(path, meta, times)
for name, t in times.items():
    print(f"{name} {t / len(entries) * 1000:.1f}")
"""


def step_times(raw: Path, n: int, env) -> list[tuple[str, float]]:
    """Milliseconds per report of each per-report step, in one process, over ``n`` reports."""
    out = subprocess.run([PY, "-c", STEP_TIMES, str(raw), str(n)], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return [(name, float(ms)) for name, ms in (line.split() for line in out.splitlines())]


def measure(cmd: list[str], env=None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,100,1000")
    ap.add_argument("--skip-make-run", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    env = dict(os.environ, XDG_CACHE_HOME=str(OUT / "xdg-cache"))
    # warm jieba's dictionary caches (ours and the default) so no run pays for building them
    measure([PY, "-c", JIEBA_BASELINE, str(make_corpus(1))], env)
    measure([PY, "-m", "juye_analysis", "build", "--raw", str(make_corpus(1)), "--out",
             str(OUT / "warm"), "--no-cache", "--quiet"], env)
    print(f"{'reports':>8} {'jieba s':>8} {'our seg s':>9} {'build s':>8} {'ratio':>6} {'jobs2 s':>8} "
          f"{'speedup':>7} {'peak MB':>8} {'jobs2 MB':>8} {'s/report':>8} {'no-change s':>11}")
    per_report = {}
    for n in sizes:
        raw = make_corpus(n)
        out = OUT / f"corpus_{n}" / "processed"
        t_jieba, _ = measure([PY, "-c", JIEBA_BASELINE, str(raw)], env)
        t_seg, _ = measure([PY, "-c", OUR_SEGMENTATION, str(raw)], env)
        build = [PY, "-m", "juye_analysis", "build", "--raw", str(raw), "--out", str(out), "--quiet"]
        t1, mem1 = measure(build + ["--no-cache", "--jobs", "1"], env)
        t2, mem2 = measure(build + ["--no-cache", "--jobs", "2"], env)
        measure(build, env)  # fills the cache
        t_same, _ = measure(build, env)
        per_report[n] = t1 / n
        print(f"{n:>8} {t_jieba:>8.2f} {t_seg:>9.2f} {t1:>8.2f} {t1 / t_jieba:>6.2f} {t2:>8.2f} {t1 / t2:>7.2f} "
              f"{mem1:>8.0f} {mem2:>8.0f} {t1 / n:>8.3f} {t_same:>11.2f}")
    print("\ntargets: ratio <= 1.3 (build / plain jieba, one process); speedup >= 1.7 (jobs 1 / jobs 2);"
          " peak memory < 1500 MB at 1000 reports; no-change rebuild < 1 s per 100 reports;"
          " s/report about constant (linear cost)")
    if len(sizes) > 1:
        lo, hi = sizes[1] if len(sizes) > 2 else sizes[0], sizes[-1]
        print(f"linearity: s/report at {hi} / at {lo} = {per_report[hi] / per_report[lo]:.2f}")
    sample = make_corpus(sizes[-1])
    n_steps = min(40, sizes[-1])
    print(f"\nper-report steps, ms per report (one process, {n_steps} reports):")
    for name, ms in step_times(sample, n_steps, env):
        print(f"  {name:<18} {ms:6.1f}")
    if not args.skip_make_run:
        measure(["make", "setup"])
        t_run, _ = measure(["make", "run"])
        print(f"make run on the bundled corpus (after set-up): {t_run:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
