"""Whether a pair of reports can be compared text against text.

Keyness, theme shift and text reuse compare what two texts say and how much of it: they need
both texts whole. A partial text (``completeness`` partial in ``reports.csv``: a news summary,
an excerpt) is a selection someone else made, in their words, so its word and theme shares and
its "new" sentences describe the selection, not the report. Such a pair is kept in the tables
(the numbers are computed as for any pair) but marked ``comparable`` false with a ``note``, and
the figures show the note instead of the bars.
"""
from __future__ import annotations

import pandas as pd


COMPARABLE_COLUMNS = ["old_completeness", "new_completeness", "comparable", "note"]


def _info(reports: pd.DataFrame, report_id: str) -> tuple[str, int | None, object]:
    r = reports.set_index("report_id")
    completeness = r["completeness"].get(report_id, "") if "completeness" in r else ""
    completeness = completeness if isinstance(completeness, str) and completeness else "full"
    n = r["n_chars"].get(report_id) if "n_chars" in r else None
    year = r["report_year"].get(report_id) if "report_year" in r else None
    return completeness, (int(n) if pd.notna(n) else None), year


def pair_comparability(reports: pd.DataFrame, old: str, new: str) -> dict:
    """For the pair (old, new): old_completeness, new_completeness (full | partial, as in
    ``reports``; empty there counts as full), comparable (both full), note (why not, naming the
    partial text, its year and length; empty when comparable)."""
    oc, on, oy = _info(reports, old)
    nc, nn, ny = _info(reports, new)
    partial = [(rid, y, n) for rid, c, y, n in ((old, oc, oy, on), (new, nc, ny, nn)) if c == "partial"]
    note = ""
    if partial:
        which = "; ".join(f"{rid} ({y}) is a partial text"
                          + (f" of {n:,} characters" if n is not None else "") for rid, y, n in partial)
        note = (f"not comparable: {which}; its word and theme shares and its new sentences describe "
                "what the partial text kept, not the report")
    return {"old_completeness": oc, "new_completeness": nc, "comparable": not partial, "note": note}


def bind_comparability(df: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """``df`` (rows with old_report_id, new_report_id) with the columns of
    :func:`pair_comparability` added (``COMPARABLE_COLUMNS``; comparable a boolean)."""
    pairs = df[["old_report_id", "new_report_id"]].drop_duplicates()
    info = pd.DataFrame([{"old_report_id": o, "new_report_id": n, **pair_comparability(reports, o, n)}
                         for o, n in pairs.itertuples(index=False)],
                        columns=["old_report_id", "new_report_id"] + COMPARABLE_COLUMNS)
    out = df.drop(columns=[c for c in COMPARABLE_COLUMNS if c in df.columns]).merge(
        info, on=["old_report_id", "new_report_id"], how="left")
    out.attrs = dict(df.attrs)
    return out.astype({"comparable": "bool"})


def comparability_note(table: pd.DataFrame) -> str:
    """One line on a pair table (keyness, theme_shift, text_reuse of one pair): its ``note`` when
    the pair is not comparable, else that both texts are full."""
    if "comparable" in table.columns and len(table) and not table["comparable"].all():
        return str(table.loc[~table["comparable"], "note"].iloc[0])
    return "comparable: both texts are full"
