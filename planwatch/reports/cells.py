"""Writing a value into a workbook cell so that text stays text (no spreadsheet injection).

A 数据来源 typed as ``=HYPERLINK("http://x","y")`` or ``=cmd|' /C calc'!A0`` must reach the
coordinator's Excel as those characters, never as a live formula or DDE call. Every writer of a
workbook planwatch produces (the reporting template, the monitoring and division tables) puts
its cells through :func:`put`: numbers stay numbers, and text that a spreadsheet could take for
a formula — starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — is stored as
a text cell with Excel's quote prefix, so it is shown, edited and read back exactly as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is loaded by whoever hands us a sheet, not by importing this
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

#: What a spreadsheet may read as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` at (row, column) — text as text, whatever it starts with — and return
    the cell."""
    cell = ws.cell(row, column)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"  # openpyxl takes any "=…" for a formula; this is text
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def put_row(ws: Worksheet, row: int, values: list[Any] | tuple[Any, ...]) -> list[Cell]:
    """:func:`put` for a whole row from column A."""
    return [put(ws, row, column, value) for column, value in enumerate(values, start=1)]
