"""The one exception type users see: one line saying what is wrong, where, and how to fix it."""

from __future__ import annotations


class DrqaError(Exception):
    """An error at the boundary: the CLI prints its message as one line and exits non-zero.

    ``exit_code`` lets a command distinguish "bad input" (2) from "nothing to do" or other states.
    """

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class WorkspaceBusy(DrqaError):
    """Another process is writing to the workspace catalog."""


class MissingDependency(DrqaError):
    """An optional dependency is not installed; the message names the ``pip install`` to run."""
