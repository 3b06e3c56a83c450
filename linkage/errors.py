"""Errors of the linkage engine that explain themselves in one line.

Domain-free: the engine says what is wrong and what to do (``hint``); an application
(crosscheck's CLI in :mod:`pipelines.errors`) maps them to its exit codes:
:class:`ConfigError` is wrong usage (a configuration, a model file, an argument),
:class:`InputDataError` records that cannot be linked as given.
"""

from __future__ import annotations


class ReportedError(Exception):
    """Base class: a message and a hint of what to do next; ``exit_code`` for a CLI."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        text = self.message.rstrip(". ")
        if self.hint:
            text += f" — {self.hint}"
        return " ".join(text.split())


class ConfigError(ReportedError):
    """A configuration, model file or argument that cannot be used."""

    exit_code = 2


class InputDataError(ReportedError):
    """Records that cannot be linked as given (missing columns, too few records)."""

    exit_code = 4
