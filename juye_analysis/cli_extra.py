"""Subcommands of the analysis modules, registered with :mod:`juye_analysis.cli`.

Each ``register_*`` function takes ``(sub, add_format, add_year, emit)`` and adds one subparser.
"""
from __future__ import annotations

from .cli import _EXTRA_SUBCOMMANDS


def _once(fn):
    if fn not in _EXTRA_SUBCOMMANDS:
        _EXTRA_SUBCOMMANDS.append(fn)
    return fn
