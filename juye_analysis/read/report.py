"""A report: its file read and normalised, its metadata, and its years and jurisdiction
inferred from the text when not given.

Precedence of the report year: ``report_year`` in reports.csv, then ``--year``, then the text
(:mod:`.years`); a given year that an unambiguous text contradicts is one error naming both.
The jurisdiction (``county`` kept as its name) comes from reports.csv, else the text (:mod:`.places`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from ..errors import UserError
from .checks import FIRST_YEAR, check_year, last_year, year_problem
from .normalize import NormalizedText, normalize
from .decode import read_document
from .places import infer_jurisdiction
from .years import infer_report_years


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_ordinal(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (ordinals of headings and items, up to 99)."""
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@dataclass
class Report:
    """One report: metadata, raw and normalised text."""

    report_id: str
    path: Path
    normalized: NormalizedText
    encoding: str
    sha256: str
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def file_format(self) -> str:
        """text, html, pdf or docx (told by the content, never by the file name)."""
        source = self.normalized.text_source
        if source in ("pdf_text", "ocr"):
            return "pdf"
        if source == "docx":
            return "docx"
        return "html" if any(n.startswith("html") for n in self.normalized.notes) else "text"

    @property
    def text_source(self) -> str:
        """text (a text or web page file), pdf_text (a PDF's text layer), docx, ocr."""
        return self.normalized.text_source

    @property
    def report_year(self) -> int:
        return int(self.meta["report_year"])

    @property
    def review_year(self) -> int:
        return int(self.meta["review_year"])


def infer_years(text: str) -> tuple[int | None, int | None]:
    """(report_year, review_year) from the text when it says them unambiguously, e.g.
    "一、2023年工作回顾" → (2024, 2023); (None, None) when it does not (see :mod:`.years`)."""
    y = infer_report_years(text)
    return (y.report_year, y.review_year) if y.unambiguous else (None, None)


def infer_county(text: str) -> str | None:
    """The jurisdiction the text names ("巨野县第十九届人民代表大会…" → 巨野县; see :mod:`.places`)."""
    return infer_jurisdiction(text)[0] or None


_DESCRIBE = {"date_line": "its date line", "heading": "its part headings", "title": "its title",
             "phrase": "its words"}


def _years(path, text: str, meta: dict, year: int | None) -> dict:
    """report_year, review_year, session_date and year_rule, by precedence: reports.csv, then
    ``--year``, then the text; a given year that an unambiguous text contradicts is an error."""
    found = infer_report_years(text)
    if meta.get("report_year") not in (None, ""):
        report_year = check_year(meta["report_year"], "report_year", path)
        given, rule = "reports.csv says", "reports.csv"
    elif year is not None:
        report_year, given, rule = check_year(year, "--year", path), "--year", "--year"
    elif found.report_year is not None:
        report_year, given, rule = found.report_year, "", found.rule
        if year_problem(report_year):
            raise UserError(path, f"the text gives report year {report_year}, not a plausible one "
                                  f"({FIRST_YEAR}..{last_year()}); give it with --year")
    else:
        why = f" ({'; '.join(found.notes)})" if found.notes else ""
        raise UserError(path, f"cannot infer the report year from the text{why}; give it with --year "
                              "YEAR (or report_year in reports.csv)")
    if given and found.unambiguous and found.report_year != report_year:
        raise UserError(path, f"{given} {report_year} but the text says {found.report_year} "
                              f"({_DESCRIBE[found.rule]}: {found.evidence}); a report of session year "
                              "Y reviews Y-1")
    notes = f" ({'; '.join(found.notes)})" if found.notes and not given else ""
    return {"report_year": report_year,
            "review_year": meta.get("review_year") or report_year - 1,
            "session_date": found.session_date if found.report_year == report_year else "",
            "year_rule": rule + notes}


def _place(meta: dict, text: str) -> dict:
    """jurisdiction, level (and county, the same name, when not given) from the text."""
    name, level, rule = infer_jurisdiction(text)
    given = meta.get("county") or meta.get("jurisdiction")
    if given and given != name:
        from .places import place_level

        name, level, rule = given, place_level(given), "reports.csv"
    if meta.get("level"):  # reports.csv's level wins over the one the name suggests
        level = meta["level"]
    return {"jurisdiction": name, "level": level, "place_rule": rule, "county": given or name}


def read_report(path: str | Path, *, year: int | None = None, meta: dict | None = None,
                report_id: str | None = None) -> Report:
    """Read and normalise any report file.

    The report (session) year comes from ``meta`` (a row of ``reports.csv``), else ``year``, else
    the text; when none gives it a :class:`UserError` asks for ``--year``.
    """
    import hashlib

    path = Path(path)
    raw, encoding, data, layer = read_document(path)
    try:
        norm = normalize(raw, layer=layer)
    except UserError as exc:
        raise UserError(path, exc.problem) from None
    meta = dict(meta or {})
    meta.update(_years(path, norm.text, meta, year))
    meta.update(_place(meta, norm.text))
    rid = report_id or meta.get("report_id") or path.stem
    meta["report_id"] = rid
    return Report(rid, path, norm, encoding, hashlib.sha256(data).hexdigest(), meta)


def report_from_text(text: str, *, report_id: str = "text", year: int | None = None) -> Report:
    """A report from a string (tests, notebooks)."""
    import hashlib

    norm = normalize(text)
    try:
        meta = {"report_id": report_id, **_years(report_id, norm.text, {}, year)}
    except UserError as exc:
        raise UserError(report_id, exc.problem.replace("--year YEAR (or report_year in reports.csv)",
                                                       "year=")) from None
    meta.update(_place(meta, norm.text))
    return Report(report_id, Path(report_id), norm, "utf-8",
                  hashlib.sha256(text.encode()).hexdigest(), meta)
