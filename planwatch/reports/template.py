"""The departments' reporting template (.xlsx): the one definition of its layout, writer and reader.

The report workbook, the web system's download and its upload all go through this module, so a
template that planwatch hands out is always one it accepts back. Layout of a template sheet::

    row 1 (hidden)  A: planwatch:reporting-template  B: format version  C: plan id
                    D: department  E: reporting round (its name, shown)  F: round id (what
                    an upload is matched by, so renaming a round keeps templates valid)
    row 2           title (free text, ignored when reading)
    row 3           header: 代码 | 指标名称 | 单位 | 年份 | 数值 | 数据来源 | 备注 | 记录版本
                    | 口径 | 确认
    row 4 …         one row per item and year; column H (hidden) is the version of the
                    stored figure the row was filled from, so an upload can tell a stale row;
                    口径 says whether the figure is the year's own (当年) or cumulative since the
                    base year (累计), 确认 = 是 confirms a figure that jumps against last year

A workbook may hold several template sheets (one per department) beside other sheets; a sheet
is a template exactly when its A1 holds the marker. Format 1 (no column H) and format 2 (no
口径 and 确认) are still read; the new columns come last so every column keeps its letter.
A task-progress sheet (A1 ``planwatch:progress-template``, same row 1 to F) lists a
department's tasks: 代码 | 任务 | 进展情况 | 完成比例 | 推进状态 | 记录版本 (hidden), one row per
task; it is read by :func:`read_workbook` beside the figure sheets.
Text is written as text (:mod:`planwatch.reports.cells`); the reader streams the file within
:class:`planwatch.limits.Limits` and refuses formulas. Documented in ``docs/reports.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from planwatch.assess.io import BASIS_LABELS, is_yes, parse_basis
from planwatch.assess.model import Observation
from planwatch.assess.numbers import parse_number
from planwatch.errors import InputError, Text, text
from planwatch.limits import LimitExceeded, Limits
from planwatch.reports.cells import put
from planwatch.workbooks import NotTyped, Sheet, open_workbook, refuse_not_typed

if TYPE_CHECKING:  # openpyxl (~0.3 s to import) only where a workbook is written
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MARKER = "planwatch:reporting-template"
VERSION = 3
#: Format versions the reader accepts; 1 has no record version, 2 no basis and confirmation.
READABLE_VERSIONS = (1, 2, 3)
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
    hidden: bool = False
    since: int = 1  # the first format version that has this column

    @property
    def letter(self) -> str:
        columns = COLUMNS if self in COLUMNS else PROGRESS_COLUMNS
        return column_letter(columns.index(self) + 1)


COLUMNS: tuple[Column, ...] = (
    Column("item", "代码", "Code", 8, False),
    Column("name", "指标名称", "Item", 44, False),
    Column("unit", "单位", "Unit", 12, False),
    Column("year", "年份", "Year", 8, False),
    Column("value", "数值", "Value", 14, True),
    Column("source", "数据来源", "Source", 32, True),
    Column("note", "备注", "Note", 32, True),
    Column("record_version", "记录版本", "Record version", 10, False, hidden=True, since=2),
    Column("basis", "口径", "Basis", 8, True, since=3),
    Column("confirmed", "确认", "Confirmed", 8, True, since=3),
)
#: The words the 确认 column offers; any of assess.io's yes-words is read as a confirmation.
CONFIRMED_WORD = "是"
BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
VISIBLE: tuple[Column, ...] = tuple(c for c in COLUMNS if not c.hidden)

PROGRESS_MARKER = "planwatch:progress-template"
PROGRESS_VERSION = 1
PROGRESS_COLUMNS: tuple[Column, ...] = (
    Column("task", "代码", "Code", 8, False),
    Column("title", "任务", "Task", 48, False),
    Column("narrative", "进展情况", "Progress", 60, True),
    Column("percent", "完成比例", "Percent complete", 10, True),
    Column("state", "推进状态", "State", 12, True),
    Column("record_version", "记录版本", "Record version", 10, False, hidden=True),
)
PROGRESS_BY_KEY: dict[str, Column] = {c.key: c for c in PROGRESS_COLUMNS}


@dataclass(frozen=True)
class TemplateMeta:
    """What the hidden row 1 carries: which plan, which department, which round."""

    plan_id: str | None = None
    department: str | None = None
    round: str | None = None
    #: The round's id: what an upload is matched by (None in templates made before it was).
    round_id: str | None = None


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
    #: The version of the stored figure this row was filled from: 0 when there was none,
    #: None when the template does not say (format 1, a row typed in, or no store behind it).
    record_version: int | None = None
    #: "annual" (当年) or "cumulative" (累计); None: the item's default basis applies.
    basis: str | None = None
    #: The department confirms a figure that jumps against last year's (确认 = 是).
    confirmed: bool = False
    sheet: str | None = field(default=None, compare=False)
    row: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ProgressRow:
    """One task's progress as a department reports it; all three fields blank: not reported.

    ``state`` is the 推进状态 label as written (the caller knows the vocabulary).
    """

    task: str
    title: str | None = None
    narrative: str | None = None
    percent: int | None = None
    state: str | None = None
    record_version: int | None = None
    meta: TemplateMeta | None = None
    sheet: str | None = field(default=None, compare=False)
    row: int | None = field(default=None, compare=False)

    @property
    def is_blank(self) -> bool:
        return not self.narrative and self.percent is None and not self.state


@dataclass
class WorkbookContent:
    """What a filled workbook reports: figure rows and task-progress rows."""

    rows: list[TemplateRow] = field(default_factory=list)
    progress: list[ProgressRow] = field(default_factory=list)


class TemplateErrors(InputError):
    """Every problem in a workbook at once, from ``read_template(..., all_problems=True)``.

    ``problems`` are InputErrors naming sheet, row and column; ``rows`` are the rows that had
    none, so a caller can check those further and report everything in one pass.
    """

    def __init__(
        self,
        problems: list[InputError],
        rows: list[TemplateRow],
        *,
        file: str | None = None,
        progress: list[ProgressRow] | None = None,
    ) -> None:
        self.problems, self.rows, self.progress = problems, rows, progress or []
        n = len(problems)
        super().__init__(
            text(
                "template.problems",
                "共 {n} 处问题：{listed_zh}",
                "{n} problem{s}: {listed_en}",
                n=n,
                s="s" if n > 1 else "",
                listed_zh="；".join(_where(p, "zh") for p in problems),
                listed_en="; ".join(_where(p, "en") for p in problems),
            ),
            file=file,
        )


def _where(error: InputError, language: str) -> str:
    """One listed problem: its place in the workbook (not the file: that is said once)."""
    place = InputError("", sheet=error.sheet, row=error.row, column=error.column)
    where = place.location(language)
    reason = error.reason_in(language)
    return f"{where}{'：' if language == 'zh' else ': '}{reason}" if where else reason


# --- writing -------------------------------------------------------------------------------


def write_template(
    target: str | Path | IO[bytes],
    sheets: Sequence[tuple[TemplateMeta, Sequence[TemplateRow]]],
    progress: Sequence[tuple[TemplateMeta, Sequence[ProgressRow]]] = (),
    *,
    states: Sequence[str] = (),
) -> None:
    """Write a stand-alone template workbook (to a path or a binary file), a sheet per pair;
    ``progress`` adds a task-progress sheet per pair, offering ``states`` as 推进状态."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for meta, rows in sheets:
        add_template_sheet(wb, meta, rows)
    for meta, rows in progress:
        add_progress_sheet(wb, meta, rows, states=states)
    wb.save(target)


