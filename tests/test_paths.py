"""Every path the project uses is anchored to the package, never to the current directory;
JUYE_DATA_DIR, JUYE_FIGURES_DIR, JUYE_EXECUTED_DIR and XDG_CACHE_HOME move them."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from juye_analysis import paths

FOLDERS = [paths.data_dir, paths.raw_dir, paths.processed_dir, paths.reference_dir,
           paths.figures_dir, paths.executed_notebooks_dir]


@pytest.fixture
def no_overrides(monkeypatch, tmp_path):
    """No JUYE_* variable set, and a current directory far from the project."""
    for var in ("JUYE_DATA_DIR", "JUYE_FIGURES_DIR", "JUYE_EXECUTED_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


def test_the_constants_point_into_the_package():
    init = Path(paths.__file__).resolve()
    assert paths.PACKAGE_DIR == init.parent and (paths.PACKAGE_DIR / "__init__.py").is_file()
    assert paths.PROJ_ROOT == paths.PACKAGE_DIR.parent
    assert (paths.PROJ_ROOT / "pyproject.toml").is_file()
    assert paths.RESOURCES == paths.PACKAGE_DIR / "resources" and paths.RESOURCES.is_dir()
    assert paths.NOTEBOOKS == paths.PROJ_ROOT / "notebooks" and paths.NOTEBOOKS.is_dir()


def test_default_folders_do_not_depend_on_the_current_directory(no_overrides, tmp_path):
    root = paths.PROJ_ROOT
    assert paths.data_dir() == root / "data"
    assert paths.raw_dir() == root / "data" / "raw"
    assert paths.processed_dir() == root / "data" / "processed"
    assert paths.reference_dir() == root / "data" / "reference"
    assert paths.figures_dir() == root / "figures"
    assert paths.executed_notebooks_dir() == root / "build" / "notebooks"
    for fn in FOLDERS:
        assert fn().is_absolute() and tmp_path not in fn().parents, fn.__name__
    assert (paths.raw_dir() / "reports.csv").is_file()  # the shipped data is where they say


def test_data_dir_override_moves_raw_processed_and_reference(no_overrides, monkeypatch, tmp_path):
    monkeypatch.setenv("JUYE_DATA_DIR", str(tmp_path / "mydata"))
    assert paths.data_dir() == tmp_path / "mydata"
    assert paths.raw_dir() == tmp_path / "mydata" / "raw"
    assert paths.processed_dir() == tmp_path / "mydata" / "processed"
    assert paths.reference_dir() == tmp_path / "mydata" / "reference"
    assert paths.figures_dir() == paths.PROJ_ROOT / "figures"  # figures move on their own only


def test_figures_and_executed_notebooks_overrides(no_overrides, monkeypatch, tmp_path):
    monkeypatch.setenv("JUYE_FIGURES_DIR", str(tmp_path / "figs"))
    monkeypatch.setenv("JUYE_EXECUTED_DIR", str(tmp_path / "runs"))
    assert paths.figures_dir() == tmp_path / "figs"
    assert paths.executed_notebooks_dir() == tmp_path / "runs"
    assert paths.data_dir() == paths.PROJ_ROOT / "data"


def test_a_relative_override_is_made_absolute(no_overrides, monkeypatch, tmp_path):
    """A relative JUYE_DATA_DIR is resolved against the current directory: the functions
    always return absolute paths."""
    monkeypatch.setenv("JUYE_DATA_DIR", "rel")
    assert paths.data_dir() == (tmp_path / "rel").resolve()
    assert paths.data_dir().is_absolute()


def test_cache_dir_is_per_user_and_created(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = paths.cache_dir()
    assert path == tmp_path / "xdg" / "juye-analysis"
    assert path.is_dir() and os.access(path, os.W_OK)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.cache_dir() == tmp_path / "home" / ".cache" / "juye-analysis"


def test_cache_dir_falls_back_to_the_project_build_folder(monkeypatch, tmp_path):
    """An unwritable cache home (here a file where the folder should be) falls back to
    build/cache of the project."""
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(paths, "PROJ_ROOT", tmp_path / "project")  # keep the real project clean
    path = paths.cache_dir()
    assert path == tmp_path / "project" / "build" / "cache" and path.is_dir()
