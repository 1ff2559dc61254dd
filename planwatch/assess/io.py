"""Reading observations and later targets from CSV or XLSX, resolved against the plan.

Observations: ``indicator,year,value[,unit,basis,source,note,confirmed]``; later targets:
``indicator,value[,comparator,year,note]`` (Chinese headers 指标/年份/数值/单位/口径/来源/备注/确认/
比较符 are accepted too). Numbers are read by planwatch.assess.numbers, values checked by
planwatch.assess.plausibility — the same functions the web form and the API call.
``indicator`` is a table number (``5``), a code (``I5``, ``T7``) or an exact name.
Any bad row raises InputError naming the file, row and column; nothing is returned partially.
The formats are documented in docs/assessment-format.md.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from planwatch.assess.engine import checked_value
from planwatch.assess.items import MeasurableItem, measurable_items, plan_period
from planwatch.assess.model import (
    AnnualTarget,
    ItemOverride,
    LaterTarget,
    Observation,
    RangeBound,
    ReferenceValue,
)
from planwatch.assess.numbers import has_percent_sign, parse_number
from planwatch.assess.plausibility import check_value
from planwatch.errors import InputError, Text, text
from planwatch.limits import LimitExceeded, Limits, over_limit
from planwatch.outline.model import Plan
from planwatch.workbooks import NotTyped, column_letter, open_workbook, refuse_not_typed

#: column → accepted header spellings (compared after NFKC folding and lower-casing)
OBSERVATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标名称", "编号", "代码"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值"),
    "unit": ("unit", "单位"),
    "basis": ("basis", "口径"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注", "说明"),
    "confirmed": ("confirmed", "确认", "已核实"),
}
#: basis cell → Observation.basis: the year's own figure (当年) or since the base year (累计)
BASIS_WORDS: dict[str, str] = {
    "annual": "annual",
    "当年": "annual",
    "当期": "annual",
    "比上年": "annual",
    "cumulative": "cumulative",
    "累计": "cumulative",
}
#: Observation.basis → the word the reporting template writes for it
BASIS_LABELS: dict[str, str] = {"annual": "当年", "cumulative": "累计"}
#: confirmed cell → True (a jump against the previous year checked by the person)
YES_WORDS = frozenset({"yes", "y", "true", "1", "是", "确认", "已确认", "已核实", "√"})
TARGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": OBSERVATION_COLUMNS["indicator"],
    "value": OBSERVATION_COLUMNS["value"],
    "comparator": ("comparator", "比较符"),
    "year": OBSERVATION_COLUMNS["year"],
    "note": OBSERVATION_COLUMNS["note"],
}
#: The coordinator's records for targets in words and annual targets, one file:
#: ``indicator,kind,year,value[,low,high,comparator,source]``.
RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": OBSERVATION_COLUMNS["indicator"],
    "kind": ("kind", "类型", "记录类型"),
    "year": OBSERVATION_COLUMNS["year"],
    "value": OBSERVATION_COLUMNS["value"],
    "low": ("low", "下限"),
    "high": ("high", "上限"),
    "comparator": ("comparator", "比较符"),
    "source": OBSERVATION_COLUMNS["source"],
}
#: kind cell → what the row records
RECORD_KINDS: dict[str, str] = {
    "annual": "annual",
    "annual_target": "annual",
    "年度目标": "annual",
    "reference": "reference",
    "参照值": "reference",
    "外部参照值": "reference",
    "range": "range",
    "合理区间": "range",
    "区间": "range",
}
COMPARATOR_WORDS: dict[str, str] = {
    ">=": ">=",
    "≥": ">=",
    "以上": ">=",
    "不低于": ">=",
    "<=": "<=",
    "≤": "<=",
    "以内": "<=",
    "以下": "<=",
    "不超过": "<=",
    ">": ">",
    "<": "<",
    "=": "=",
    "~": "~",
    "左右": "~",
}
MAX_BYTES = 20 * 1024 * 1024
_CODE = re.compile(r"^[A-Za-z]\d+$")


@dataclass
class Row:
    """One data row: its number as a spreadsheet shows it, and its cells by column name."""

    number: int
    cells: dict[str, object]


def load_observations(
    path: str | Path,
    plan: Plan | None = None,
    *,
    overrides: Iterable[ItemOverride] = (),
    limits: Limits | None = None,
) -> list[Observation]:
    """Observations from ``path``; with ``plan``, names resolved and values in the item's unit.

    An empty basis cell takes the item's default from ``overrides`` (ItemOverride.basis), else
    "annual". With ``plan``, impossible values are refused and a jump against the previous
    year in the file needs ``confirmed`` = 是 on its row.
    """
    table = _Table(
        path, OBSERVATION_COLUMNS, required=("indicator", "year", "value"), limits=limits
    )
    resolver = _Resolver(plan)
    period = plan_period(plan) if plan is not None else None
    defaults = {o.item: o.basis for o in overrides if o.basis}
    seen: dict[tuple[str, int], int] = {}
    found: list[Observation] = []
    rows: list[tuple[Row, bool]] = []
    for row in table.rows():
        code = table.cell(row, "indicator", resolver.resolve)
        year = table.cell(row, "year", _year)
        if period and not period[0] <= year <= period[1]:
            table.fail(row, "year", _outside(year, period[0], period[1]))
        item = resolver.items.get(code)
        unit = _text(row.cells.get("unit"))
        raw = row.cells.get("value")
        expected_unit = unit or (item.unit if item is not None else None)
        value = table.cell(row, "value", partial(parse_number, unit=expected_unit))
        if unit is None and has_percent_sign(raw):
            unit = "%"
        if (code, year) in seen:
            table.fail(
                row,
                "year",
                text(
                    "io.duplicate",
                    "{item} {year}年的数值已在第{row}行给出",
                    "{item} {year} is already given in row {row}",
                    item=code,
                    year=year,
                    row=seen[code, year],
                ),
            )
        seen[code, year] = row.number
        basis = table.cell(row, "basis", parse_basis, optional=True) or defaults.get(code, "annual")
        confirmed = table.cell(row, "confirmed", is_yes, optional=True) or False
        if item is not None:
            try:
                value = checked_value(item, value, unit, year)
            except InputError as exc:
                table.fail(row, exc.column or "value", exc.text)
            unit = item.unit
        source, note = _text(row.cells.get("source")), _text(row.cells.get("note"))
        found.append(Observation(code, year, value, unit, source, note, basis))
        rows.append((row, confirmed))
    if plan is not None:
        _check_jumps(table, found, rows, resolver.items)
    return table.nonempty(found)


def _check_jumps(table, found: list[Observation], rows, items) -> None:
    """A value far from the previous year's (×3, sign change) needs 确认 on its row."""
    values = {(o.item, o.year): o.value for o in found}
    for obs, (row, confirmed) in zip(found, rows, strict=True):
        item = items.get(obs.item)
        previous = values.get((obs.item, obs.year - 1))
        if item is None or previous is None or obs.basis != "annual":
            continue
        problems = check_value(
            obs.value,
            item=f"{item.code} {item.name}",
            year=obs.year,
            kind=item.value_kind,
            unit=item.unit,
            previous=previous,
            confirmed=confirmed,
        )
        if problems:
            message = problems[0].message
            table.fail(
                row,
                "value",
                text(
                    "io.jump",
                    message.zh + "（在“确认”列填“是”即可提交）",
                    message.en + ' (write "yes" in a confirmed column to submit)',
                    **message.params,
                ),
            )


