"""Errors a user can act on. The CLI prints them as one line and exits with status 2."""

from __future__ import annotations


class PlanwatchError(Exception):
    """Bad input or a request that cannot be met; the message says what and what is accepted."""

    exit_status = 2


class InputError(PlanwatchError):
    """A problem in a named input file, optionally at a row, column or sheet."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file, self.sheet, self.row, self.column = file, sheet, row, column
        self.reason = message
        super().__init__(self._format(message))

    def _format(self, message: str) -> str:
        where = [p for p in (self.file, self.sheet and f"sheet {self.sheet}") if p]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{': '.join([', '.join(where), message]) if where else message}"
