"""Stored, else computed: the comparison tables of one pair of reports (old, new).

The build stores keyness, theme_shift and text_reuse for consecutive reports of a county only;
for another pair these compute the same table with the package's functions. ``tables``: a dict
of built tables by name (``load_tables``), holding the stored table, ``reports`` and what
computing needs (``term_frequencies``; ``theme_attention``; ``sentences``). Each pair table
carries old_completeness, new_completeness, comparable and note
(:func:`~juye_analysis.compare.comparable.pair_comparability`): a pair with a partial text is
computed but marked not comparable.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .comparable import bind_comparability
from .keyness import keyness, theme_shift
from .reuse import text_reuse


def _stored(tables: Mapping, name: str, old: str, new: str) -> pd.DataFrame | None:
    df = tables.get(name)
    if df is None:
        return None
    rows = df[(df["old_report_id"] == old) & (df["new_report_id"] == new)]
    return None if rows.empty else rows


def pair_keyness(tables: Mapping, old: str, new: str) -> pd.DataFrame:
    """Keyness of the whole reports (the build's stopwords). Columns: ``KEYNESS_COLUMNS``,
    old_report_id, new_report_id, ``COMPARABLE_COLUMNS``; sorted by score, most characteristic of
    NEW first."""
    stored = _stored(tables, "keyness", old, new)
    if stored is not None:
        return bind_comparability(stored, tables["reports"])
    tf = tables["term_frequencies"]
    tf = tf[tf["scope"] == "report"]
    chars = tables["reports"].set_index("report_id")["n_chars"]
    k = keyness(tf[tf["report_id"] == old], tf[tf["report_id"] == new], chars_old=chars[old],
                chars_new=chars[new]).assign(old_report_id=old, new_report_id=new)
    return bind_comparability(k, tables["reports"])


def pair_theme_shift(tables: Mapping, old: str, new: str) -> pd.DataFrame:
    """Shift in theme attention. Columns: theme, theme_zh, theme_en, share_old, share_new,
    change_pp, old_report_id, new_report_id, ``COMPARABLE_COLUMNS``."""
    stored = _stored(tables, "theme_shift", old, new)
    if stored is None:
        stored = theme_shift(tables["theme_attention"], old, new).assign(old_report_id=old, new_report_id=new)
    return bind_comparability(stored, tables["reports"])


def pair_text_reuse(tables: Mapping, old: str, new: str) -> pd.DataFrame:
    """Text reuse of NEW's sentences from OLD. Columns: ``REUSE_COLUMNS``, ``COMPARABLE_COLUMNS``."""
    stored = _stored(tables, "text_reuse", old, new)
    if stored is None:
        s = tables["sentences"]
        stored = text_reuse(s[s["report_id"] == old], s[s["report_id"] == new])
    return bind_comparability(stored, tables["reports"])


def pair_target_outcome(target_outcome: pd.DataFrame, old: str, new: str) -> pd.DataFrame:
    """The targets of OLD scored against the outcomes NEW reports, and OLD's targets with no
    outcome anywhere (status no_outcome). Columns: those of ``target_outcome``."""
    return target_outcome[(target_outcome["target_report_id"] == old)
                          & (target_outcome["outcome_report_id"].isin([new])
                             | target_outcome["outcome_report_id"].isna())]