def _meta_cells(marker: str, version: int, meta: TemplateMeta) -> list:
    return [marker, version, meta.plan_id, meta.department, meta.round, meta.round_id]


def add_template_sheet(
    wb: Workbook,
    meta: TemplateMeta,
    rows: Sequence[TemplateRow],
    *,
    title: str | None = None,
) -> Worksheet:
    """Append a template sheet for one department to ``wb`` and return it."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(sheet_title(wb, meta.department or "填报模板"))
    for i, value in enumerate(_meta_cells(MARKER, VERSION, meta), 1):
        put(ws, META_ROW, i, value)
    ws.row_dimensions[META_ROW].hidden = True

    heading = title or "指标数据填报表"
    parts = [heading, meta.department, meta.round and f"报送轮次：{meta.round}"]
    put(ws, TITLE_ROW, 1, "　".join(p for p in parts if p)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(VISIBLE))

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DDE5EE")
    for i, col in enumerate(COLUMNS, start=1):
        cell = put(ws, HEADER_ROW, i, col.header)
        cell.font, cell.fill, cell.border = Font(bold=True), header_fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[column_letter(i)].width = col.width

    for col in COLUMNS:
        ws.column_dimensions[col.letter].hidden = col.hidden

    for r, row in enumerate(rows, start=FIRST_DATA_ROW):
        values = [
            row.item, row.name, row.unit, row.year, row.value, row.source, row.note,
            row.record_version, BASIS_LABELS.get(row.basis or ""),
            CONFIRMED_WORD if row.confirmed else None,
        ]  # fmt: skip
        for i, (col, value) in enumerate(zip(COLUMNS, values, strict=True), start=1):
            cell = put(ws, r, i, value)
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
    for key, choices, error in (
        ("basis", "当年,累计", "请选择“当年”（当年数）或“累计”（自基期年起的累计数）。"),
        ("confirmed", CONFIRMED_WORD, "与上年相比变化异常的数值，核实后填“是”；否则留空。"),
    ):
        letter = BY_KEY[key].letter
        listed = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=BY_KEY[key].header,
            error=error,
        )
        listed.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        ws.add_data_validation(listed)
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    # Codes, names and years are planwatch's; locking them keeps the upload's keys intact.
    # No password: this guards against slips, not against intent.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return ws


def add_progress_sheet(
    wb: Workbook, meta: TemplateMeta, rows: Sequence[ProgressRow], *, states: Sequence[str] = ()
) -> Worksheet:
    """Append a department's task-progress sheet (任务进展) to ``wb`` and return it."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(sheet_title(wb, f"任务进展-{meta.department or ''}".rstrip("-")))
    for i, value in enumerate(_meta_cells(PROGRESS_MARKER, PROGRESS_VERSION, meta), 1):
        put(ws, META_ROW, i, value)
    ws.row_dimensions[META_ROW].hidden = True
    parts = ["任务进展填报表", meta.department, meta.round and f"报送轮次：{meta.round}"]
    put(ws, TITLE_ROW, 1, "　".join(p for p in parts if p)).font = Font(bold=True, size=14)
    visible = [c for c in PROGRESS_COLUMNS if not c.hidden]
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(visible))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i, col in enumerate(PROGRESS_COLUMNS, start=1):
        cell = put(ws, HEADER_ROW, i, col.header)
        cell.font, cell.border = Font(bold=True), border
        cell.fill = PatternFill("solid", fgColor="DDE5EE")
        ws.column_dimensions[col.letter].width = col.width
        ws.column_dimensions[col.letter].hidden = col.hidden
    for r, row in enumerate(rows, start=FIRST_DATA_ROW):
        values = [row.task, row.title, row.narrative, row.percent, row.state, row.record_version]
        for i, (col, value) in enumerate(zip(PROGRESS_COLUMNS, values, strict=True), start=1):
            cell = put(ws, r, i, value)
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=col.key in ("title", "narrative"))
            if col.editable:
                cell.protection = Protection(locked=False)
    last = FIRST_DATA_ROW + max(len(rows), 1) - 1
    percent = PROGRESS_BY_KEY["percent"].letter
    check = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成比例",
        error="请填写 0 到 100 的整数。",
    )
    check.add(f"{percent}{FIRST_DATA_ROW}:{percent}{last}")
    ws.add_data_validation(check)
    if states:
        state = PROGRESS_BY_KEY["state"].letter
        listed = DataValidation(
            type="list",
            formula1=f'"{",".join(states)}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="推进状态",
            error="请从下拉列表中选择推进状态。",
        )
        listed.add(f"{state}{FIRST_DATA_ROW}:{state}{last}")
        ws.add_data_validation(listed)
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return ws


