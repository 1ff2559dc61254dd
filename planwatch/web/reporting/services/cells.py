"""A small table sheet planwatch writes and reads back: hidden metadata row, title, header,
rows; hidden id and record-version columns. The share sheet (分解指标) of the department
template, the milestone and project sheets the roadmap adds to it and the project register
share it.

Writing goes through planwatch.reports.cells (text stays text); reading through
planwatch.workbooks (streamed within the upload limits, formulas refused). Every bad cell is
one problem naming sheet, row and column, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.errors import InputError
from planwatch.limits import LimitExceeded
from planwatch.reports.cells import put
from planwatch.reports.template import column_letter, sheet_title
from planwatch.web.core.numbers import parse_cell_number
from planwatch.web.history.services import EditConflict
from planwatch.web.reporting.services.excel import Problem, UploadRejected
from planwatch.workbooks import NotTyped, open_workbook, refuse_not_typed

META_ROW, TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?$")


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    width: float = 14
    editable: bool = False
    hidden: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SheetSpec:
    marker: str
    title: str
    columns: tuple[Col, ...]

    def letter(self, key: str) -> str:
        return column_letter(next(i for i, c in enumerate(self.columns, 1) if c.key == key))


def write_sheet(wb, spec: SheetSpec, meta: list, heading: str, rows: list[dict]) -> None:
    """Append ``spec``'s sheet to ``wb``: row 1 (hidden) the marker and ``meta``."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(sheet_title(wb, spec.title))
    for i, value in enumerate([spec.marker, *meta], 1):
        put(ws, META_ROW, i, value)
    ws.row_dimensions[META_ROW].hidden = True
    put(ws, TITLE_ROW, 1, heading).font = Font(bold=True, size=14)
    fill = PatternFill("solid", fgColor="DDE5EE")
    for i, col in enumerate(spec.columns, 1):
        cell = put(ws, HEADER_ROW, i, col.header)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.column_dimensions[column_letter(i)].width = col.width
        ws.column_dimensions[column_letter(i)].hidden = col.hidden
    for r, row in enumerate(rows, FIRST_ROW):
        for i, col in enumerate(spec.columns, 1):
            value = row.get(col.key)
            if isinstance(value, dt.date):
                value = value.isoformat()  # text: read back exactly, whatever the locale
            cell = put(ws, r, i, value)
            if col.editable:
                cell.protection = Protection(locked=False)
    last = FIRST_ROW + max(len(rows), 1) - 1
    for i, col in enumerate(spec.columns, 1):
        if col.choices:
            listed = DataValidation(
                type="list", formula1=f'"{",".join(col.choices)}"', allow_blank=True
            )
            listed.add(f"{column_letter(i)}{FIRST_ROW}:{column_letter(i)}{last}")
            ws.add_data_validation(listed)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


@dataclass
class ReadRow:
    sheet: str
    row: int
    values: dict[str, Any]


def read_sheets(workbook, spec: SheetSpec, problems: list[Problem]):
    """(meta, rows) of every sheet of ``workbook`` carrying ``spec.marker``; a wrong header is
    one problem per cell and that sheet's rows are not read."""
    found = []
    for sheet in workbook.sheets:
        lines = workbook.rows(sheet)
        first = next(lines, None)
        cells = first[1] if first and first[0] == META_ROW else []
        if not cells or cells[0] != spec.marker:
            lines.close()
            continue
        meta = [_plain(v) for v in cells[1:]]
        rows: list[ReadRow] = []
        header_ok = None
        for r, values in lines:
            if r < HEADER_ROW:
                continue
            if header_ok is None:
                header_ok = _header(sheet.title, r, values, spec, problems)
                if not header_ok:
                    break
                continue
            raw = {}
            for i, col in enumerate(spec.columns):
                value = values[i] if i < len(values) else None
                if isinstance(value, NotTyped):
                    problems.append(
                        Problem(
                            sheet.title, r, column_letter(i + 1), _word(refuse_not_typed(value))
                        )
                    )
                    value = None
                raw[col.key] = value
            if any(_plain(v) != "" for v in raw.values()):
                rows.append(ReadRow(sheet.title, r, raw))
        lines.close()
        if header_ok is None:
            _header(sheet.title, HEADER_ROW, [], spec, problems)
        found.append((meta, rows if header_ok else []))
    return found


