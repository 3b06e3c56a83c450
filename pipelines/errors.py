"""Errors that end a command with one of the contract's exit codes.

Exit codes (data contract): 0 done; 1 internal error; 2 wrong usage;
3 done, but rows were quarantined; 4 a fatal data problem, nothing produced.
Every error carries one line that says what is wrong and what to do next.
"""

from __future__ import annotations

from linkage.errors import ConfigError, InputDataError, ReportedError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_QUARANTINED = 3
EXIT_FATAL_DATA = 4


# The base classes live in the domain-free engine (linkage.errors) so that the engine
# never imports the pipelines; here they get crosscheck's names.
CrosscheckError = ReportedError
UsageError = ConfigError


class FatalDataError(InputDataError):
    """Input that cannot be used at all (unreadable file, missing required column, ...)."""

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None, hint: str | None = None) -> None:
        where = []
        if file:
            where.append(f"file {file}")
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column {column!r}")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + message, hint=hint)
        self.file, self.row, self.column = file, row, column
