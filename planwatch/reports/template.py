"""The departments' reporting template (.xlsx): the one definition of its layout, writer and reader.

The report workbook, the web system's download and its upload all go through this module, so a
template that planwatch hands out is always one it accepts back. Layout of a template sheet::

    row 1 (hidden)  A: planwatch:reporting-template  B: format version  C: plan id
                    D: department  E: reporting round
    row 2           title (free text, ignored when reading)
    row 3           header: 代码 | 指标名称 | 单位 | 年份 | 数值 | 数据来源 | 备注
    row 4 …         one row per item and year

A workbook may hold several template sheets (one per department) beside other sheets; a sheet
is a template exactly when its A1 holds the marker. Documented in ``docs/reports.md``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.assess.model import Observation
from planwatch.errors import InputError

MARKER = "planwatch:reporting-template"
VERSION = 1
META_ROW, TITLE_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3, 4

#: Stable item codes: I{n} for indicator-table rows, T{n} for prose targets.
ITEM_CODE = re.compile(r"^[IT][1-9][0-9]*$")
#: Cells a department may leave as "no figure" in the value column.
BLANK_MARKS = frozenset({"", "—", "——", "-", "--", "/", "无"})
YEAR_RANGE = range(1900, 2101)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # exactly what row 3 must hold
    header_en: str
    width: float
    editable: bool  # unlocked for the department; the others are planwatch's own

    @property
    def letter(self) -> str:
        return get_column_letter(COLUMNS.index(self) + 1)


COLUMNS: tuple[Column, ...] = (
    Column("item", "代码", "Code", 8, False),
    Column("name", "指标名称", "Item", 44, False),
    Column("unit", "单位", "Unit", 12, False),
    Column("year", "年份", "Year", 8, False),
    Column("value", "数值", "Value", 14, True),
    Column("source", "数据来源", "Source", 32, True),
    Column("note", "备注", "Note", 32, True),
)
BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}


@dataclass(frozen=True)
class TemplateMeta:
    """What the hidden row 1 carries: which plan, which department, which round."""

    plan_id: str | None = None
    department: str | None = None
    round: str | None = None


@dataclass(frozen=True)
class TemplateRow:
    """One figure a department reports; ``value`` None means not (yet) reported."""

    item: str
    year: int
    value: float | None = None
    name: str | None = None
    unit: str | None = None
    source: str | None = None
    note: str | None = None
    meta: TemplateMeta | None = None  # set by read_template from the sheet's row 1
    sheet: str | None = field(default=None, compare=False)
    row: int | None = field(default=None, compare=False)


# --- writing -------------------------------------------------------------------------------


def write_template(
    target: str | Path | IO[bytes], sheets: Sequence[tuple[TemplateMeta, Sequence[TemplateRow]]]
) -> None:
    """Write a stand-alone template workbook (to a path or a binary file), a sheet per pair."""
    wb = Workbook()
    wb.remove(wb.active)
    for meta, rows in sheets:
        add_template_sheet(wb, meta, rows)
    wb.save(target)


def add_template_sheet(
    wb: Workbook,
    meta: TemplateMeta,
    rows: Sequence[TemplateRow],
    *,
    title: str | None = None,
) -> Worksheet:
    """Append a template sheet for one department to ``wb`` and return it."""
    ws = wb.create_sheet(sheet_title(wb, meta.department or "填报模板"))
    ws.append([MARKER, VERSION, meta.plan_id, meta.department, meta.round])
    ws.row_dimensions[META_ROW].hidden = True

    heading = title or "指标数据填报表"
    parts = [heading, meta.department, meta.round and f"报送轮次：{meta.round}"]
    ws.cell(TITLE_ROW, 1, "　".join(p for p in parts if p)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(COLUMNS))

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DDE5EE")
    for i, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, i, col.header)
        cell.font, cell.fill, cell.border = Font(bold=True), header_fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width

    for r, row in enumerate(rows, start=FIRST_DATA_ROW):
        values = [row.item, row.name, row.unit, row.year, row.value, row.source, row.note]
        for i, (col, value) in enumerate(zip(COLUMNS, values, strict=True), start=1):
            cell = ws.cell(r, i, value)
            cell.border = border
            cell.alignment = Alignment(vertical="center", wrap_text=col.key in ("name", "note"))
            if col.editable:
                cell.protection = Protection(locked=False)
    last = FIRST_DATA_ROW + max(len(rows), 1) - 1
    value_range = f"{BY_KEY['value'].letter}{FIRST_DATA_ROW}:{BY_KEY['value'].letter}{last}"
    check = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+15",
        formula2="1E+15",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="数值",
        error="请填写数字（不带单位）；没有数据时留空。",
    )
    check.add(value_range)
    ws.add_data_validation(check)
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    # Codes, names and years are planwatch's; locking them keeps the upload's keys intact.
    # No password: this guards against slips, not against intent.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return ws


def sheet_title(wb: Workbook, wanted: str) -> str:
    """A valid, unused sheet name (≤ 31 characters, none of []:*?/\\) close to ``wanted``."""
    base = re.sub(r"[\[\]:*?/\\]", "_", wanted).strip("'") or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name in wb.sheetnames:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


# --- reading -------------------------------------------------------------------------------


def read_template(
    source: str | Path | IO[bytes], *, known_items: Iterable[str] | None = None
) -> list[TemplateRow]:
    """Every row of every template sheet in a workbook, validated.

    Raises :class:`InputError` naming the sheet, row and column of the first problem. Pass
    ``known_items`` (the plan's item codes) to reject codes the plan does not have.
    """
    file = str(source) if isinstance(source, str | Path) else getattr(source, "name", None)
    try:
        wb = load_workbook(source, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(
            f"不是可读取的 .xlsx 工作簿 (not a readable .xlsx workbook: {exc})", file=file
        ) from None
    known = set(known_items) if known_items is not None else None
    rows: list[TemplateRow] = []
    found = False
    for ws in wb.worksheets:
        if _text(ws.cell(META_ROW, 1).value) != MARKER:
            continue
        found = True
        rows.extend(_read_sheet(ws, file, known))
    if not found:
        raise InputError(
            f"没有填报模板工作表：模板的 A1 单元格应为 {MARKER} "
            f"(no reporting template sheet: cell A1 of a template reads {MARKER})",
            file=file,
        )
    return rows


def rows_to_observations(rows: Iterable[TemplateRow]) -> list[Observation]:
    """The reported figures as assessment input; rows without a value are left out."""
    return [
        Observation(r.item, r.year, r.value, r.unit, r.source, r.note)
        for r in rows
        if r.value is not None
    ]


def _read_sheet(ws: Worksheet, file: str | None, known: set[str] | None) -> list[TemplateRow]:
    def fail(row: int, column: Column | str, reason: str) -> InputError:
        letter = column if isinstance(column, str) else column.letter
        return InputError(reason, file=file, sheet=ws.title, row=row, column=letter)

    version = ws.cell(META_ROW, 2).value
    if version != VERSION and _text(version) != str(VERSION):
        raise fail(
            META_ROW,
            "B",
            f"模板格式版本应为 {VERSION}，实为“{_text(version)}” "
            f"(template format version must be {VERSION})",
        )
    meta = TemplateMeta(
        plan_id=_text(ws.cell(META_ROW, 3).value) or None,
        department=_text(ws.cell(META_ROW, 4).value) or None,
        round=_text(ws.cell(META_ROW, 5).value) or None,
    )
    for col in COLUMNS:
        found = _text(ws[f"{col.letter}{HEADER_ROW}"].value)
        if found != col.header:
            raise fail(
                HEADER_ROW,
                col,
                f"表头应为“{col.header}”，实为“{found}” (header must read {col.header})",
            )

    rows: list[TemplateRow] = []
    seen: dict[tuple[str, int], int] = {}
    for r, cells in enumerate(
        ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=len(COLUMNS), values_only=True),
        start=FIRST_DATA_ROW,
    ):
        if all(_text(v) == "" for v in cells):
            continue
        raw = dict(zip((c.key for c in COLUMNS), cells, strict=True))
        item = _text(raw["item"]).upper()
        if not ITEM_CODE.match(item):
            raise fail(
                r,
                BY_KEY["item"],
                f"代码“{_text(raw['item'])}”无效，应形如 I5 或 T7 "
                "(item code must look like I5 or T7)",
            )
        if known is not None and item not in known:
            raise fail(r, BY_KEY["item"], f"规划中没有代码 {item} (the plan has no item {item})")
        year = _year(raw["year"])
        if year is None:
            raise fail(
                r,
                BY_KEY["year"],
                f"年份“{_text(raw['year'])}”无效，应为四位年份 (year must be a four-digit year)",
            )
        if (item, year) in seen:
            raise fail(
                r,
                BY_KEY["item"],
                f"{item} {year}年与第 {seen[item, year]} 行重复 "
                f"(duplicates row {seen[item, year]})",
            )
        seen[item, year] = r
        try:
            value = _number(raw["value"])
        except ValueError:
            raise fail(
                r,
                BY_KEY["value"],
                f"数值“{_text(raw['value'])}”不是数字，请只填数字、不带单位 "
                "(value must be a number without its unit)",
            ) from None
        rows.append(
            TemplateRow(
                item=item,
                year=year,
                value=value,
                name=_text(raw["name"]) or None,
                unit=_text(raw["unit"]) or None,
                source=_text(raw["source"]) or None,
                note=_text(raw["note"]) or None,
                meta=meta,
                sheet=ws.title,
                row=r,
            )
        )
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _year(value: Any) -> int | None:
    text = _text(value).removesuffix("年")
    if not text.isdigit() or int(text) not in YEAR_RANGE:
        return None
    return int(text)


def _number(value: Any) -> float | None:
    """A cell's number; dashes and blanks mean no figure. Raises ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value).replace(",", "").replace("，", "")
        if text in BLANK_MARKS:
            return None
        number = float(text.translate(_FULL_WIDTH_DIGITS))
    if not math.isfinite(number):
        raise ValueError(value)
    return number


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
