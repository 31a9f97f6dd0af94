"""The role of each part of a report, decided from its title, its text and the parts around it.

Roles: review (the past year), five_year_review (several years, alone or with the year),
targets (总体要求, 主要预期目标), tasks (the year's work), plan (targets and tasks in one part),
five_year_plan, self_building, other. The rules and their words are in ``part_roles.csv``; each
decision keeps the name of the rule that made it (the ``part_role_rule`` column of ``sentences``).
Code that only needs to know whether a part reviews or plans asks :func:`is_review_role` and
:func:`is_plan_role`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from .. import resource_files as resources


@lru_cache(maxsize=None)
def role_kinds() -> dict[str, str]:
    """part role → what its numbers are (extraction_words.csv kind ``role_kind``, ``role:kind``,
    the one home of this mapping): ``actual`` (the review year's outcomes), ``target`` (the
    report year's targets), ``five_year`` (a review of several years: only rows with a year or
    a span of their own), ``plan_end`` (a five-year plan: goals for its last year); roles not
    listed (self_building, other) have none."""
    return dict(v.split(":", 1) for v in resources.extraction_words().get("role_kind", ()))


def is_review_role(role: str) -> bool:
    """A part whose numbers are outcomes (role kind actual or five_year: review,
    five_year_review)."""
    return role_kinds().get(role) in ("actual", "five_year")


def is_plan_role(role: str, year_only: bool = False) -> bool:
    """A part whose numbers are commitments (role kind target or plan_end: targets, tasks,
    plan, five_year_plan); with ``year_only`` the commitments of the report year only (kind
    target: not five_year_plan, whose goals are for the plan's end year)."""
    kind = role_kinds().get(role)
    return kind == "target" or (kind == "plan_end" and not year_only)


@lru_cache(maxsize=None)
def _rules(applies_to: str) -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((rule, role, re.compile(pattern)) for rule, role, where, pattern
                 in resources.part_role_rules() if where == applies_to)


def title_role(title: str) -> tuple[str, str]:
    """(role, rule) from the title alone; ("other", "no_rule") when no title rule matches."""
    for rule, role, pattern in _rules("title"):
        if pattern.search(title):
            return role, rule
    return "other", "no_rule"


def part_role(title: str) -> str:
    """The role a part title gives on its own (see :func:`title_role`)."""
    return title_role(title)[0]


def _content(rule_name: str) -> re.Pattern:
    return next(p for rule, _, p in _rules("content") if rule == rule_name)


def decide_roles(titles: list[str], contents: list[str | None]) -> list[tuple[str, str]]:
    """(role, rule) of each part in order; ``contents[i]`` is the part's text, None when the
    text does not show it (an outline, a news summary).

    A tasks title is ``tasks`` after a part holding the targets (tasks_after_targets), else
    ``plan`` when its text holds the targets (targets_content) or is not shown
    (tasks_title_not_shown), else ``tasks``; a review whose text also reviews the five-year plan
    or term is ``five_year_review``; a title no rule knows, after a targets, plan or tasks part
    and before self-building, is ``tasks`` (after_plan_part), else ``other``.
    """
    out: list[tuple[str, str]] = []
    for title, content in zip(titles, contents):
        role, rule = title_role(title)
        before = [r for r, _ in out]
        if role == "review" and content and _content("five_year_review_content").search(content):
            role, rule = "five_year_review", "five_year_review_content"
        elif role == "tasks":
            if any(r in ("targets", "plan") for r in before):
                rule = "tasks_after_targets"
            elif content is None:
                role, rule = "plan", "tasks_title_not_shown"
            elif _content("targets_content").search(content):
                role, rule = "plan", "targets_content"
        elif role == "other" and "self_building" not in before \
                and any(r in ("targets", "plan", "tasks") for r in before):
            role, rule = "tasks", "after_plan_part"
        out.append((role, rule))
    return out
