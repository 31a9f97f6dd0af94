"""Notebook parameters checked before any cell runs: each notebook's ``parameters`` cell gives
the names and default values; a value given on the command line must have its default's type
and one of the allowed values below, else one line names the notebook and the parameter.

Allowed values (:data:`RULES`): ``lang`` a language of ``resources/labels.csv`` (zh, en);
``top_n`` a positive whole number; ``report_id``, ``old_report_id``, ``new_report_id`` a built
report (or None); ``stopword_tiers`` None or tiers of ``resources/stopwords.csv``;
``extra_stopwords`` and ``dispersion_terms`` lists of words; ``kwic_term`` a word;
``mask_path`` None or an existing image; ``series_jurisdiction`` the jurisdiction (``county``) of a built
report; ``indicators`` a list of keys of
``resources/indicators.csv``; ``terms`` a list of terms of ``resources/trend_terms.csv`` (or theme
keys of ``resources/themes.csv``); notebook 03's old and new reports differ (its newer
report is ``new_report_id``, else ``report_id``, and the two may not name different reports).
"""
from __future__ import annotations

import ast
import json
from pathlib import Path
from ..errors import UserError


def notebook_defaults(path: Path) -> dict:
    """``{name: default}`` of the notebook's cell tagged ``parameters`` (literal assignments)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse("".join(cell["source"]))
            return {t.id: ast.literal_eval(node.value) for node in tree.body
                    if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
    return {}


def _languages() -> list[str]:
    from .. import resource_files as resources

    return [c for c in resources.labels().columns if c not in ("key", "note")]


def _tiers() -> list[str]:
    from ..words.tokenizer import read_stopwords_table

    return sorted(set(read_stopwords_table()["tier"]))


def _built_reports() -> list[str]:
    from .storage import load_table

    return list(load_table("reports")["report_id"])


def _words(value) -> str | None:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        return "must be a list of words, e.g. [\"巨野\"]"
    return None


def _report(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return "must be a report_id (a string) or null"
    have = _built_reports()
    return None if value in have else f"is not a built report (have: {', '.join(have)})"


def _jurisdiction(value) -> str | None:
    from .storage import load_table

    have = sorted(set(load_table("reports")["county"]))
    if not isinstance(value, str) or value not in have:
        return f"is not the jurisdiction of a built report (have: {', '.join(have)})"
    return None


def _indicators(value) -> str | None:
    from .. import resource_files as resources

    keys = set(resources.indicators()["indicator"])
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v in keys for v in value):
        return "must be a list of indicator keys of resources/indicators.csv, e.g. [\"gdp\", \"cpi\"]"
    return None


def _trend_terms(value) -> str | None:
    from .. import resource_files as resources

    known = set(resources.trend_terms()["term"]) | set(resources.themes()["theme"])
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v in known for v in value):
        return "must be a list of terms of resources/trend_terms.csv or theme keys of resources/themes.csv"
    return None


def _problem(name: str, value, default):
    """Why ``value`` is not allowed for parameter ``name`` (default ``default``), or None."""
    rule = RULES.get(name)
    if rule is not None:
        return rule(value)
    if default is not None and type(value) is not type(default):
        return f"must be of type {type(default).__name__} like its default {default!r}"
    return None


RULES = {
    "lang": lambda v: None if v in _languages() else
    f"must be one of {', '.join(_languages())} (the languages of resources/labels.csv)",
    "top_n": lambda v: None if type(v) is int and v >= 1 else "must be a whole number of at least 1",
    "report_id": _report, "old_report_id": _report, "new_report_id": _report,
    "stopword_tiers": lambda v: None if v is None or (
        isinstance(v, list) and v and set(map(str, v)) <= set(_tiers())) else
    f"must be null or a list of tiers among {', '.join(_tiers())}",
    "extra_stopwords": _words,
    "dispersion_terms": lambda v: None if v is None else _words(v),
    "kwic_term": lambda v: None if isinstance(v, str) and v.strip() else "must be a word",
    "series_jurisdiction": _jurisdiction,
    "indicators": _indicators, "terms": _trend_terms,
    "mask_path": lambda v: None if v is None or (isinstance(v, str) and Path(v).is_file()) else
    "must be null or the path of an existing image",
}


def check_parameters(paths: list[Path], parameters: dict) -> None:
    """Every given parameter against every chosen notebook that takes it; a name none of them
    takes, or notebook 03's old == new, is refused too. One UserError naming notebook and name."""
    defaults = {path: notebook_defaults(path) for path in paths}
    for name in parameters:
        if not any(name in d for d in defaults.values()):
            known = sorted({n for d in defaults.values() for n in d})
            raise UserError(None, f"no notebook chosen takes parameter {name!r} (they take: "
                                  f"{', '.join(known)})")
    for path, params in defaults.items():
        for name, value in parameters.items():
            if name in params:
                problem = _problem(name, value, params[name])
                if problem:
                    raise UserError(path, f"parameter {name}={value!r} {problem}")
        if {"old_report_id", "new_report_id"} <= set(params):
            old = parameters.get("old_report_id")
            given = [n for n in ("new_report_id", "report_id") if n in params and parameters.get(n) is not None]
            if len(given) == 2 and parameters["new_report_id"] != parameters["report_id"]:
                raise UserError(path, f"parameters new_report_id={parameters['new_report_id']!r} and "
                                      f"report_id={parameters['report_id']!r} name two newer reports; give one")
            new = parameters[given[0]] if given else None
            if old is not None and old == new:
                raise UserError(path, f"parameters old_report_id and {given[0]} are both {old!r}; "
                                      "compare two different reports")
