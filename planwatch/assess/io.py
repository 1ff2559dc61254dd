"""Reading observations and later targets from CSV or XLSX, resolved against the plan.

Observations: ``indicator,year,value[,unit,source,note]``; later targets:
``indicator,value[,comparator,year,note]`` (Chinese headers 指标/年份/数值/单位/来源/备注/比较符 are
accepted too). ``indicator`` is a table number (``5``), a code (``I5``, ``T7``) or an exact name.
Any bad row raises InputError naming the file, row and column; nothing is returned partially.
The formats are documented in docs/assessment-format.md.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from math import isfinite
from pathlib import Path

from planwatch.assess.engine import checked_value
from planwatch.assess.items import MeasurableItem, measurable_items, plan_period
from planwatch.assess.model import LaterTarget, Observation
from planwatch.errors import InputError
from planwatch.outline.model import Plan

#: column → accepted header spellings (compared after NFKC folding and lower-casing)
OBSERVATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标名称", "编号", "代码"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注", "说明"),
}
TARGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": OBSERVATION_COLUMNS["indicator"],
    "value": OBSERVATION_COLUMNS["value"],
    "comparator": ("comparator", "比较符"),
    "year": OBSERVATION_COLUMNS["year"],
    "note": OBSERVATION_COLUMNS["note"],
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
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CODE = re.compile(r"^[A-Za-z]\d+$")


@dataclass
class Row:
    """One data row: its number as a spreadsheet shows it, and its cells by column name."""

    number: int
    cells: dict[str, object]


def load_observations(path: str | Path, plan: Plan | None = None) -> list[Observation]:
    """Observations from ``path``; with ``plan``, names resolved and values in the item's unit."""
    table = _Table(path, OBSERVATION_COLUMNS, required=("indicator", "year", "value"))
    resolver = _Resolver(plan)
    period = plan_period(plan) if plan is not None else None
    seen: dict[tuple[str, int], int] = {}
    found = []
    for row in table.rows():
        code = table.cell(row, "indicator", resolver.resolve)
        year = table.cell(row, "year", _year)
        if period and not period[0] <= year <= period[1]:
            table.fail(row, "year", f"{year} is outside the plan period {period[0]}–{period[1]}")
        value, percent = table.cell(row, "value", _number)
        unit = _text(row.cells.get("unit")) or ("%" if percent else None)
        if (code, year) in seen:
            table.fail(row, "year", f"{code} {year} is already given in row {seen[code, year]}")
        seen[code, year] = row.number
        item = resolver.items.get(code)
        if item is not None:
            try:
                value = checked_value(item, value, unit, year)
            except InputError as exc:
                table.fail(row, exc.column or "value", exc.reason)
            unit = item.unit
        source, note = _text(row.cells.get("source")), _text(row.cells.get("note"))
        found.append(Observation(code, year, value, unit, source, note))
    return table.nonempty(found)


def load_later_targets(path: str | Path, plan: Plan | None = None) -> list[LaterTarget]:
    """Targets assigned after publication (完成省市分解任务 → a number), one per item."""
    table = _Table(path, TARGET_COLUMNS, required=("indicator", "value"))
    resolver = _Resolver(plan)
    period = plan_period(plan) if plan is not None else None
    seen: dict[str, int] = {}
    found = []
    for row in table.rows():
        code = table.cell(row, "indicator", resolver.resolve)
        if code in seen:
            table.fail(row, "indicator", f"{code} already has a target in row {seen[code]}")
        seen[code] = row.number
        value, _ = table.cell(row, "value", _number)
        comparator = table.cell(row, "comparator", _comparator, optional=True)
        year = table.cell(row, "year", _year, optional=True)
        if year is not None and period and not period[0] < year <= period[1]:
            table.fail(
                row, "year", f"{year} is outside the plan period {period[0] + 1}–{period[1]}"
            )
        found.append(LaterTarget(code, value, comparator, year, _text(row.cells.get("note"))))
    return table.nonempty(found)


# --- reading a table --------------------------------------------------------------------------