def load_later_targets(
    path: str | Path, plan: Plan | None = None, *, limits: Limits | None = None
) -> list[LaterTarget]:
    """Targets assigned after publication (完成省市分解任务 → a number), one per item."""
    table = _Table(path, TARGET_COLUMNS, required=("indicator", "value"), limits=limits)
    resolver = _Resolver(plan)
    period = plan_period(plan) if plan is not None else None
    seen: dict[str, int] = {}
    found = []
    for row in table.rows():
        code = table.cell(row, "indicator", resolver.resolve)
        if code in seen:
            table.fail(
                row,
                "indicator",
                text(
                    "io.target_twice",
                    "{item}的目标已在第{row}行给出",
                    "{item} already has a target in row {row}",
                    item=code,
                    row=seen[code],
                ),
            )
        seen[code] = row.number
        value = table.cell(row, "value", parse_number)
        comparator = table.cell(row, "comparator", _comparator, optional=True)
        year = table.cell(row, "year", _year, optional=True)
        if year is not None and period and not period[0] < year <= period[1]:
            table.fail(row, "year", _outside(year, period[0] + 1, period[1]))
        found.append(LaterTarget(code, value, comparator, year, _text(row.cells.get("note"))))
    return table.nonempty(found)


@dataclass
class WordRecords:
    """What a records file holds, by kind, for assess_plan."""

    annual_targets: list[AnnualTarget]
    reference_values: list[ReferenceValue]
    range_bounds: list[RangeBound]


