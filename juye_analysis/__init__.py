"""juye-analysis: tidy tables with provenance from Chinese county government work reports.

Start with ``load_table("sentences")`` (after ``make run`` or ``python -m juye_analysis build``),
or read any report with ``read_report(path)`` and ``sentences_table(report)``.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .read.report import read_report, report_from_text  # noqa: E402
from .read.structure import sentences_table  # noqa: E402
from .errors import UserError  # noqa: E402
from .pipeline.storage import load_table, load_tables, load_text  # noqa: E402


def save_figure(fig, name: str, **kwargs):
    """Write ``figures/NAME.png`` (300 dpi), ``.pdf`` and ``.svg``; see :mod:`juye_analysis.plots.style`."""
    from .plots.style import save_figure as _save

    return _save(fig, name, **kwargs)


__all__ = ["read_report", "report_from_text", "sentences_table", "UserError", "load_table",
           "load_tables", "load_text", "save_figure", "__version__"]
