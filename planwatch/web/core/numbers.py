"""The one place the web reads a number a person typed: forms, the Excel upload, the API.

It is the core's parser, ``planwatch.assess.numbers.parse_number`` (numbers from JSON stay
numbers), so a cell, a form field and an API value give the same answer with the same message.
"""

from __future__ import annotations

from planwatch.assess.numbers import parse_number


def parse_cell_number(value: str | float | int, *, unit: str | None = None) -> float:
    """The number in ``value`` ("1,234.5", "１２.５", "12%" when the unit is %); InputError
    with a bilingual message for anything else."""
    return parse_number(value, unit=unit)