def load_word_records(
    path: str | Path, plan: Plan | None = None, *, limits: Limits | None = None
) -> WordRecords:
    """The coordinator's figures for targets in words, one row each: 年度目标 (each year's own
    target, ``各年度视情提出``: year and value required), 参照值 (an outside reference such as
    ``全省平均水平``: a blank year is one figure for the period) and 合理区间 (``保持在合理区间``:
    low and/or high; a blank year is every year). Whether the item's target asks for the record
    is checked by the engine (assess_plan), with the item named."""
    table = _Table(path, RECORD_COLUMNS, required=("indicator", "kind"), limits=limits)
    resolver = _Resolver(plan)
    period = plan_period(plan) if plan is not None else None
    found = WordRecords([], [], [])
    for row in table.rows():
        code = table.cell(row, "indicator", resolver.resolve)
        kind = table.cell(row, "kind", _record_kind)
        year = table.cell(row, "year", _year, optional=kind != "annual")
        if year is not None and period and not period[0] < year <= period[1]:
            table.fail(row, "year", _outside(year, period[0] + 1, period[1]))
        source = _text(row.cells.get("source"))
        if kind == "range":
            low = table.cell(row, "low", parse_number, optional=True)
            high = table.cell(row, "high", parse_number, optional=True)
            if low is None and high is None:
                table.fail(row, "low", _NO_BOUND)
            if low is not None and high is not None and low > high:
                table.fail(row, "high", _inverted(low, high))
            found.range_bounds.append(RangeBound(code, low, high, year, source))
            continue
        value = table.cell(row, "value", parse_number)
        if kind == "annual":
            comparator = table.cell(row, "comparator", _comparator, optional=True)
            found.annual_targets.append(AnnualTarget(code, year, value, comparator, source))
        else:
            found.reference_values.append(ReferenceValue(code, year, value, source))
    table.nonempty(
        [*found.annual_targets, *found.reference_values, *found.range_bounds],
    )
    return found


def _record_kind(raw) -> str:
    folded = _fold(str(raw))
    if folded not in RECORD_KINDS:
        raise ValueError(
            text(
                "io.bad_record_kind",
                "类型“{raw}”无法识别，请填年度目标、参照值或合理区间",
                "unknown kind {raw!r}; use annual (年度目标), reference (参照值) "
                "or range (合理区间)",
                raw=raw,
            )
        )
    return RECORD_KINDS[folded]


def _inverted(low: float, high: float) -> Text:
    return text(
        "io.range_inverted",
        "下限{low}高于上限{high}",
        "the low end {low} is above the high end {high}",
        low=f"{low:g}",
        high=f"{high:g}",
    )


_NO_BOUND = text(
    "io.range_empty", "合理区间须至少填下限或上限", "a range needs a low or a high end"
)


