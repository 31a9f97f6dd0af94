"""Executing the notebooks with papermill (``python -m juye_analysis notebooks``).

Executed copies go to ``build/notebooks/`` (ignored by git), each also as a self-contained HTML
page to share (``00_report_overview.html``: figures embedded, no script or style fetched from the
network; run in another language, ``00_report_overview.en.html``); the committed notebooks stay
free of outputs. Figures go to ``figures/REPORT/LANG/`` (:func:`juye_analysis.plots.style.save_figure`). Notebooks find data and figures through :mod:`juye_analysis.paths`, so they run the same
from any working directory.
"""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from ..errors import UserError
from ..paths import NOTEBOOKS, executed_notebooks_dir


def notebook_paths(names=None) -> list[Path]:
    """The notebooks in order (numbered names), or the ones named."""
    available = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not names:
        return available
    chosen = []
    for name in names:
        stem = Path(name).stem
        match = [p for p in available if p.stem == stem or p.stem.startswith(stem + "_")]
        if not match:
            raise UserError(NOTEBOOKS / f"{stem}.ipynb", "no such notebook")
        chosen.extend(match)
    return chosen


def run_notebooks(names=None, parameters: dict | None = None, output_dir: Path | None = None,
                  progress: bool = True) -> list[Path]:
    """Execute notebooks top to bottom with papermill; return the executed copies. The
    parameters are checked first (:mod:`.notebook_params`): nothing runs when one is wrong."""
    import papermill as pm
    from .notebook_params import check_parameters, notebook_defaults

    paths = notebook_paths(names)
    check_parameters(paths, parameters or {})
    out = Path(output_dir) if output_dir else executed_notebooks_dir()
    out.mkdir(parents=True, exist_ok=True)
    env_before = os.environ.get("PYDEVD_DISABLE_FILE_VALIDATION")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # quiet the debugger warning in kernels
    executed = []
    try:
        for path in paths:
            target = out / executed_name(path, parameters or {}, notebook_defaults(path))
            if progress:
                print(f"running {path.name}", file=sys.stderr)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    pm.execute_notebook(str(path), str(target), parameters=parameters or {},
                                        kernel_name="python3", cwd=str(path.parent),
                                        progress_bar=False,
                                        extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
                except pm.PapermillExecutionError as exc:
                    raise UserError(path, f"failed in cell {exc.exec_count}: {exc.ename}: "
                                          f"{exc.evalue} (executed copy: {target})") from None
            if target.exists():  # (a test that replaces papermill writes none)
                write_html(target, path.parent)
            executed.append(target)
    finally:
        if env_before is None:
            os.environ.pop("PYDEVD_DISABLE_FILE_VALIDATION", None)
    return executed


def executed_name(path: Path, parameters: dict, defaults: dict) -> str:
    """The executed copy's file name: the notebook's, with the language before the suffix when
    ``lang`` is not the notebook's default (``00_report_overview.en.ipynb``), so that running
    the notebooks in English (``make run`` does both) keeps the Chinese copies and pages."""
    lang = parameters.get("lang", defaults.get("lang"))
    if "lang" in defaults and lang != defaults["lang"]:
        return f"{path.stem}.{lang}{path.suffix}"
    return path.name


# nbconvert's JupyterLab page without the two scripts it loads from a CDN (require.js, MathJax):
# the notebooks use neither, and the page is then read offline as it is.
_SELF_CONTAINED = ("{%- extends 'lab/index.html.j2' -%}"
                   "{%- block html_head_js_requirejs -%}{%- endblock -%}"
                   "{%- block html_head_js_mathjax -%}{%- endblock -%}")


def write_html(executed: Path, source_dir: Path | None = None) -> Path:
    """The executed notebook ``executed`` as one HTML page beside it (same name, ``.html``):
    nbconvert's JupyterLab layout, its CSS inline, every figure a ``data:`` URI (the outputs'
    images, and those a markdown cell links to, found from ``source_dir``, the committed
    notebook's folder: ``embed_images``). Returns the page's path."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(embed_images=True, template_file="self_contained.html.j2",
                            extra_loaders=[DictLoader({"self_contained.html.j2": _SELF_CONTAINED})])
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4),
                                          resources={"metadata": {"path": str(source_dir or executed.parent)}})
    page = executed.with_suffix(".html")
    page.write_text(body, encoding="utf-8")
    return page
