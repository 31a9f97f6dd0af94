"""Project settings: ``project.toml`` at the project root (``JUYE_SETTINGS`` names another file).

One setting so far, the **focal jurisdiction** (``[focal] jurisdiction``, default 巨野县): the
place the notebooks and ``make run`` open on when no report is named.
:func:`~juye_analysis.read.metadata.choose_report` picks among its reports first, so adding the
reports of other jurisdictions or levels never changes the default figures.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .errors import UserError
from .paths import PROJ_ROOT

DEFAULT_FOCAL = "巨野县"


def settings_path() -> Path:
    return Path(os.environ.get("JUYE_SETTINGS", PROJ_ROOT / "project.toml"))


def read_settings(path: Path | None = None) -> dict:
    """The settings file as a dict ({} when it does not exist); a malformed file is one
    ``UserError`` naming it."""
    path = settings_path() if path is None else Path(path)
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(path, f"not a valid settings file: {exc}") from None


def focal_jurisdiction(path: Path | None = None) -> str:
    """The focal jurisdiction's name (``[focal] jurisdiction``), default 巨野县."""
    value = read_settings(path).get("focal", {}).get("jurisdiction", DEFAULT_FOCAL)
    if not isinstance(value, str) or not value.strip():
        raise UserError(settings_path() if path is None else path,
                        "[focal] jurisdiction must be a place name such as 巨野县")
    return value.strip()
