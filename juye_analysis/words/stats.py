"""Statistics of 2×2 contingency tables shared by the collocations (words) and keyness (compare):
the expected counts under independence and Dunning's log-likelihood G², written once.

The four cells are arrays (one table per element): O11 O12 in the first row, O21 O22 in the
second. Evert (2005), *The Statistics of Word Cooccurrences*, §3.1; Dunning (1993).
"""
from __future__ import annotations

import numpy as np


def expected_counts(o11, o12, o21, o22) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(E11, E12, E21, E22): row total × column total / N for each cell."""
    o11, o12, o21, o22 = (np.asarray(o, dtype=float) for o in (o11, o12, o21, o22))
    r1, r2 = o11 + o12, o21 + o22
    c1, c2 = o11 + o21, o12 + o22
    n = r1 + r2
    with np.errstate(divide="ignore", invalid="ignore"):
        return r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n


def _xlogx_ratio(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """O · ln(O / E), with 0 · ln 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(o / e), 0.0)


def g2(o11, o12, o21, o22, expected=None) -> np.ndarray:
    """Dunning's log-likelihood G² = 2 Σ_ij O_ij ln(O_ij / E_ij) of each 2×2 table (0 · ln 0 = 0);
    ``expected`` the four E_ij if already computed (:func:`expected_counts`)."""
    observed = [np.asarray(o, dtype=float) for o in (o11, o12, o21, o22)]
    expected = expected_counts(*observed) if expected is None else expected
    return 2 * sum(_xlogx_ratio(o, e) for o, e in zip(observed, expected))