# --- reading a table --------------------------------------------------------------------------


class _Table:
    """A CSV or XLSX table with its header mapped to column names; errors carry the location."""

    def __init__(
        self,
        path,
        columns: dict[str, tuple[str, ...]],
        *,
        required: tuple[str, ...],
        limits: Limits | None = None,
    ):
        self.path = Path(path)
        self.limits = limits or Limits.from_environment()
        self.file, self.sheet = str(path), None
        self.columns = columns
        raw_rows = self._read()
        header_at, header = next(
            ((n, cells) for n, cells in raw_rows if any(_text(c) for c in cells)), (None, None)
        )
        if header is None:
            raise InputError(_EMPTY, file=self.file, sheet=self.sheet)
        self.index = self._map_header(header, header_at, required)
        self.raw = [(n, cells) for n, cells in raw_rows if n > header_at]

    def rows(self) -> Iterator[Row]:
        for number, cells in self.raw:
            if not any(_text(c) for c in cells):
                continue
            values = {
                name: (cells[i] if i < len(cells) else None) for name, i in self.index.items()
            }
            yield Row(number, values)

    def cell(self, row: Row, column: str, parse, *, optional: bool = False):
        raw = row.cells.get(column)
        if _text(raw) is None:
            if optional:
                return None
            self.fail(
                row,
                column,
                text("io.cell_empty", "{column} 列为空", "{column} is empty", column=column),
            )
        try:
            return parse(raw)
        except InputError as exc:
            self.fail(row, column, exc.text)
        except ValueError as exc:
            self.fail(row, column, exc.args[0])

    def fail(self, row: Row, column: str, reason: Text):
        raise InputError(reason, file=self.file, sheet=self.sheet, row=row.number, column=column)

    def nonempty(self, found: list) -> list:
        if not found:
            raise InputError(
                text("io.no_rows", "表头下没有数据行", "no data rows below the header"),
                file=self.file,
                sheet=self.sheet,
            )
        return found

    def _map_header(self, header, at: int, required: tuple[str, ...]) -> dict[str, int]:
        spelling = {_fold(s): name for name, names in self.columns.items() for s in names}
        index: dict[str, int] = {}
        for i, cell in enumerate(header):
            cell_text = _text(cell)
            if cell_text is None:
                continue
            name = spelling.get(_fold(cell_text))
            if name is None:
                accepted = ", ".join(self.columns)
                raise InputError(
                    text(
                        "io.unknown_column",
                        "未知的列“{name}”，可用的列：{accepted}",
                        "unknown column {name!r}; accepted: {accepted}",
                        name=cell_text,
                        accepted=accepted,
                    ),
                    file=self.file,
                    sheet=self.sheet,
                    row=at,
                )
            if name in index:
                raise InputError(
                    text(
                        "io.column_twice",
                        "{name} 列出现了两次",
                        "column {name} appears twice",
                        name=name,
                    ),
                    file=self.file,
                    sheet=self.sheet,
                    row=at,
                )
            index[name] = i
        missing = [c for c in required if c not in index]
        if missing:
            raise InputError(
                text(
                    "io.missing_columns",
                    "缺少列：{missing}；表头须包含 {required}",
                    "missing column(s) {missing}; the header needs {required}",
                    missing=", ".join(missing),
                    required=",".join(required),
                ),
                file=self.file,
                sheet=self.sheet,
                row=at,
            )
        return index

    def _read(self) -> list[tuple[int, list]]:
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise InputError(
                text(
                    "io.unreadable",
                    "无法读取文件：{why}",
                    "cannot read the file: {why}",
                    why=exc.strerror,
                ),
                file=self.file,
            ) from None
        if size == 0:
            raise InputError(_EMPTY, file=self.file)
        if size > MAX_BYTES:
            raise InputError(
                text(
                    "io.too_large",
                    "文件超过{mb} MB",
                    "the file is larger than {mb} MB",
                    mb=MAX_BYTES // 2**20,
                ),
                file=self.file,
            )
        suffix = self.path.suffix.lower()
        if suffix == ".xlsx":
            return self._read_xlsx()
        if suffix in (".csv", ".txt", ".tsv"):
            return self._read_csv()
        raise InputError(
            text(
                "io.file_type",
                "不支持的文件类型，请使用 .csv 或 .xlsx",
                "unsupported file type; use .csv or .xlsx",
            ),
            file=self.file,
        )

    def _read_csv(self) -> list[tuple[int, list]]:
        data = self.path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                decoded = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError(
                text(
                    "io.encoding",
                    "文件不是 UTF-8 或 GB18030 编码的文本",
                    "not UTF-8 or GB18030 text",
                ),
                file=self.file,
            )
        if "\x00" in decoded:
            raise InputError(
                text(
                    "io.binary",
                    "不是文本文件（含有 NUL 字节）",
                    "not a text file (it contains NUL bytes)",
                ),
                file=self.file,
            )
        first = decoded.split("\n", 1)[0]
        delimiter = max((",", "\t", ";"), key=first.count)
        reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter)
        try:
            return self._bounded(reader)
        except csv.Error as exc:
            raise InputError(
                text("io.bad_csv", "CSV 格式有误：{why}", "malformed CSV: {why}", why=str(exc)),
                file=self.file,
                row=reader.line_num,
            ) from None

    def _bounded(self, reader) -> list[tuple[int, list]]:
        """The CSV's rows, refused as soon as one of the upload limits is passed."""
        limits, clock, rows, cells = self.limits, self.limits.clock(self.file), [], 0
        for cells_of_row in reader:
            number = reader.line_num
            if len(rows) >= limits.rows:
                raise over_limit(
                    self.file,
                    "rows",
                    "文件超过 {limit} 行的上限",
                    "the file has more than the {limit} rows allowed",
                    limit=limits.rows,
                )
            if len(cells_of_row) > limits.columns:
                raise over_limit(
                    self.file,
                    "columns",
                    "第 {row} 行超过 {limit} 列的上限",
                    "row {row} has more than the {limit} columns allowed",
                    row=number,
                    limit=limits.columns,
                )
            for i, value in enumerate(cells_of_row):
                if len(value) > limits.text:
                    raise LimitExceeded(
                        text(
                            "limits.text",
                            "单元格有 {length} 个字符，超过 {limit} 个字符的上限",
                            "the cell holds {length} characters, over the {limit} allowed",
                            length=len(value),
                            limit=limits.text,
                            setting="PLANWATCH_UPLOAD_MAX_CELL_CHARS",
                        ),
                        file=self.file,
                        row=number,
                        column=column_letter(i + 1),
                    )
            cells += len(cells_of_row)
            if cells > limits.cells:
                raise over_limit(
                    self.file,
                    "cells",
                    "文件的单元格超过 {limit} 个的上限",
                    "the file has more than the {limit} cells allowed",
                    limit=limits.cells,
                )
            if len(rows) % 500 == 0:
                clock.check()
            rows.append((number, cells_of_row))
        return rows

    def _read_xlsx(self) -> list[tuple[int, list]]:
        """The first sheet's rows, streamed within the upload limits; formulas are refused."""
        with open_workbook(self.path, file=self.file, limits=self.limits) as book:
            if not book.sheets:
                raise InputError(_EMPTY, file=self.file)
            sheet = book.sheets[0]
            self.sheet = sheet.title
            rows = []
            for number, cells in book.rows(sheet):
                for i, value in enumerate(cells):
                    if isinstance(value, NotTyped):
                        raise InputError(
                            refuse_not_typed(value),
                            file=self.file,
                            sheet=sheet.title,
                            row=number,
                            column=column_letter(i + 1),
                        )
                rows.append((number, cells))
            return rows


