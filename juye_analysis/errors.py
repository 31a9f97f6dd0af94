"""Errors a user can cause (bad file, bad metadata, a year that cannot be inferred).

The command line prints them as one line, ``juye-analysis: error: <file>: <problem>``, exits
non-zero and shows no traceback.
"""
from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, reported as one line naming the file."""

    def __init__(self, path, problem: str):
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)

    def __reduce__(self):  # so that it crosses process boundaries (a forked corpus step) intact
        return (type(self), (self.path, self.problem))


class UserErrors(UserError):
    """Several reports that cannot be read, one line each (a folder build names them all)."""

    def __init__(self, errors: list[tuple[str | None, str]]):
        self.errors = list(errors)
        lines = [f"{p}: {problem}" if p else problem for p, problem in self.errors]
        Exception.__init__(self, "\n".join(lines))
        self.path, self.problem = None, "\n".join(lines)

    def __reduce__(self):
        return (type(self), (self.errors,))