def column_letter(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA: openpyxl's get_column_letter, without importing openpyxl."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
    source: bytes | str | Path | IO[bytes],
    *,
    known_items: Iterable[str] | None = None,
    all_problems: bool = False,
    file: str | None = None,
    limits: Limits | None = None,
) -> list[TemplateRow]:
    """Every row of every template sheet in a workbook, validated.

    Raises :class:`InputError` naming the sheet, row and column of the first problem; with
    ``all_problems`` it reads on and raises one :class:`TemplateErrors` listing every problem
    (a sheet whose row 1 or header is wrong is listed once and its rows are not read). Pass
    ``known_items`` (the plan's item codes) to reject codes the plan does not have. The file
    is streamed within ``limits`` (default: :meth:`Limits.from_environment`); a file over a
    limit is refused at once, whatever else is collected.
    """
    if file is None:
        file = str(source) if isinstance(source, str | Path) else getattr(source, "name", None)
    problems = _Problems(file, collect=all_problems)

    def read() -> WorkbookContent:
        with open_workbook(source, file=file, limits=limits) as workbook:
            return _read_workbook(workbook, file, known_items, problems)

    content = problems.guard(read)
    if problems.found:
        raise TemplateErrors(
            problems.found,
            content.rows if content else [],
            file=file,
            progress=content.progress if content else [],
        )
    return content.rows


