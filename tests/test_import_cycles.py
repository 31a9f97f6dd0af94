"""The package's import graph: no cycle, and the analysis stages import only the stages before them.

Every ``import`` and ``from … import`` of every module of juye_analysis counts, at module level and
inside functions (a function-level import is still a dependency: it only hides a cycle until the
function runs). Importing ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``, so those are
dependencies too. Read with ``ast``; only pipeline.steps is imported, for the names of the steps
it imports by string.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from juye_analysis.paths import PACKAGE_DIR

PACKAGE = "juye_analysis"


# (stage, stages and modules it must never import). A stage is a subpackage of juye_analysis;
# "juye_analysis.pipeline" forbids the package and every module under it.
LAYER_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("read", ("pipeline", "cli", "numbers", "indicators", "words", "compare")),
    ("numbers", ("pipeline", "cli", "indicators", "words", "compare")),
    ("indicators", ("pipeline", "cli", "words", "compare")),
    ("words", ("pipeline", "cli", "compare")),
    ("compare", ("pipeline", "cli")),
    ("plots", ("pipeline", "cli")),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules() -> dict[str, Path]:
    """Module name → file, for every .py file of the package."""
    return {_module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))
            if "__pycache__" not in p.parts}


def _with_parents(name: str) -> list[str]:
    """a.b.c → [a, a.b, a.b.c]: importing a.b.c runs the __init__ of a and a.b first."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def dependencies(path: Path, module: str, modules: set[str]) -> set[str]:
    """The package modules a file needs initialised, from every import anywhere in it.

    ``import a.b.c`` needs a, a.b and a.b.c; ``from a.b import c`` needs a.b.c when c is a
    module, else a.b itself (c is a name defined in a/b/__init__). Relative imports are resolved.
    The module's own parent packages are left out where they are only the packages it sits in
    (they are initialised before it anyway), but count when it takes a name from one of them
    (``from .. import __version__`` needs juye_analysis/__init__ to have got that far)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    ancestors = set(_with_parents(module)[:-1])
    needed: set[str] = set()
    explicit: set[str] = set()  # names taken from a module: that module's own code must have run
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                needed.update(_with_parents(alias.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            needed.update(_with_parents(target))
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in modules:
                    needed.add(sub)
                else:
                    explicit.add(target)
    deps = (needed - ancestors) | (explicit & ancestors)
    deps.discard(module)
    return deps & modules


def import_graph() -> dict[str, set[str]]:
    """Module → the package modules it depends on. pipeline.steps imports its steps by name
    ("words.tokens:tokens_table", with importlib): those count as its imports too."""
    from juye_analysis.pipeline.steps import CORPUS_TABLES, PER_REPORT_TABLES

    modules = package_modules()
    graph = {name: dependencies(path, name, set(modules)) for name, path in modules.items()}
    for spec in [s for _, s, _ in PER_REPORT_TABLES] + [s for s, _ in CORPUS_TABLES]:
        target = f"{PACKAGE}.{spec.partition(':')[0]}"
        graph[f"{PACKAGE}.pipeline.steps"].update(m for m in _with_parents(target)[1:] if m in modules)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def _a_path(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One closed path through a component, to show in the failure message."""
    members = set(component)
    start = component[0]
    path, seen = [start], {start}
    while True:
        nxt = sorted(graph[path[-1]] & members)
        back = start if start in nxt and len(path) > 1 else None
        unseen = [m for m in nxt if m not in seen]
        if back or not unseen:
            return path + [back or nxt[0]]
        path.append(unseen[0])
        seen.add(unseen[0])


GRAPH = import_graph()


def test_the_graph_sees_the_whole_package():
    """The walk covers every stage, finds function-level and relative imports, and resolves
    the parent packages of an import (a guard against a walk that finds nothing)."""
    for stage in ("read", "numbers", "indicators", "words", "compare", "pipeline", "plots", "cli"):
        assert f"{PACKAGE}.{stage}" in GRAPH
    # build.py imports .storage at module level and .cache inside process_one
    assert {"juye_analysis.pipeline.storage", "juye_analysis.pipeline.cache"} <= \
        GRAPH["juye_analysis.pipeline.build"]
    # plots/fonts.py imports ..resource_files inside a function
    assert "juye_analysis.resource_files" in GRAPH["juye_analysis.plots.fonts"]
    # the steps the build runs, named by string
    assert {"juye_analysis.words.tokens", "juye_analysis.compare.keyness"} <= \
        GRAPH["juye_analysis.pipeline.steps"]


def test_cycles_are_found_by_the_walk(tmp_path):
    """The checker itself: a cycle through a function-level import and a package __init__."""
    graph = {"p": {"p.a"}, "p.a": {"p.b"}, "p.b": {"p"}, "q": {"p.a"}}
    assert cycles(graph) == [["p", "p.a", "p.b"]]
    assert _a_path(graph, ["p", "p.a", "p.b"]) == ["p", "p.a", "p.b", "p"]
    src = tmp_path / "m.py"
    src.write_text("from . import units\nfrom .. import __version__\n"
                   "def f():\n    from ..words import tokens\n    import juye_analysis.read.report\n",
                   encoding="utf-8")
    modules = {"juye_analysis", "juye_analysis.numbers", "juye_analysis.numbers.units",
               "juye_analysis.words", "juye_analysis.words.tokens", "juye_analysis.read",
               "juye_analysis.read.report"}
    assert dependencies(src, "juye_analysis.numbers.m", modules) == {
        "juye_analysis",  # a name taken from the package's __init__
        "juye_analysis.numbers.units", "juye_analysis.words", "juye_analysis.words.tokens",
        "juye_analysis.read", "juye_analysis.read.report"}
    assert _with_parents("juye_analysis.read.report") == [
        "juye_analysis", "juye_analysis.read", "juye_analysis.read.report"]


def test_no_import_cycle():
    found = cycles(GRAPH)
    lines = [" -> ".join(_a_path(GRAPH, c)) + f"   (component: {', '.join(c)})" for c in found]
    assert not found, "import cycles:\n" + "\n".join(lines)


@pytest.mark.parametrize("stage,forbidden", LAYER_RULES, ids=[s for s, _ in LAYER_RULES])
def test_a_stage_imports_only_the_stages_before_it(stage, forbidden):
    prefix = f"{PACKAGE}.{stage}"
    banned = tuple(f"{PACKAGE}.{f}" for f in forbidden)
    broken = sorted(f"{module} imports {dep}"
                    for module, deps in GRAPH.items() if module == prefix or module.startswith(prefix + ".")
                    for dep in deps if dep in banned or dep.startswith(tuple(b + "." for b in banned)))
    assert not broken, "\n".join(broken)
