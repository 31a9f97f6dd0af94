"""A report: its file read and normalised, its metadata, and its report and review years and
county inferred from the text when not given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from .. import resource_files as resources
from ..errors import UserError
from .chars import _HAN_RANGES
from .checks import FIRST_YEAR, check_year, last_year, year_problem
from .normalize import NormalizedText, normalize
from .decode import read_text


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
    def report_year(self) -> int:
        return int(self.meta["report_year"])

    @property
    def review_year(self) -> int:
        return int(self.meta["review_year"])


_REVIEW_YEAR = [
    re.compile(r"(\d{4})年(?:的)?工作回顾"),
    re.compile(r"回顾(?:了)?(\d{4})年(?:的)?工作"),
    re.compile(r"过去的?(\d{4})年"),
]


_PLAN_YEAR = [
    re.compile(r"(\d{4})年(?:的)?(?:目标任务|工作安排|主要任务|重点工作|政府工作安排|主要预期目标)"),
    re.compile(r"(\d{4})年(?:政府)?工作(?:的)?总体要求"),
]


def infer_years(text: str) -> tuple[int | None, int | None]:
    """(report_year, review_year) from the text, e.g. "一、2023年工作回顾" → (2024, 2023).

    A review year y gives report year y + 1 and vice versa; a contradiction gives (None, None).
    """
    head = text[:200_000]
    review = next((int(m.group(1)) for p in _REVIEW_YEAR for m in [p.search(head)] if m), None)
    plan = next((int(m.group(1)) for p in _PLAN_YEAR for m in [p.search(head)] if m), None)
    if review and plan and plan != review + 1:
        return None, None
    if plan:
        return plan, plan - 1
    if review:
        return review + 1, review
    return None, None


_COUNTY = re.compile(rf"([{_HAN_RANGES}]{{1,8}}?(?:自治县|县|市|区|旗))第[一二三四五六七八九十]+届人民代表大会")


def infer_county(text: str) -> str | None:
    """The county named in "巨野县第十九届人民代表大会…", with province or city prefixes removed."""
    m = _COUNTY.search(text[:5000])
    if not m:
        return None
    name = m.group(1)
    for prefix in sorted(resources.admin_prefixes(), key=len, reverse=True):
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix):]
            break
    return name


def read_report(path: str | Path, *, year: int | None = None, meta: dict | None = None,
                report_id: str | None = None) -> Report:
    """Read and normalise any report file.

    The report (session) year comes from ``meta`` (a row of ``reports.csv``), else ``year``, else
    the text; when none gives it a :class:`UserError` asks for ``--year``.
    """
    import hashlib

    path = Path(path)
    raw, encoding, data = read_text(path)
    try:
        norm = normalize(raw)
    except UserError as exc:
        raise UserError(path, exc.problem) from None
    meta = dict(meta or {})
    text_year = infer_years(norm.text)[0]
    if meta.get("report_year") not in (None, ""):
        report_year, given = check_year(meta["report_year"], "report_year", path), "reports.csv says"
    elif year is not None:
        report_year, given = check_year(year, "--year", path), "--year"
    elif text_year is not None:
        report_year, given = text_year, ""
        if year_problem(text_year):
            raise UserError(path, f"its review and plan headings give report year {text_year}, not "
                                  f"a plausible one ({FIRST_YEAR}..{last_year()}); give it with --year")
    else:
        raise UserError(path, "cannot infer the report year from the text; give it with --year YEAR "
                              "(or report_year in reports.csv)")
    if given and text_year is not None and text_year != report_year:
        raise UserError(path, f"{given} {report_year} but the text says {text_year} (its review and "
                              "plan headings); a report of session year Y reviews Y-1")
    meta["report_year"] = report_year
    if meta.get("review_year") in (None, ""):
        meta["review_year"] = report_year - 1
    if not meta.get("county"):
        meta["county"] = infer_county(norm.text) or ""
    rid = report_id or meta.get("report_id") or path.stem
    meta["report_id"] = rid
    return Report(rid, path, norm, encoding, hashlib.sha256(data).hexdigest(), meta)


def report_from_text(text: str, *, report_id: str = "text", year: int | None = None) -> Report:
    """A report from a string (tests, notebooks)."""
    import hashlib

    norm = normalize(text)
    report_year = year or infer_years(norm.text)[0]
    if report_year is None:
        raise UserError(report_id, "cannot infer the report year from the text; give it with year=")
    report_year = check_year(report_year, "year", report_id)
    meta = {"report_id": report_id, "report_year": report_year, "review_year": report_year - 1,
            "county": infer_county(norm.text) or ""}
    return Report(report_id, Path(report_id), norm, "utf-8",
                  hashlib.sha256(text.encode()).hexdigest(), meta)