class _Resolver:
    """Turns a table number, a code or an exact name into an item code."""

    def __init__(self, plan: Plan | None) -> None:
        self.plan = plan
        self.items: dict[str, MeasurableItem] = {}
        self.keys: dict[str, str | None] = {}
        if plan is None:
            return
        self.items = {i.code: i for i in measurable_items(plan)}
        for ind in plan.indicators:
            self._add(str(ind.number), ind.code)
            self._add(ind.code, ind.code)
            self._add(ind.name, ind.code)
            if ind.unit:
                self._add(f"{ind.name}({ind.unit})", ind.code)
        for target in plan.targets:
            self._add(target.code, target.code)
            self._add(target.subject, target.code)

    def resolve(self, raw) -> str:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        folded = _fold(str(raw))
        if self.plan is None:
            if folded.isdigit():
                return f"I{int(folded)}"
            if _CODE.match(folded):
                return folded.upper()
            raise ValueError(
                text(
                    "io.name_needs_plan",
                    "“{raw}”是名称，须提供规划才能识别",
                    "{raw!r} is a name; names need the plan to be resolved",
                    raw=raw,
                )
            )
        key = str(int(folded)) if folded.isdigit() else folded
        code = self.keys.get(key, "")
        if code is None:
            raise ValueError(
                text(
                    "io.ambiguous",
                    "“{raw}”对应多个指标，请使用编号",
                    "{raw!r} names more than one item; use its code",
                    raw=raw,
                )
            )
        if not code:
            raise ValueError(
                text(
                    "io.unknown_indicator",
                    "未知的指标“{raw}”，请使用表中序号（5）、编号（I5、T7）或完整名称",
                    "unknown indicator {raw!r}; use the table number (5), a code (I5, T7) "
                    "or the exact name",
                    raw=raw,
                )
            )
        return code

    def _add(self, key: str, code: str) -> None:
        key = _fold(key)
        if key in self.keys and self.keys[key] != code:
            self.keys[key] = None  # ambiguous: several items share this name
        else:
            self.keys[key] = code