def read_workbook(
    source: bytes | str | Path | IO[bytes],
    *,
    all_problems: bool = False,
    file: str | None = None,
    limits: Limits | None = None,
) -> WorkbookContent:
    """Every figure row and every task-progress row of a filled workbook, validated as
    :func:`read_template` does (the same errors; :class:`TemplateErrors` carries both kinds
    of rows that had no problem)."""
    if file is None:
        file = str(source) if isinstance(source, str | Path) else getattr(source, "name", None)
    problems = _Problems(file, collect=all_problems)

    def read() -> WorkbookContent:
        with open_workbook(source, file=file, limits=limits) as workbook:
            return _read_workbook(workbook, file, None, problems)

    content = problems.guard(read)
    if problems.found:
        raise TemplateErrors(
            problems.found,
            content.rows if content else [],
            file=file,
            progress=content.progress if content else [],
        )
    return content


def sheets_of(rows: Iterable[TemplateRow]) -> list[tuple[TemplateMeta, list[TemplateRow]]]:
    """Rows grouped into template sheets by their ``meta`` (one per department), in the order
    the rows come: what :func:`write_template` and the report workbook write, once."""
    sheets: dict[TemplateMeta, list[TemplateRow]] = {}
    for row in rows:
        sheets.setdefault(row.meta or TemplateMeta(), []).append(row)
    return list(sheets.items())


def rows_to_observations(rows: Iterable[TemplateRow]) -> list[Observation]:
    """The reported figures as assessment input; rows without a value are left out."""
    return [
        Observation(r.item, r.year, r.value, r.unit, r.source, r.note)
        for r in rows
        if r.value is not None
    ]


class _Problems:
    """Raises the first problem, or (collecting) keeps them all for one TemplateErrors."""

    def __init__(self, file: str | None, *, collect: bool) -> None:
        self.file, self.collect = file, collect
        self.found: list[InputError] = []

    def add(
        self, sheet: str | None, row: int | None, column: Column | str | None, reason: Text
    ) -> None:
        letter = column.letter if isinstance(column, Column) else column
        error = InputError(reason, file=self.file, sheet=sheet, row=row, column=letter)
        if not self.collect:
            raise error
        self.found.append(error)

    def guard(self, read):
        """Run ``read``; a whole-file problem (not a workbook, no template) is collected too."""
        try:
            return read()
        except LimitExceeded:
            raise  # the file is refused as a whole; what was collected up to here is moot
        except InputError as error:
            if not self.collect:
                raise
            self.found.append(error)
            return None


