"""What a function of the package runs and reads, found by static analysis (``ast``) of the
package's source, for the fingerprints of the tables (:mod:`.fingerprint`).

A *definition* is a top-level function, class or module-level name (constant) of a package
module, named ``module:name``; ``module:<module>`` is the rest of a module (its imports and any
other top-level statement) and belongs to every definition of that module. The *closure* of some
definitions is every definition they reach: the names used anywhere in their source (bodies,
decorators, defaults), resolved through the module's imports (``from ..x import y``, imports
inside functions, re-exports of a package's ``__init__``) and attribute access on package modules
(``resources.read_resource_csv``). A module used other than through an attribute (passed around,
``getattr``) brings in all of its definitions. Over-reaching is safe (a table rebuilds more
often); what the analysis cannot see is what runs through strings (``importlib`` of a spec), so
the steps are its roots, not the code that dispatches them.

File names: a string literal of a definition in the closure that looks like a file name
(``name.csv``, ``.txt``, ``.tsv``, ``.json``, ``.yaml``) is

- a *required resource* when passed to a resource reader (a package function that reaches
  ``paths.RESOURCES`` or a path joined with ``"resources"``), directly or through a module constant (``resource_path(USERDICT)``), or
  joined with ``/`` to ``RESOURCES`` or ``"resources"``: the file must exist;
- a *reference file* when joined with ``/`` to ``paths.reference_dir()`` or ``"reference"``
  (optional: the code reads it if it is there);
- otherwise an input if it names a file in either folder (a name kept in a constant, say).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from .modules import MODULE_CODE, Module, imports, is_package, package_sources  # noqa: F401


FILE_LIKE = re.compile(r"^[\w\-]+(\.[\w\-]+)*\.(csv|tsv|txt|json|ya?ml)$")


RESOURCES_ANCHOR = "juye_analysis.paths:RESOURCES"


REFERENCE_ANCHOR = "juye_analysis.paths:reference_dir"


@dataclass
class Facts:
    """What one definition's source says: definitions it uses, file-like literals by role."""

    refs: set
    literals: set
    required: set
    reference: set
    reader_calls: list  # (callee definition, literals passed, constants passed)
    joins_resources: bool = False  # builds a path with RESOURCES or "resources" (`x / "resources"`)


@dataclass(frozen=True)
class Inputs:
    """Static inputs of some roots: definitions, resource files (required ones checked) and
    reference files; ``other`` are file-like literals counted when such a file exists."""

    definitions: frozenset
    required: frozenset
    reference: frozenset
    other: frozenset


