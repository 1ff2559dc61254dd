"""Reading an uploaded .xlsx workbook row by row, within :class:`planwatch.limits.Limits`.

Every byte comes out of the archive through a counted stream and every XML part is parsed with
defusedxml's ``iterparse`` (no entities, no DTD tricks), one row at a time, so memory stays flat
whatever the file holds and a file over a limit is refused as soon as the limit is reached.
Cells come back as the values a person typed: text as ``str``, numbers as ``int``/``float``,
booleans as ``bool``. A formula or an error value (``#REF!``) is not a typed value: it comes
back as :class:`NotTyped`, which each reader refuses naming the sheet and cell — a cached result
silently stored as a figure or a source is how ``#REF!`` became a 数据来源.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from planwatch.errors import InputError, text
from planwatch.limits import Limits, UnpackBudget, over_limit

_REL_TYPE_SHEET = "/worksheet"
_REL_TYPE_STRINGS = "/sharedStrings"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_CLOCK_EVERY = 500  # rows between two looks at the time budget


@dataclass(frozen=True)
class NotTyped:
    """A cell that holds a formula (``=SUM(A1)``) or an error value (``#REF!``)."""

    formula: str | None
    cached: str | None

    def shown(self) -> str:
        return f"={self.formula}" if self.formula is not None else (self.cached or "")


@dataclass(frozen=True)
class Sheet:
    title: str
    part: str  # the worksheet's path inside the archive


class Workbook:
    """An open workbook: its sheets by title, their rows on demand. Use as a context manager."""

    def __init__(
        self, source: bytes | str | Path | IO[bytes], *, file: str | None, limits: Limits
    ) -> None:
        self.file, self.limits = file, limits
        self.clock = limits.clock(file)
        self.budget = UnpackBudget(limits, file, self.clock)
        self.cells = 0
        stream = BytesIO(source) if isinstance(source, bytes) else source
        try:
            self.archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise _not_workbook(file, exc) from None
        try:
            self.sheets = self._sheets()
            self._strings: list[str | int] | None = None
        except BaseException:
            self.archive.close()
            raise

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.archive.close()

    def rows(self, sheet: Sheet) -> Iterator[tuple[int, list]]:
        """(row number, cell values from column A) for each row holding a value, in order."""
        strings = self._shared_strings()
        rows, limits = 0, self.limits
        for row, cells in self._parse_rows(sheet):
            rows += 1
            if rows % _CLOCK_EVERY == 0:
                self.clock.check()
            values: list = []
            for column, kind, raw, formula in cells:
                value = self._value(sheet, row, column, kind, raw, formula, strings)
                if value is None:
                    continue
                self.cells += 1
                if self.cells > limits.cells:
                    raise over_limit(
                        self.file,
                        "cells",
                        "工作簿填写的单元格超过 {limit} 个的上限",
                        "the workbook has more than the {limit} filled cells allowed",
                        limit=limits.cells,
                    )
                values.extend([None] * (column - len(values) - 1))
                values.append(value)
            if values:
                yield row, values

    # --- the parts ------------------------------------------------------------------------

    def _sheets(self) -> list[Sheet]:
        targets = {
            rel.get("Id"): (rel.get("Type") or "", rel.get("Target") or "")
            for rel in self._elements("xl/_rels/workbook.xml.rels", "Relationship")
        }
        self._strings_part = next(
            (
                _part(target)
                for kind, target in targets.values()
                if kind.endswith(_REL_TYPE_STRINGS)
            ),
            None,
        )
        sheets = []
        for element in self._elements("xl/workbook.xml", "sheet"):
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            kind, target = targets.get(rid, ("", ""))
            if kind.endswith(_REL_TYPE_SHEET) and target:
                sheets.append(Sheet(element.get("name") or "", _part(target)))
        return sheets

    def _shared_strings(self) -> list[str | int]:
        """The shared strings; one too long for a cell is kept as its length, refused where used."""
        if self._strings is None:
            self._strings = []
            if self._strings_part and self._strings_part in self.archive.namelist():
                for element in self._elements(self._strings_part, "si", clear=True):
                    value = _joined_text(element)
                    self._strings.append(len(value) if len(value) > self.limits.text else value)
                    if len(self._strings) > self.limits.cells:
                        raise over_limit(
                            self.file,
                            "cells",
                            "工作簿的文字超过 {limit} 条的上限",
                            "the workbook holds more than the {limit} texts allowed",
                            limit=self.limits.cells,
                        )
        return self._strings

    def _elements(self, part: str, tag: str, *, clear: bool = False) -> Iterator:
        """Each ``tag`` element of ``part`` once complete (namespaces ignored)."""
        for _, element in self._parse(part, ("end",)):
            if _local(element.tag) == tag:
                yield element
                if clear:
                    element.clear()

    def _parse(self, part: str, events: tuple[str, ...]):
        try:
            member = self.budget.open(self.archive, part)
        except KeyError:
            raise _not_workbook(self.file, f"{part} missing") from None
        with member:
            try:
                yield from iterparse(member, events=events, forbid_dtd=True)
            except InputError:
                raise
            except (DefusedXmlException, SyntaxError) as exc:  # ParseError is a SyntaxError
                raise _not_workbook(self.file, exc) from None
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise _not_workbook(self.file, exc) from None

    def _parse_rows(self, sheet: Sheet) -> Iterator[tuple[int, list[tuple]]]:
        """(row, [(column, type, raw value, formula)]) straight from the sheet's XML."""
        row, cells, last_row = 0, [], 0
        column = 0
        value = formula = None
        inline: list[str] = []
        parent = None
        for event, element in self._parse(sheet.part, ("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "sheetData":
                    parent = element
                elif tag == "row":
                    row = _int(element.get("r")) or last_row + 1
                    cells, column = [], 0
                elif tag == "c":
                    value = formula = None
                    inline = []
                continue
            if tag == "v":
                value = element.text or ""
            elif tag == "f":
                formula = element.text or ""
            elif tag == "t" and value is None:
                inline.append(element.text or "")
            elif tag == "c":
                ref = element.get("r")
                column = (_column(ref) if ref else 0) or column + 1
                if column > self.limits.columns:
                    raise over_limit(
                        self.file,
                        "columns",
                        "工作表“{sheet}”超过 {limit} 列的上限",
                        "sheet “{sheet}” has more than the {limit} columns allowed",
                        sheet=sheet.title,
                        limit=self.limits.columns,
                    )
                kind = element.get("t") or "n"
                if kind == "inlineStr":
                    value = "".join(inline)
                if value is not None or formula is not None:
                    cells.append((column, kind, value, formula))
                element.clear()
            elif tag == "row":
                last_row = row
                element.clear()
                if parent is not None:
                    parent.clear()  # the finished rows are not kept: memory stays flat
                if cells and row > self.limits.rows:
                    raise self._over_rows(sheet)
                yield row, cells

    def _value(self, sheet, row, column, kind, raw, formula, strings):
        if formula is not None or kind == "e":
            return NotTyped(formula, raw)
        if raw is None:
            return None
        if kind == "s":
            index = _int(raw)
            if index is None or not 0 <= index < len(strings):
                raise _not_workbook(self.file, f"shared string {raw}")
            found = strings[index]
        elif kind == "b":
            return raw.strip() == "1"
        elif kind in ("str", "inlineStr", "d"):
            found = raw
        else:
            return _number(raw)
        if isinstance(found, int) or len(found) > self.limits.text:
            length = found if isinstance(found, int) else len(found)
            raise InputError(
                text(
                    "limits.text",
                    "单元格有 {length} 个字符，超过 {limit} 个字符的上限",
                    "the cell holds {length} characters, over the {limit} allowed",
                    length=length,
                    limit=self.limits.text,
                    setting="PLANWATCH_UPLOAD_MAX_CELL_CHARS",
                ),
                file=self.file,
                sheet=sheet.title,
                row=row,
                column=column_letter(column),
            )
        return found or None

    def _over_rows(self, sheet: Sheet) -> InputError:
        return over_limit(
            self.file,
            "rows",
            "工作表“{sheet}”超过 {limit} 行的上限",
            "sheet “{sheet}” has more than the {limit} rows allowed",
            sheet=sheet.title,
            limit=self.limits.rows,
        )


def open_workbook(
    source: bytes | str | Path | IO[bytes], *, file: str | None = None, limits: Limits | None = None
) -> Workbook:
    """Open ``source`` (bytes, a path or a binary file) for bounded reading."""
    return Workbook(source, file=file, limits=limits or Limits.from_environment())


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def refuse_not_typed(cell: NotTyped) -> object:
    """The message for a formula or error cell (the caller adds sheet, row and column)."""
    if cell.formula is not None:
        return text(
            "workbook.formula",
            "单元格是公式“{shown}”：请直接填写数值或文字（可复制后“选择性粘贴—数值”）",
            "the cell holds the formula “{shown}”; type the value itself (paste as values)",
            shown=cell.shown()[:80],
        )
    return text(
        "workbook.error_value",
        "单元格是错误值“{shown}”：请填写数值或文字",
        "the cell holds the error value “{shown}”; type a value or text",
        shown=cell.shown()[:80],
    )


def _not_workbook(file: str | None, why) -> InputError:
    return InputError(
        text(
            "template.not_workbook",
            "不是可读取的 .xlsx 工作簿（{exc}）",
            "not a readable .xlsx workbook ({exc})",
            exc=why,
        ),
        file=file,
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _part(target: str) -> str:
    """A relationship target as a path in the archive (relative targets are under xl/)."""
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts: list[str] = []
    for piece in PurePosixPath(path).parts:
        if piece == "..":
            if parts:
                parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _joined_text(element) -> str:
    """A shared string's text: its own ``t`` or its rich-text runs' (phonetic runs left out)."""
    parts = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _column(ref: str) -> int:
    match = _CELL_REF.match(ref)
    if not match:
        return 0
    number = 0
    for letter in match.group(1):
        number = number * 26 + ord(letter) - 64
    return number


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _number(raw: str):
    raw = raw.strip()
    try:
        return int(raw) if raw.lstrip("-").isdigit() else float(raw)
    except ValueError:
        return raw
