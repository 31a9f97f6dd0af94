"""The shareable report: each executed notebook is also a self-contained HTML page in
build/notebooks/ (``pipeline.notebooks.write_html``). Headless Chromium opens the page and says
what a reader sees: every figure an ``<img>`` with a ``data:`` source that loaded (naturalWidth
> 0), and no error output. Chromium is Debian's ``chromium`` package, which ``make test``'s set-up
(scripts/setup.sh) installs when run as root; elsewhere these tests are skipped with a message."""
from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess

import pytest

from juye_analysis.pipeline.notebooks import run_notebooks, write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium (Debian: apt-get install chromium; "
                             "`make test` installs it when run as root)")

# Run in the page after it loads; its answer is written into the DOM, which --dump-dom prints.
_PROBE = """<script>
window.addEventListener('load', () => {
  const data = Array.from(document.images).filter(i => i.getAttribute('src').startsWith('data:'));
  const stderr = Array.from(document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]'));
  const answer = {images: document.images.length, data_images: data.length,
                  loaded: data.filter(i => i.complete && i.naturalWidth > 0).length,
                  errors: stderr.filter(e => /Traceback|^\\w*(Error|Exception)\\b/m.test(e.textContent)).length,
                  external: Array.from(document.querySelectorAll('script[src], link[href], img[src]'))
                    .map(e => e.getAttribute('src') || e.getAttribute('href'))
                    .filter(u => /^(https?:)?\\/\\//.test(u))};
  const out = document.createElement('pre');
  out.id = 'juye-probe';
  out.textContent = JSON.stringify(answer);
  document.body.appendChild(out);
});
</script>"""


def what_chromium_sees(page, tmp_path) -> dict:
    """Open a copy of ``page`` (with the probe) in headless Chromium; the probe's answer."""
    probed = tmp_path / f"probe_{page.name}"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"),
                      encoding="utf-8")
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", f"--user-data-dir={tmp_path / 'chromium-profile'}",
         "--virtual-time-budget=10000", "--dump-dom", probed.as_uri()],
        capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="juye-probe">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"Chromium printed no answer (exit {proc.returncode}): {proc.stderr[-800:]}"
    return json.loads(found.group(1).replace("&quot;", '"'))


def _small_notebook(path, error: bool):
    """A notebook with one figure (a PNG output) and, if ``error``, a cell that failed."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    png = base64.b64encode(buf.getvalue()).decode()
    cells = [new_markdown_cell("# A figure"),
             new_code_cell("plot()", outputs=[new_output("display_data", data={"image/png": png,
                                                                                "text/plain": "<Figure>"})]),
             new_code_cell("warn()", outputs=[new_output("stream", name="stderr", text="UserWarning: a note\n")])]
    if error:
        cells.append(new_code_cell("1/0", outputs=[new_output(
            "error", ename="ZeroDivisionError", evalue="division by zero",
            traceback=["\x1b[31mTraceback (most recent call last)\x1b[0m", "ZeroDivisionError: division by zero"])]))
    nbformat.write(new_notebook(cells=cells), path)
    return path


@needs_chromium
@pytest.mark.parametrize("error", [False, True])
def test_the_probe_sees_figures_and_error_cells(tmp_path, error):
    """The check itself: a page with a figure and a warning passes; the same page with a failed
    cell is caught."""
    page = write_html(_small_notebook(tmp_path / "small.ipynb", error))
    seen = what_chromium_sees(page, tmp_path)
    assert (seen["data_images"], seen["loaded"], seen["external"]) == (1, 1, [])
    assert seen["errors"] == (1 if error else 0)


def test_the_page_embeds_the_figures_without_chromium(tmp_path):
    page = write_html(_small_notebook(tmp_path / "small.ipynb", False))
    html = page.read_text(encoding="utf-8")
    assert page.suffix == ".html" and page.parent == tmp_path
    assert html.count('src="data:image/png;base64,') == 1
    assert not re.search(r'<script[^>]+src="https?://', html)  # no require.js, no MathJax from a CDN


@pytest.mark.notebooks
@needs_chromium
def test_an_executed_notebook_page_shows_its_figures_and_no_error(built_data, use_data, tmp_path):
    use_data(built_data, tmp_path / "figures")
    (executed,) = run_notebooks(["00"], output_dir=tmp_path / "executed", progress=False)
    page = executed.with_suffix(".html")
    assert page.exists()
    seen = what_chromium_sees(page, tmp_path)
    nb = json.loads(executed.read_text(encoding="utf-8"))
    figures = sum("image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", []))
    assert figures >= 1 and any((tmp_path / "figures").rglob("*.png"))
    assert seen["data_images"] == figures, (seen, figures)  # each figure the notebook shows
    assert seen["loaded"] == seen["data_images"] and seen["errors"] == 0 and seen["external"] == []
