"""Scoring the ``indicators`` command against the gold coded by reading (tests/gold/corpus/).

The command is run as the graders run it on reports the team never sees
(``python -m juye_analysis indicators FILE --year YEAR --format csv``, in-process here), its CSV
read back, and its rows matched to the gold rows by (indicator, period, kind, average_annual,
basis): (indicator, period, kind) as the contract says, the last two telling apart an average
over several years and a second basis (同口径/自然口径) of one indicator, which the gold keeps
as rows of their own.

- A *field* is a non-empty gold cell of FIELDS; it is found when the best-matching output row
  has the same value there (numbers equal to 1e-9, text equal). Recall = found / stated.
- A *wrong row* states a number the text does not support: a matched row with a different
  number in a field the gold states, or a number where the gold has none (VALUE_FIELDS); a
  second output row for the key with other numbers; a row from the evidence of a ``.not.csv``
  entry (same key, its sentence holding that evidence); and, in the county excerpts (coded
  completely for the keys the gold codes), a row whose key the gold does not have. The gold
  codes only the keys its README lists (``gold_keys``); a row of another indicator of the
  package (签约过亿元项目, a Juye key) is outside what was coded and not judged. The national
  gold holds the headline figures only, so a national row with a key outside it is not judged.
"""
from __future__ import annotations

import contextlib
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold" / "corpus"
TEXTS = TESTS / "data" / "corpus"
GROUPS = ("counties", "national")
VALUE_FIELDS = ("value", "value_low", "value_high", "growth_pct", "growth_low", "growth_high")
TEXT_FIELDS = ("unit", "value_qualifier", "qualifier", "modifier", "period_start")
FIELDS = VALUE_FIELDS + TEXT_FIELDS + ("estimated",)
KEY = ("indicator", "period", "kind", "average_annual", "basis")


def meta() -> pd.DataFrame:
    """Every gold text's metadata row (file, jurisdiction, level, report_year …) with its group."""
    frames = []
    for group in GROUPS:
        for p in sorted(GOLD.glob(f"meta_{group}_*.csv")):
            frames.append(pd.read_csv(p, dtype=str, keep_default_na=False).assign(group=group))
    return pd.concat(frames, ignore_index=True)


def coded_keys() -> frozenset[str]:
    """The indicator keys the gold codes: those its README lists under "## Indicator keys"
    (each key opens an item: ``gdp 地区生产总值 / … · tertiary_value_added …``)."""
    text = (GOLD / "README.md").read_text(encoding="utf-8")
    section = text.split("## Indicator keys", 1)[1].split("\nHeadline scope", 1)[0]
    return frozenset(re.findall(r"(?:^|·)\s*([a-z][a-z0-9_]+)\s", section, flags=re.M))


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()


def run_indicators(path: Path, year: int) -> pd.DataFrame:
    """The CSV of ``indicators PATH --year YEAR --format csv``, as strings."""
    from juye_analysis.cli.main import main

    raw, err = io.BytesIO(), io.StringIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["indicators", str(path), "--year", str(year), "--format", "csv"])
    if status != 0:
        raise RuntimeError(f"{path.name}: exit {status}: {err.getvalue().strip()}")
    out.flush()
    text = raw.getvalue().decode("utf-8")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False) if text.strip() else pd.DataFrame()


def _norm(col: str, v) -> str:
    v = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()
    if col in ("estimated", "average_annual"):
        return "true" if v.lower() in ("true", "1") else "false"
    if col in VALUE_FIELDS or col in ("period", "period_start"):
        try:
            f = float(v)
        except ValueError:
            return v
        return repr(round(f, 9))
    return v


def _key(row: dict) -> tuple:
    return tuple(_norm(c, row.get(c, "")) for c in KEY)


@dataclass
class Score:
    file: str
    group: str
    stated: int = 0
    found: int = 0
    rows_out: int = 0
    wrong: list = field(default_factory=list)  # (key, why)
    missed: list = field(default_factory=list)  # (key, field, gold value)
    error: str = ""

    @property
    def recall(self) -> float:
        return self.found / self.stated if self.stated else 1.0

    @property
    def precision(self) -> float:
        return 1 - len(self.wrong) / self.rows_out if self.rows_out else 1.0


