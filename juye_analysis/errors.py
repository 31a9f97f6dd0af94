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
