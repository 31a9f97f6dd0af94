"""Every notebook runs top to bottom (papermill) on a built copy of the data and writes its
figures; the committed notebooks carry no outputs and the kernelspec python3."""
from __future__ import annotations

import json

import pytest

from juye_analysis.errors import UserError
from juye_analysis.pipeline.notebook_params import notebook_defaults
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
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_and_writes_figures(name, lang, use_data, tmp_path, monkeypatch, request):
    """Every figure the notebook saves passes plots.layout.layout_problems (strict: save_figure
    raises on a problem, so the run fails) and lands in figures/REPORT/LANG/."""
    figures = tmp_path / "figures"
    # notebook 04 draws the national series: its build has the national reports 2003-2025
    data = request.getfixturevalue("built_national" if name.startswith("04") else "built_data")
    use_data(data, figures)
    monkeypatch.setenv("JUYE_STRICT_LAYOUT", "1")
    (executed,) = run_notebooks([name], {"lang": lang}, output_dir=tmp_path / "executed", progress=False)
    assert executed.exists()
    # no "Glyph … missing from font" warning (or any other warning) in any cell's output
    nb = json.loads(executed.read_text(encoding="utf-8"))
    streams = [o.get("text", "") for c in nb["cells"] for o in c.get("outputs", [])
               if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    text = "".join("".join(t) if isinstance(t, list) else t for t in streams)
    assert "missing from" not in text and "Glyph" not in text, text[:2000]
    prefix = "fig-" + name[:2]
    written = sorted(p.relative_to(figures).as_posix() for p in figures.rglob("*") if p.is_file())
    assert written and all(w.split("/")[1] == lang and w.split("/")[-1].startswith(prefix) for w in written), written
    stems = {w.rsplit(".", 1)[0] for w in written}
    for stem in stems:
        for ext in ("png", "pdf", "svg"):
            assert (figures / f"{stem}.{ext}").exists()


def test_notebook_paths_in_order():
    names = [p.name for p in notebook_paths()]
    assert names == sorted(names) and names[0].startswith("00_")


# --- issue 11 defect 12: parameters checked against their allowed values before any cell runs ---

@pytest.mark.parametrize("name,parameters,problem", [
    ("00", {"lang": "fr"}, "parameter lang='fr' must be one of zh, en"),
    ("02", {"top_n": "abc"}, "parameter top_n='abc' must be a whole number of at least 1"),
    ("02", {"top_n": -1}, "parameter top_n=-1 must be a whole number of at least 1"),
    ("02", {"top_n": True}, "parameter top_n=True must be a whole number of at least 1"),
    ("02", {"extra_stopwords": 5}, "parameter extra_stopwords=5 must be a list of words"),
    ("02", {"stopword_tiers": ["nope"]}, "parameter stopword_tiers=['nope'] must be null or a list of tiers"),
    ("02", {"kwic_term": 5}, "parameter kwic_term=5 must be a word"),
    ("00", {"report_id": "nope"}, "parameter report_id='nope' is not a built report (have: juye_2024, juye_2025)"),
    ("04", {"series_jurisdiction": "巨野"}, "parameter series_jurisdiction='巨野' is not the jurisdiction of a built report (have: 巨野县)"),
    ("04", {"indicators": ["gdp", "gpd"]}, "parameter indicators=['gdp', 'gpd'] must be a list of indicator keys"),
    ("04", {"terms": ["改革", "双循环"]}, "parameter terms=['改革', '双循环'] must be a list of terms of resources/trend_terms.csv"),
    ("04", {"start_year": "2004"}, "parameter start_year='2004' must be of type int"),
    ("03", {"old_report_id": "juye_2024", "new_report_id": "juye_2024"},
     "parameters old_report_id and new_report_id are both 'juye_2024'"),
    ("03", {"old_report_id": "juye_2024", "report_id": "juye_2024"},
     "parameters old_report_id and report_id are both 'juye_2024'"),
    ("03", {"new_report_id": "juye_2025", "report_id": "juye_2024"},
     "parameters new_report_id='juye_2025' and report_id='juye_2024' name two newer reports"),
])
def test_notebook_parameters_lang_fr_top_n_abc_old_equals_new_are_refused_before_any_cell_runs(
        name, parameters, problem, built_data, use_data, tmp_path, monkeypatch):
    import papermill

    use_data(built_data)
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: pytest.fail("a cell ran"))
    with pytest.raises(UserError) as info:
        run_notebooks([name], parameters, output_dir=tmp_path / "executed", progress=False)
    assert info.value.path.endswith(".ipynb") and name in info.value.path
    assert info.value.problem.startswith(problem)
    assert not (tmp_path / "executed").exists()


def test_a_parameter_no_chosen_notebook_takes_is_refused(tmp_path, monkeypatch):
    import papermill

    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: pytest.fail("a cell ran"))
    with pytest.raises(UserError, match=r"no notebook chosen takes parameter 'tpo_n'"):
        run_notebooks(["02"], {"tpo_n": 5}, output_dir=tmp_path, progress=False)


def test_good_parameters_pass_to_papermill(built_data, use_data, tmp_path, monkeypatch):
    import papermill

    use_data(built_data)
    calls = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda src, dst, parameters, **k: calls.append(parameters))
    run_notebooks(["02", "03"], {"lang": "en", "top_n": 5, "extra_stopwords": ["巨野"]},
                  output_dir=tmp_path, progress=False)
    assert calls == [{"lang": "en", "top_n": 5, "extra_stopwords": ["巨野"]}] * 2


def test_notebook_defaults_are_read_from_the_parameters_cell():
    defaults = notebook_defaults(notebook_paths(["02"])[0])
    assert defaults["top_n"] == 30 and defaults["lang"] == "zh" and defaults["extra_stopwords"] == []


def test_a_bad_notebook_parameter_is_one_cli_line(built_data, use_data, capsys):
    from juye_analysis.cli.main import main

    use_data(built_data)
    assert main(["notebooks", "02", "-p", "top_n=abc"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "top_n='abc'" in err


def test_every_notebook_takes_report_id_so_papermill_never_warns_unknown_parameter():
    """`notebooks -p report_id=…` passes it to every notebook; papermill warns about a name that
    is not in a notebook's parameters cell."""
    for path in notebook_paths():
        assert "report_id" in notebook_defaults(path), path.name


@pytest.mark.notebooks
def test_notebook_03_with_report_id_runs_without_unknown_parameter_warning(built_data, use_data, tmp_path, caplog):
    import logging

    use_data(built_data, tmp_path / "figures")
    with caplog.at_level(logging.WARNING, logger="papermill"):  # papermill logs the warning
        (executed,) = run_notebooks(["03"], {"report_id": "juye_2025", "lang": "en"},
                                    output_dir=tmp_path / "executed", progress=False)
    assert not [r for r in caplog.records if "unknown parameter" in r.getMessage().lower()]
    nb = json.loads(executed.read_text(encoding="utf-8"))
    injected = [c for c in nb["cells"] if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
    assert "report_id = \"juye_2025\"" in "".join(injected[0]["source"])
    assert any(p.name.startswith("fig-03") for p in (tmp_path / "figures").rglob("*.png"))