class Index:
    """The definitions of the package's modules (``sources``: dotted name → source text), their
    references and literals, and closures of them."""

    def __init__(self, sources: dict[str, str]):
        self.modules = {name: Module(name, src, is_package=is_package(name, sources))
                        for name, src in sources.items()}
        self._facts: dict[str, Facts] = {}
        self._reaches: dict[str, bool] = {}

    # -- definitions ---------------------------------------------------------------------------
    def definitions(self) -> list[str]:
        return [f"{m}:{n}" for m, mod in self.modules.items() for n in [*mod.defs, MODULE_CODE]]

    def source(self, definition: str) -> str:
        module, _, name = definition.partition(":")
        mod = self.modules[module]
        return mod.segment(mod.residue if name == MODULE_CODE else mod.defs[name])

    def definition_at(self, module: str, line: int) -> str | None:
        """The top-level definition of ``module`` whose source holds ``line`` (for tracing)."""
        mod = self.modules.get(module)
        if mod is None:
            return None
        for name, stmts in mod.defs.items():
            for s in stmts:
                start = min([s.lineno] + [d.lineno for d in getattr(s, "decorator_list", [])])
                if start <= line <= s.end_lineno and not isinstance(s, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                    return f"{module}:{name}"
        return f"{module}:{MODULE_CODE}"

    # -- resolving names -----------------------------------------------------------------------
    def _from(self, module: str, attr: str, depth: int = 0):
        if f"{module}.{attr}" in self.modules:
            return ("module", f"{module}.{attr}")
        mod = self.modules.get(module)
        if mod is None or depth > 20:
            return None
        if attr in mod.defs:
            return ("def", f"{module}:{attr}")
        if attr in mod.imports:
            return self._entry(mod.imports[attr], depth + 1)
        return None

    def _entry(self, entry, depth: int = 0):
        if entry[0] == "module":
            return ("module", entry[1]) if entry[1] in self.modules else None
        return self._from(entry[1], entry[2], depth)

    # -- facts of one definition ---------------------------------------------------------------
    def facts(self, definition: str) -> Facts:
        if definition not in self._facts:
            self._facts[definition] = self._compute(definition)
        return self._facts[definition]

    def _compute(self, definition: str) -> Facts:
        module, _, name = definition.partition(":")
        mod = self.modules[module]
        stmts = mod.residue if name == MODULE_CODE else mod.defs[name]
        nodes = [n for s in stmts for n in ast.walk(s)]
        local = dict(mod.imports)
        local.update(imports(mod, nodes))
        facts = Facts(refs={f"{module}:{MODULE_CODE}"} - {definition}, literals=set(), required=set(),
                      reference=set(), reader_calls=[])
        if name == MODULE_CODE:  # importing a module runs its packages' __init__ first
            parents = module.split(".")[:-1]
            facts.refs |= {f"{'.'.join(parents[:i])}:{MODULE_CODE}" for i in range(1, len(parents) + 1)
                           if ".".join(parents[:i]) in self.modules}

        def target(node):
            """("def", id) / ("module", name) / None for a Name or an Attribute chain."""
            chain = []
            while isinstance(node, ast.Attribute):
                chain.append(node.attr)
                node = node.value
            if not isinstance(node, ast.Name):
                return None
            t = (self._entry(local[node.id]) if node.id in local
                 else ("def", f"{module}:{node.id}") if node.id in mod.defs else None)
            for attr in reversed(chain):
                if t is None or t[0] != "module":
                    break
                t = self._from(t[1], attr) or ("module-attr", t[1])
            return t

        inner = {id(n.value) for n in nodes if isinstance(n, ast.Attribute)}
        for n in nodes:
            if isinstance(n, (ast.Name, ast.Attribute)) and id(n) not in inner:
                t = target(n)
                if t is None:
                    continue
                if t[0] == "def":
                    facts.refs.add(t[1])
                elif t[0] == "module":  # a module used as a value: all of it
                    facts.refs.update(f"{t[1]}:{d}" for d in [*self.modules[t[1]].defs, MODULE_CODE])
                else:  # module.attribute that it does not define
                    facts.refs.add(f"{t[1]}:{MODULE_CODE}")
            elif isinstance(n, ast.Constant) and isinstance(n.value, str) and FILE_LIKE.match(n.value):
                facts.literals.add(n.value)
        facts.refs.discard(definition)
        for n in nodes:
            if isinstance(n, ast.Call):
                t = target(n.func)
                if t and t[0] == "def":
                    args = [*n.args, *(k.value for k in n.keywords)]
                    facts.reader_calls.append((t[1], *self._passed(args, target)))
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div):
                self._path_join(n, target, facts)
        return facts

    def _passed(self, args, target) -> tuple[set, set]:
        """File-like literals among call arguments, and module constants passed."""
        lits, consts = set(), set()
        for a in args:
            if isinstance(a, ast.Constant) and isinstance(a.value, str) and FILE_LIKE.match(a.value):
                lits.add(a.value)
            elif isinstance(a, (ast.Name, ast.Attribute)):
                t = target(a)
                if t and t[0] == "def":
                    consts.add(t[1])
        return lits, consts

    def _path_join(self, node: ast.BinOp, target, facts: Facts) -> None:
        operands = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            operands.append(node.right)
            node = node.left
        operands.append(node)
        words = {o.value for o in operands if isinstance(o, ast.Constant) and isinstance(o.value, str)}
        anchors = set()
        for o in operands:
            t = target(o.func if isinstance(o, ast.Call) else o)
            if t and t[0] == "def":
                anchors.add(t[1])
        lits, consts = self._passed(operands, target)
        lits |= {lit for c in consts for lit in self._constant_literals(c)}
        if RESOURCES_ANCHOR in anchors or "resources" in words:
            facts.required |= lits
            facts.joins_resources = True
        elif REFERENCE_ANCHOR in anchors or "reference" in words:
            facts.reference |= lits

    def _constant_literals(self, definition: str) -> set:
        module, _, name = definition.partition(":")
        stmts = self.modules[module].defs.get(name, []) if module in self.modules else []
        if not stmts or not all(isinstance(s, (ast.Assign, ast.AnnAssign)) for s in stmts):
            return set()
        return self.facts(definition).literals

    def reaches_resources(self, definition: str) -> bool:
        """Whether a definition (transitively) uses ``paths.RESOURCES`` or joins a path with
    ``"resources"``: a resource reader, wherever it is defined."""
        if definition not in self._reaches:
            seen, todo, found = set(), [definition], False
            while todo and not found:
                d = todo.pop()
                if d in seen or d.partition(":")[0] not in self.modules:
                    continue
                seen.add(d)
                found = (d == RESOURCES_ANCHOR or self._reaches.get(d, False)
                         or self.facts(d).joins_resources)
                todo.extend(r for r in self.facts(d).refs if not r.endswith(MODULE_CODE))
            self._reaches[definition] = found
        return self._reaches[definition]

    # -- closures ------------------------------------------------------------------------------
    def closure(self, roots) -> frozenset:
        seen: set = set()
        todo = list(roots)
        while todo:
            d = todo.pop()
            if d in seen:
                continue
            module, _, name = d.partition(":")
            if module not in self.modules or (name != MODULE_CODE and name not in self.modules[module].defs):
                raise KeyError(f"no definition {d} in the package")
            seen.add(d)
            todo.extend(self.facts(d).refs - seen)
        return frozenset(seen)

    def inputs(self, roots) -> Inputs:
        """The closure of ``roots`` and the file names its literals give, by role."""
        defs = self.closure(roots)
        required, reference, literals = set(), set(), set()
        for d in defs:
            f = self.facts(d)
            literals |= f.literals
            required |= f.required
            reference |= f.reference
            for callee, lits, consts in f.reader_calls:
                if self.reaches_resources(callee):
                    required |= lits
                    required |= {lit for c in consts for lit in self._constant_literals(c)}
        return Inputs(defs, frozenset(required), frozenset(reference - required),
                      frozenset(literals - required - reference))