# --- cells ------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _text(value) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return text or None


def _not_year(raw) -> ValueError:
    return ValueError(
        text("io.bad_year", "“{raw}”不是年份（应为2022或2022年）", "{raw!r} is not a year", raw=raw)
    )


def _year(raw) -> int:
    if isinstance(raw, bool):
        raise _not_year(raw)
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not raw.is_integer():
            raise _not_year(raw)
        return int(raw)
    text_ = _text(raw).removesuffix("年")
    if not text_.isdigit() or len(text_) != 4:
        raise _not_year(raw)
    return int(text_)


def parse_basis(raw) -> str:
    """当年/累计 (or annual/cumulative) as Observation.basis; ValueError with a Text if neither."""
    folded = _fold(str(raw))
    if folded not in BASIS_WORDS:
        raise ValueError(
            text(
                "io.bad_basis",
                "口径“{raw}”无法识别，请填当年或累计（annual / cumulative）",
                "unknown basis {raw!r}; use annual (当年) or cumulative (累计)",
                raw=raw,
            )
        )
    return BASIS_WORDS[folded]


def is_yes(raw) -> bool:
    """A confirmation cell: 是, 确认, yes, 1, √ … (anything else, blank included, is no)."""
    return _fold(str(raw)) in YES_WORDS


def _outside(year: int, first: int, last: int) -> Text:
    return text(
        "io.outside_period",
        "{year}年不在规划期{first}—{last}年内",
        "{year} is outside the plan period {first}–{last}",
        year=year,
        first=first,
        last=last,
    )


def _comparator(raw) -> str:
    folded = _text(raw)
    if folded not in COMPARATOR_WORDS:
        raise ValueError(
            text(
                "io.bad_comparator",
                "未知的比较符“{raw}”，请使用 >=、<=、>、<、=、~ 或 以上、以内",
                "unknown comparator {raw!r}; use one of >=, <=, >, <, =, ~",
                raw=folded,
            )
        )
    return COMPARATOR_WORDS[folded]


_EMPTY = text("io.empty", "文件为空", "the file is empty")