def score_text(file: str, group: str, year: int, sentences_of=None) -> Score:
    gold = _read(GOLD / group / file.replace(".txt", ".csv"))
    nots = _read(GOLD / group / file.replace(".txt", ".not.csv"))
    try:
        out = run_indicators(TEXTS / group / file, year)
        error = ""
    except RuntimeError as exc:  # an error line instead of a table: every field missed
        out, error = pd.DataFrame(), str(exc)
    s = Score(file, group, rows_out=len(out), error=error)
    out_rows = out.to_dict("records")
    by_key: dict[tuple, list[dict]] = {}
    for r in out_rows:
        by_key.setdefault(_key(r), []).append(r)
    gold_keys = set()
    for g in gold.to_dict("records"):
        k = _key(g)
        gold_keys.add(k)
        stated = [c for c in FIELDS if _norm(c, g.get(c, "")) not in ("", "false")]
        s.stated += len(stated)
        cands = by_key.get(k, [])
        if not cands:
            s.missed += [(k, c, g.get(c)) for c in stated]
            continue
        def agree(r):
            return sum(_norm(c, r.get(c, "")) == _norm(c, g.get(c, "")) for c in stated)
        best = max(cands, key=agree)
        for c in stated:
            if _norm(c, best.get(c, "")) == _norm(c, g.get(c, "")):
                s.found += 1
            else:
                s.missed.append((k, c, g.get(c)))
        for c in VALUE_FIELDS:
            got, want = _norm(c, best.get(c, "")), _norm(c, g.get(c, ""))
            if got and got != want:
                s.wrong.append((k, f"{c} {best.get(c)} where the text says {g.get(c) or 'nothing'}"))
                break
        for r in cands:
            if r is not best and any(_norm(c, r.get(c, "")) not in ("", _norm(c, best.get(c, "")))
                                     for c in VALUE_FIELDS):
                s.wrong.append((k, "a second row with other numbers"))
    for n in nots.to_dict("records"):
        k = tuple(_norm(c, n.get(c, "")) for c in ("indicator", "period", "kind"))
        for r in out_rows:
            if _key(r)[:3] == k and _key(r) not in gold_keys and n["evidence"] and \
                    _evidence_in(r, n["evidence"]):
                s.wrong.append((_key(r), f"from {n['evidence']!r}: {n.get('why', '')}"))
    if group == "counties":
        coded = coded_keys()
        for k in by_key:
            if k[0] in coded and k not in gold_keys and not any(w[0] == k for w in s.wrong):
                s.wrong += [(k, "no such figure in the text")] * len(by_key[k])
    return s


def _evidence_in(row: dict, evidence: str) -> bool:
    text = str(row.get("sentence_text", "") or row.get("evidence", ""))
    core = evidence.replace(" ", "")
    return bool(text) and (core[:12] in text.replace(" ", "") or text.replace(" ", "") in core)


def score_all(groups=GROUPS) -> list[Score]:
    m = meta()
    return [score_text(r["file"], r["group"], int(r["report_year"])) for r in m.to_dict("records")
            if r["group"] in groups]


def summary(scores: list[Score]) -> pd.DataFrame:
    """One row per group and one for all: texts, fields stated and found, recall, rows out,
    wrong rows, precision."""
    rows = []
    for name, part in [(g, [s for s in scores if s.group == g]) for g in GROUPS] + [("all", scores)]:
        stated = sum(s.stated for s in part)
        found = sum(s.found for s in part)
        out = sum(s.rows_out for s in part)
        wrong = sum(len(s.wrong) for s in part)
        rows.append({"group": name, "texts": len(part), "stated": stated, "found": found,
                     "recall": found / stated if stated else 1.0, "rows_out": out, "wrong": wrong,
                     "precision": 1 - wrong / out if out else 1.0})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    scores = score_all()
    for s in scores:
        print(f"{s.group:9} {s.file:26} recall {s.recall:5.2f} ({s.found}/{s.stated})  "
              f"wrong {len(s.wrong)}/{s.rows_out}  {s.error[:80]}")
    print(summary(scores).to_string(index=False))
