"""The package's modules as the static analysis (:mod:`.closure`) sees them: each module's
top-level definitions (functions, classes, names assigned), the rest of its top-level code, and
its imports (local name → what it names)."""
from __future__ import annotations

import ast
from pathlib import Path


MODULE_CODE = "<module>"  # the imports and other top-level code of a module


def package_sources(package_dir: Path) -> dict[str, str]:
    """Source text of every module of the package, by dotted module name."""
    out = {}
    for path in sorted(Path(package_dir).rglob("*.py")):
        parts = list(path.relative_to(Path(package_dir).parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path.read_text(encoding="utf-8")
    return out


class Module:
    """One module: ``defs`` (name → the statements that define it), ``residue`` (the other
    top-level statements), ``imports`` (see :func:`imports`)."""

    def __init__(self, name: str, source: str, is_package: bool):
        self.name, self.is_package = name, is_package
        self.lines = source.splitlines()
        self.defs: dict[str, list[ast.stmt]] = {}
        self.residue: list[ast.stmt] = []
        tree = ast.parse(source)
        body = tree.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            body = body[1:]  # the docstring
        self._collect(body)
        self.imports = imports(self, [s for s in self.residue if isinstance(s, (ast.Import, ast.ImportFrom))]
                                + [n for s in self.residue if not isinstance(s, (ast.Import, ast.ImportFrom))
                                   for n in ast.walk(s)])

    def _collect(self, body) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defs.setdefault(stmt.name, []).append(stmt)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            self.defs.setdefault(n.id, []).append(stmt)
            else:
                self.residue.append(stmt)
                if isinstance(stmt, (ast.If, ast.Try, ast.With)):  # definitions inside count too
                    for part in ("body", "orelse", "finalbody"):
                        self._collect(getattr(stmt, part, []))
                    for handler in getattr(stmt, "handlers", []):
                        self._collect(handler.body)

    def segment(self, stmts) -> str:
        chunks = []
        for s in stmts:
            start = min([s.lineno] + [d.lineno for d in getattr(s, "decorator_list", [])])
            chunks.append("\n".join(self.lines[start - 1:s.end_lineno]))
        return "\n".join(chunks)


def _absolute(module: Module, name: str | None, level: int) -> str:
    if level == 0:
        return name or ""
    parts = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    parts = parts[:len(parts) - (level - 1)]
    return ".".join(parts + ([name] if name else []))


def imports(module: Module, nodes) -> dict[str, tuple]:
    """Local name → ("module", dotted) or ("from", dotted, attribute), for the import nodes."""
    out: dict[str, tuple] = {}
    for node in nodes:
        if isinstance(node, ast.Import):
            for a in node.names:  # `import a.b` binds a; `import a.b as c` binds c to a.b
                name = a.name if a.asname else a.name.split(".")[0]
                out[a.asname or name] = ("module", name)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node.module, node.level)
            for a in node.names:
                if a.name != "*":
                    out[a.asname or a.name] = ("from", base, a.name)
    return out


def is_package(name: str, sources: dict) -> bool:
    prefix = name + "."
    return any(other.startswith(prefix) for other in sources) or "." not in name