class _Table:
    """A CSV or XLSX table with its header mapped to column names; errors carry the location."""

    def __init__(self, path, columns: dict[str, tuple[str, ...]], *, required: tuple[str, ...]):
        self.path = Path(path)
        self.file, self.sheet = str(path), None
        self.columns = columns
        raw_rows = self._read()
        header_at, header = next(
            ((n, cells) for n, cells in raw_rows if any(_text(c) for c in cells)), (None, None)
        )
        if header is None:
            raise InputError("the file is empty", file=self.file, sheet=self.sheet)
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
            self.fail(row, column, f"{column} is empty")
        try:
            return parse(raw)
        except ValueError as exc:
            self.fail(row, column, str(exc))

    def fail(self, row: Row, column: str, reason: str):
        raise InputError(reason, file=self.file, sheet=self.sheet, row=row.number, column=column)

    def nonempty(self, found: list) -> list:
        if not found:
            raise InputError("no data rows below the header", file=self.file, sheet=self.sheet)
        return found

    def _map_header(self, header, at: int, required: tuple[str, ...]) -> dict[str, int]:
        spelling = {_fold(s): name for name, names in self.columns.items() for s in names}
        index: dict[str, int] = {}
        for i, cell in enumerate(header):
            text = _text(cell)
            if text is None:
                continue
            name = spelling.get(_fold(text))
            if name is None:
                accepted = ", ".join(self.columns)
                raise InputError(
                    f"unknown column {text!r}; accepted: {accepted}",
                    file=self.file,
                    sheet=self.sheet,
                    row=at,
                )
            if name in index:
                raise InputError(
                    f"column {name} appears twice", file=self.file, sheet=self.sheet, row=at
                )
            index[name] = i
        missing = [c for c in required if c not in index]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(missing)}; the header needs {','.join(required)}",
                file=self.file,
                sheet=self.sheet,
                row=at,
            )
        return index

    def _read(self) -> list[tuple[int, list]]:
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror}", file=self.file) from None
        if size == 0:
            raise InputError("the file is empty", file=self.file)
        if size > MAX_BYTES:
            raise InputError(f"the file is larger than {MAX_BYTES // 2**20} MB", file=self.file)
        suffix = self.path.suffix.lower()
        if suffix == ".xlsx":
            return self._read_xlsx()
        if suffix in (".csv", ".txt", ".tsv"):
            return self._read_csv()
        raise InputError("unsupported file type; use .csv or .xlsx", file=self.file)

    def _read_csv(self) -> list[tuple[int, list]]:
        data = self.path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError("not UTF-8 or GB18030 text", file=self.file)
        if "\x00" in text:
            raise InputError("not a text file (it contains NUL bytes)", file=self.file)
        first = text.split("\n", 1)[0]
        delimiter = max((",", "\t", ";"), key=first.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            return [(reader.line_num, cells) for cells in reader]
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", file=self.file, row=reader.line_num) from None

    def _read_xlsx(self) -> list[tuple[int, list]]:
        from zipfile import BadZipFile

        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
            raise InputError("not a readable .xlsx workbook", file=self.file) from None
        try:
            sheet = book.worksheets[0]
            self.sheet = sheet.title
            return [
                (n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)
            ]
        finally:
            book.close()


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
        text = _fold(str(raw))
        if self.plan is None:
            if text.isdigit():
                return f"I{int(text)}"
            if _CODE.match(text):
                return text.upper()
            raise ValueError(f"{raw!r} is a name; names need the plan to be resolved")
        key = str(int(text)) if text.isdigit() else text
        code = self.keys.get(key, "")
        if code is None:
            raise ValueError(f"{raw!r} names more than one item; use its code")
        if not code:
            raise ValueError(
                f"unknown indicator {raw!r}; use the table number (5), a code (I5, T7) "
                "or the exact name"
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


def _year(raw) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a year")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not raw.is_integer():
            raise ValueError(f"{raw!r} is not a year")
        return int(raw)
    text = _text(raw).removesuffix("年")
    if not text.isdigit() or len(text) != 4:
        raise ValueError(f"{raw!r} is not a year")
    return int(text)


def _number(raw) -> tuple[float, bool]:
    """The value and whether it was written with a % sign."""
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a number")
    if isinstance(raw, int | float):
        value, percent = float(raw), False
    else:
        text = _text(raw).replace(" ", "")
        percent = text.endswith("%")
        text = text.removesuffix("%")
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        if "_" in text:  # float() would read 1_000; a spreadsheet never means that
            raise ValueError(f"{_text(raw)!r} is not a number")
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{_text(raw)!r} is not a number") from None
    if not isfinite(value):
        raise ValueError(f"{raw!r} is not a finite number")
    return value, percent


def _comparator(raw) -> str:
    text = _text(raw)
    if text not in COMPARATOR_WORDS:
        raise ValueError(f"unknown comparator {text!r}; use one of >=, <=, >, <, =, ~")
    return COMPARATOR_WORDS[text]