def _read_workbook(workbook, file, known_items, problems: _Problems) -> WorkbookContent:
    known = set(known_items) if known_items is not None else None
    content = WorkbookContent()
    templates = 0
    for sheet in workbook.sheets:
        found = _read_sheet(workbook, sheet, known, problems, content.progress)
        if found is not None:
            templates += 1
            content.rows.extend(found)
    if not templates:
        raise InputError(
            text(
                "template.no_sheet",
                "没有填报模板工作表：模板的 A1 单元格应为 {marker}",
                "no reporting template sheet: cell A1 of a template reads {marker}",
                marker=MARKER,
            ),
            file=file,
        )
    return content


def _read_sheet(
    workbook, sheet: Sheet, known: set[str] | None, problems: _Problems, progress: list
) -> list[TemplateRow] | None:
    """The sheet's rows, or None when it is not a template (only its row 1 is read then).

    A task-progress sheet's rows go to ``progress`` (and count as a template: ``[]``).
    """

    def fail(row: int, column: Column | str, reason: Text) -> None:
        problems.add(sheet.title, row, column, reason)

    lines = workbook.rows(sheet)
    first = next(lines, None)
    meta_cells = first[1] if first and first[0] == META_ROW else []
    if _text(_at(meta_cells, 0)) == PROGRESS_MARKER:
        progress.extend(_read_progress_sheet(sheet, lines, meta_cells, fail, problems))
        return []
    if _text(_at(meta_cells, 0)) != MARKER:
        lines.close()
        return None
    version = _format_version(_at(meta_cells, 1))
    if version is None:
        fail(
            META_ROW,
            "B",
            text(
                "template.version",
                "模板格式版本应为 {either}，实为“{found}”",
                "template format version must be one of {one_of}, not “{found}”",
                either=" 或 ".join(map(str, READABLE_VERSIONS)),
                one_of=", ".join(map(str, READABLE_VERSIONS)),
                found=_text(_at(meta_cells, 1)),
            ),
        )
        lines.close()
        return []
    for i, value in enumerate(meta_cells[:5]):
        if isinstance(value, NotTyped):
            fail(META_ROW, column_letter(i + 1), refuse_not_typed(value))
    meta = _meta(meta_cells)
    columns = [c for c in COLUMNS if c.since <= version]
    rows: list[TemplateRow] = []
    seen: dict[tuple[str, int], int] = {}
    header_ok = None
    for r, cells in lines:
        if r < HEADER_ROW:
            continue  # the title row
        if header_ok is None:
            header = cells if r == HEADER_ROW else []
            header_ok = _check_header(header, columns, fail)
            if not header_ok:
                lines.close()
                return []  # the columns cannot be trusted: reading rows would only add noise
            if r == HEADER_ROW:
                continue
        before = len(problems.found)
        raw: dict[str, Any] = dict.fromkeys(BY_KEY)
        for i, col in enumerate(columns):
            value = _at(cells, i)
            if isinstance(value, NotTyped):
                fail(r, col, refuse_not_typed(value))
                value = None
            raw[col.key] = value
        if all(_text(v) == "" for v in raw.values()):
            continue
        row = _read_row(r, raw, known, seen, fail)
        if row is not None and len(problems.found) == before:
            rows.append(replace(row, meta=meta, sheet=sheet.title))
    if header_ok is None:
        _check_header([], columns, fail)
        return []
    return rows


def _meta(meta_cells: list) -> TemplateMeta:
    return TemplateMeta(
        plan_id=_text(_at(meta_cells, 2)) or None,
        department=_text(_at(meta_cells, 3)) or None,
        round=_text(_at(meta_cells, 4)) or None,
        round_id=_text(_at(meta_cells, 5)) or None,
    )


