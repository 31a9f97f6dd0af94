"""Every notebook runs top to bottom (papermill) on a built copy of the data and writes its
figures; the committed notebooks carry no outputs and the kernelspec python3."""
from __future__ import annotations

import json

import pytest

from juye_analysis.pipeline.notebooks import notebook_paths, run_notebooks
from juye_analysis.paths import NOTEBOOKS

NOTEBOOK_NAMES = [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebook_is_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and not cell.get("execution_count")
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "one cell tagged `parameters`"
    assert "save_figure(" in "".join("".join(c["source"]) for c in nb["cells"])


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_and_writes_figures(name, built_data, use_data, tmp_path):
    figures = tmp_path / "figures"
    use_data(built_data, figures)
    (executed,) = run_notebooks([name], output_dir=tmp_path / "executed", progress=False)
    assert executed.exists()
    # no "Glyph … missing from font" warning (or any other warning) in any cell's output
    nb = json.loads(executed.read_text(encoding="utf-8"))
    streams = [o.get("text", "") for c in nb["cells"] for o in c.get("outputs", [])
               if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    text = "".join("".join(t) if isinstance(t, list) else t for t in streams)
    assert "missing from" not in text and "Glyph" not in text, text[:2000]
    prefix = "fig-" + name[:2]
    written = sorted(p.name for p in figures.iterdir())
    assert any(n.startswith(prefix) and n.endswith(".pdf") for n in written), written
    stems = {n.rsplit(".", 1)[0] for n in written}
    for stem in stems:
        for ext in ("png", "pdf", "svg"):
            assert (figures / f"{stem}.{ext}").exists()


def test_notebook_paths_in_order():
    names = [p.name for p in notebook_paths()]
    assert names == sorted(names) and names[0].startswith("00_")