def read_for_round(data: bytes, name: str | None, round, specs, problems: list[Problem]):
    """The rows of each spec's sheets in an uploaded template, one list per spec, leaving out
    (with a problem) sheets of another plan or round; None when the file cannot be read — over
    the upload limits (then that is the only problem) or not a workbook at all (the template
    reader says so)."""
    try:
        with open_workbook(data, file=name, limits=settings.UPLOAD_LIMITS) as workbook:
            found = [read_sheets(workbook, spec, problems) for spec in specs]
    except LimitExceeded as exc:
        problems[:] = [Problem(None, None, None, exc.render(get_language()))]
        return None
    except InputError:
        return None
    return [
        [
            row
            for meta, rows in sheets
            if not _wrong_sheet(meta, round, rows, spec, problems)
            for row in rows
        ]
        for spec, sheets in zip(specs, found, strict=True)
    ]


def saving(pending, counts: tuple[str, str]):
    """The apply step of a checked sheet: run each pending ``(sheet, row, column, save)``
    and count it in ``result.<counts[0]>`` when ``save()`` says it wrote, else in
    ``<counts[1]>``; a conflict or a refusal is one problem of its cell, all raised together
    (the upload's transaction then writes nothing)."""

    def apply(result) -> None:
        failed = []
        for sheet, row, column, save in pending:
            try:
                counted = counts[0] if save() else counts[1]
                setattr(result, counted, getattr(result, counted) + 1)
            except EditConflict as exc:
                failed.append(Problem(sheet, row, column, str(exc), True))
            except (PermissionDenied, ValidationError) as exc:
                reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                failed.append(Problem(sheet, row, column, reason))
        if failed:
            raise UploadRejected(failed)

    return apply


def nothing(result) -> None:
    """What an upload applies when its sheets could not be read."""
    return None


def _wrong_sheet(meta, round, rows, spec: SheetSpec, problems) -> bool:
    plan_id = meta[1] if len(meta) > 1 else ""
    round_name = meta[2] if len(meta) > 2 else ""
    sheet = rows[0].sheet if rows else spec.title
    if plan_id and plan_id != str(round.plan_id):
        problems.append(Problem(sheet, 1, "C", _("该工作表属于另一个规划。")))
        return True
    if round_name and round_name != round.name:
        problems.append(
            Problem(
                sheet,
                1,
                "D",
                _("该工作表属于轮次“%(other)s”，不是“%(round)s”。")
                % {"other": round_name, "round": round.name},
            )
        )
        return True
    return False


def read_cells(row: ReadRow, spec: SheetSpec, readers: dict, problems) -> dict | None:
    """A row's values through each column's reader; None (with a problem per bad cell) if any
    cell is refused."""
    values, ok = {}, True
    for key, reader in readers.items():
        try:
            values[key] = reader(row.values.get(key))
        except CellError as exc:
            problems.append(Problem(row.sheet, row.row, spec.letter(key), str(exc.args[0])))
            ok = False
    return values if ok else None


def _header(sheet: str, r: int, values: list, spec: SheetSpec, problems) -> bool:
    ok = r == HEADER_ROW
    for i, col in enumerate(spec.columns):
        seen = _plain(values[i]) if r == HEADER_ROW and i < len(values) else ""
        if seen != col.header:
            ok = False
            problems.append(
                Problem(
                    sheet,
                    HEADER_ROW,
                    column_letter(i + 1),
                    _("表头应为“%(header)s”，实为“%(found)s”。")
                    % {"header": col.header, "found": seen},
                )
            )
    return ok


def _word(message) -> str:
    return message.render(get_language()) if hasattr(message, "render") else str(message)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class CellError(ValueError):
    """A cell that cannot be read; ``args[0]`` is the reason in the reader's language."""


def text_of(value: Any, limit: int = 2000) -> str:
    text = value.strip(" \u3000") if isinstance(value, str) else _plain(value)
    if len(text) > limit:
        raise CellError(_("内容超过 %(n)d 个字。") % {"n": limit})
    return text


def number_of(value: Any) -> float | None:
    if _plain(value) in ("", "—", "-", "/", "无"):
        return None
    try:
        return parse_cell_number(value)
    except InputError as exc:
        raise CellError(exc.reason_in(get_language())) from None


def date_of(value: Any) -> dt.date | None:
    """A date typed as 2023-06-30, 2023/6/30, 2023年6月30日 (a month alone: its last day), or
    an Excel date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = _plain(value)
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match:
            year, month, day = int(match[1]), int(match[2]), match[3]
            if day is None:
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, month, int(day))
    except ValueError:
        pass
    raise CellError(_("日期“%(found)s”无效，应形如 2023-06-30。") % {"found": text})


def version_of(value: Any) -> int | None:
    text = _plain(value)
    if not text:
        return None
    if not text.isdigit():
        raise CellError(_("隐藏列的内容“%(found)s”无效，请勿修改该列。") % {"found": text})
    return int(text)