def _read_progress_sheet(sheet, lines, meta_cells, fail, problems) -> list[ProgressRow]:
    """The rows of a task-progress sheet; each bad cell is reported through ``fail``."""
    if _text(_at(meta_cells, 1)) != str(PROGRESS_VERSION):
        fail(
            META_ROW,
            "B",
            text(
                "template.progress_version",
                "任务进展表的格式版本应为 {version}，实为“{found}”",
                "the task-progress sheet's format version must be {version}, not “{found}”",
                version=PROGRESS_VERSION,
                found=_text(_at(meta_cells, 1)),
            ),
        )
        lines.close()
        return []
    meta = _meta(meta_cells)
    rows: list[ProgressRow] = []
    seen: dict[str, int] = {}
    header_ok = None
    for r, cells in lines:
        if r < HEADER_ROW:
            continue
        if header_ok is None:
            header_ok = _check_header(
                cells if r == HEADER_ROW else [], list(PROGRESS_COLUMNS), fail
            )
            if not header_ok:
                lines.close()
                return []
            if r == HEADER_ROW:
                continue
        before = len(problems.found)
        raw: dict[str, Any] = {}
        for i, col in enumerate(PROGRESS_COLUMNS):
            value = _at(cells, i)
            if isinstance(value, NotTyped):
                fail(r, col, refuse_not_typed(value))
                value = None
            raw[col.key] = value
        if all(_text(v) == "" for v in raw.values()):
            continue
        row = _read_progress_row(r, raw, seen, fail)
        if row is not None and len(problems.found) == before:
            rows.append(replace(row, meta=meta, sheet=sheet.title))
    if header_ok is None:
        _check_header([], list(PROGRESS_COLUMNS), fail)
    return rows


def _read_progress_row(r: int, raw: dict[str, Any], seen, fail) -> ProgressRow | None:
    task = _text(raw["task"]).upper()
    if not task:
        fail(
            r,
            PROGRESS_BY_KEY["task"],
            text("template.task_code", "缺少任务代码", "the task code is missing"),
        )
        return None
    first = seen.setdefault(task, r)
    if first != r:
        fail(
            r,
            PROGRESS_BY_KEY["task"],
            text(
                "template.task_duplicate",
                "任务 {task} 与第 {first} 行重复",
                "task {task} duplicates row {first}",
                task=task,
                first=first,
            ),
        )
    percent = _percent(raw["percent"])
    if percent is False:
        fail(
            r,
            PROGRESS_BY_KEY["percent"],
            text(
                "template.percent",
                "完成比例“{found}”无效，应为 0 到 100 的整数",
                "percent complete “{found}” is not valid; it is a whole number from 0 to 100",
                found=_text(raw["percent"]),
            ),
        )
        percent = None
    try:
        record_version = _record_version(raw["record_version"])
    except ValueError:
        fail(
            r,
            PROGRESS_BY_KEY["record_version"],
            text(
                "template.record_version",
                "隐藏列“记录版本”的内容“{found}”无效，请勿修改该列",
                "the hidden record-version column holds “{found}”; it must not be changed",
                found=_text(raw["record_version"]),
            ),
        )
        return None
    return ProgressRow(
        task=task,
        title=_free_text(raw["title"]),
        narrative=_free_text(raw["narrative"]),
        percent=percent,
        state=_text(raw["state"]) or None,
        record_version=record_version,
        row=r,
    )


def _percent(value: Any) -> int | bool | None:
    """A 完成比例 cell: an integer 0–100 (``40``, ``40%``, ``0.4`` formatted as a percent is
    not guessed); None when blank; False when it is not one."""
    if isinstance(value, bool):
        return False
    found = _text(value).removesuffix("%").removesuffix("％").strip()
    if found == "":
        return None
    if isinstance(value, float) and not value.is_integer():
        return False
    if not found.isdigit() or int(found) > 100:
        return False
    return int(found)


def _check_header(cells: list, columns: list[Column], fail) -> bool:
    ok = True
    for i, col in enumerate(columns):
        found = _at(cells, i)
        found = found.shown() if isinstance(found, NotTyped) else _text(found)
        if found != col.header:
            ok = False
            fail(
                HEADER_ROW,
                col,
                text(
                    "template.header",
                    "表头应为“{header}”，实为“{found}”",
                    "header must read “{header}” ({english}), not “{found}”",
                    header=col.header,
                    english=col.header_en,
                    found=found,
                ),
            )
    return ok


