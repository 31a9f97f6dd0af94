"""The set-up files agree: pyproject.toml and environment.yml list the same packages; the README
shows the two commands; .ci/run calls `make test`."""
from __future__ import annotations

import os
import re
import tomllib

from juye_analysis.paths import PROJ_ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_list_the_same_packages():
    project = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]} | {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = (PROJ_ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    listed = {_name(m) for m in re.findall(r"^\s+- ([A-Za-z][\w.-]*)(?![\w.-]*:)", env, flags=re.M)}
    listed -= {"python", "pip"}
    assert wanted == listed


def test_readme_shows_the_two_commands_first():
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.index("make run")
    assert first < readme.index("make test") < 1500


def test_ci_calls_make_test():
    assert "make test" in (PROJ_ROOT / ".ci" / "run").read_text()


def test_generated_folders_are_ignored():
    ignore = (PROJ_ROOT / ".gitignore").read_text()
    for path in ("data/processed/*", "figures/*", "build/", ".venv/"):
        assert path in ignore


def test_make_lab_passes_allow_root_as_root_and_the_readme_says_so():
    """Issue 14: `jupyter lab` as root stops with "Running as root is not recommended" unless given
    --allow-root; `make lab` adds it for root only."""
    import subprocess

    dry = subprocess.run(["make", "-n", "lab"], cwd=PROJ_ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "jupyter lab notebooks/" in dry.stdout and '[ "$(id -u)" = 0 ] && echo --allow-root' in dry.stdout
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "--allow-root" in readme


def test_setup_installs_chromium_as_root_for_the_html_report_test():
    """Issue 14: the HTML report test needs headless Chromium; set-up installs Debian's chromium
    when root (and apt-get is there), and otherwise the test skips with a message."""
    setup = (PROJ_ROOT / "scripts" / "setup.sh").read_text()
    block = setup[setup.index("# Chromium"):setup.index('echo "$PY"')]
    assert '[ "$(id -u)" = 0 ]' in block and "apt-get install -y -qq chromium" in block
    assert "command -v chromium" in block  # not reinstalled when there
    tests = (PROJ_ROOT / "tests" / "test_notebook_html.py").read_text(encoding="utf-8")
    assert 'shutil.which("chromium")' in tests and "skipif" in tests


def test_make_run_writes_chinese_and_english_figures_or_the_language_given():
    """Issue 14: `make run` runs the notebooks in zh and en; `make run LANG=zh` in zh only (the
    environment's LANG, a locale, does not choose)."""
    import subprocess

    both = subprocess.run(["make", "-n", "run"], cwd=PROJ_ROOT, capture_output=True, text=True,
                          env={**os.environ, "LANG": "C.UTF-8"})
    one = subprocess.run(["make", "-n", "run", "LANG=zh"], cwd=PROJ_ROOT, capture_output=True, text=True)
    assert both.returncode == 0 and one.returncode == 0, both.stderr + one.stderr
    assert "for lang in zh en;" in both.stdout and "notebooks -p lang=$lang" in both.stdout
    assert "for lang in zh;" in one.stdout
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run LANG=zh" in readme and "-p lang=en" in readme and "-p report_id=" in readme