def _at(cells: list, i: int) -> Any:
    return cells[i] if i < len(cells) else None


def _read_row(r: int, raw: dict[str, Any], known, seen, fail) -> TemplateRow | None:
    """One data row; each bad cell is reported through ``fail`` (which may raise)."""
    item = _text(raw["item"]).upper()
    if not ITEM_CODE.match(item):
        fail(
            r,
            BY_KEY["item"],
            text(
                "template.item_code",
                "代码“{found}”无效，应形如 I5 或 T7",
                "item code “{found}” is not valid; it looks like I5 or T7",
                found=_text(raw["item"]),
            ),
        )
        item = None
    elif known is not None and item not in known:
        fail(
            r,
            BY_KEY["item"],
            text(
                "template.unknown_item",
                "规划中没有代码 {item}",
                "the plan has no item {item}",
                item=item,
            ),
        )
        item = None
    year = _year(raw["year"])
    if year is None:
        fail(
            r,
            BY_KEY["year"],
            text(
                "template.year",
                "年份“{found}”无效，应为四位年份",
                "year “{found}” is not valid; it must be a four-digit year",
                found=_text(raw["year"]),
            ),
        )
    if item is not None and year is not None:
        first = seen.setdefault((item, year), r)
        if first != r:
            fail(
                r,
                BY_KEY["item"],
                text(
                    "template.duplicate",
                    "{item} {year}年与第 {first} 行重复",
                    "{item} {year} duplicates row {first}",
                    item=item,
                    year=year,
                    first=first,
                ),
            )
    try:
        value = _number(raw["value"], unit=_text(raw["unit"]) or None)
    except InputError as error:
        fail(r, BY_KEY["value"], error.text)
        value = None
    try:
        record_version = _record_version(raw["record_version"])
    except ValueError:
        fail(
            r,
            BY_KEY["record_version"],
            text(
                "template.record_version",
                "隐藏列“记录版本”的内容“{found}”无效，请勿修改该列",
                "the hidden record-version column holds “{found}”; it must not be changed",
                found=_text(raw["record_version"]),
            ),
        )
        return None
    try:
        basis = parse_basis(raw["basis"]) if _text(raw["basis"]) else None
    except ValueError as error:
        fail(r, BY_KEY["basis"], error.args[0])
        basis = None
    if item is None or year is None:
        return None
    return TemplateRow(
        item=item,
        year=year,
        value=value,
        name=_free_text(raw["name"]),
        unit=_free_text(raw["unit"]),
        source=_free_text(raw["source"]),
        note=_free_text(raw["note"]),
        record_version=record_version,
        basis=basis,
        confirmed=_text(raw["confirmed"]) != "" and is_yes(raw["confirmed"]),
        row=r,
    )


def _format_version(value: Any) -> int | None:
    text = _text(value)
    return int(text) if text.isdigit() and int(text) in READABLE_VERSIONS else None


def _record_version(value: Any) -> int | None:
    """A stored figure's version (0: there was none), None when blank; ValueError if garbled."""
    text = _text(value)
    if text == "":
        return None
    if not text.isdigit():
        raise ValueError(value)
    return int(text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _free_text(value: Any) -> str | None:
    """A name, unit, source or note as typed: only spaces around it go (a leading tab or "="
    is content, kept so that a downloaded template reads back exactly as it was written)."""
    if value is None:
        return None
    if not isinstance(value, str):
        return _text(value) or None
    return value.strip(" \u3000") or None


def _year(value: Any) -> int | None:
    text = _text(value).removesuffix("年")
    if not text.isdigit() or int(text) not in YEAR_RANGE:
        return None
    return int(text)


def _number(value: Any, *, unit: str | None) -> float | None:
    """A cell's number, read by the one parser every entry point shares; dashes and blanks
    mean no figure."""
    if not isinstance(value, bool | int | float) and _text(value) in BLANK_MARKS:
        return None
    return parse_number(value, unit=unit)
