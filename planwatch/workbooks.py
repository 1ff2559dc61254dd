"""Reading an uploaded .xlsx workbook row by row, within :class:`planwatch.limits.Limits`.

Every byte comes out of the archive through a counted stream and every XML part is parsed by
defusedxml (no DTD, no entities): the small parts with its ``iterparse``, sheets and shared
strings by its parser feeding a target that keeps only the current row — no element tree — so
memory stays flat whatever the file holds and a file over a limit is refused as soon as the
limit is reached (about 10,000 rows a second on one core).
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
from defusedxml.ElementTree import DefusedXMLParser, iterparse

from planwatch.errors import InputError, text
from planwatch.limits import LimitExceeded, Limits, UnpackBudget, over_limit

_REL_TYPE_SHEET = "/worksheet"
_REL_TYPE_STRINGS = "/sharedStrings"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_CLOCK_EVERY = 500  # rows between two looks at the time budget
_FEED = 1 << 16  # bytes handed to the XML parser at a time


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
                target = _StringsTarget(self.limits.text)
                for _ in self._feed(self._strings_part, target):
                    if len(target.strings) > self.limits.cells:
                        raise over_limit(
                            self.file,
                            "cells",
                            "工作簿的文字超过 {limit} 条的上限",
                            "the workbook holds more than the {limit} texts allowed",
                            limit=self.limits.cells,
                        )
                self._strings = target.strings
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
        target = _SheetTarget()
        for _ in self._feed(sheet.part, target):
            ready, target.ready = target.ready, []
            for row, cells in ready:
                if cells and row > self.limits.rows:
                    raise self._over_rows(sheet)
                if cells and cells[-1][0] > self.limits.columns:
                    raise over_limit(
                        self.file,
                        "columns",
                        "工作表“{sheet}”超过 {limit} 列的上限",
                        "sheet “{sheet}” has more than the {limit} columns allowed",
                        sheet=sheet.title,
                        limit=self.limits.columns,
                    )
                yield row, cells

    def _feed(self, part: str, target) -> Iterator[None]:
        """Parse ``part`` into ``target`` a chunk at a time (defusedxml's parser: no DTD, no
        entities), pausing after each chunk so the caller can take what is complete."""
        try:
            member = self.budget.open(self.archive, part)
        except KeyError:
            raise _not_workbook(self.file, f"{part} missing") from None
        parser = DefusedXMLParser(target=target, forbid_dtd=True)
        with member:
            try:
                while chunk := member.read(_FEED):
                    parser.feed(chunk)
                    yield
                parser.close()
                yield
            except InputError:
                raise
            except (DefusedXmlException, SyntaxError) as exc:  # ParseError is a SyntaxError
                raise _not_workbook(self.file, exc) from None
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                raise _not_workbook(self.file, exc) from None

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
            raise LimitExceeded(
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


class _SheetTarget:
    """Collects a worksheet's rows from parser events, without building an element tree."""

    def __init__(self) -> None:
        self.ready: list[tuple[int, list[tuple]]] = []
        self.row = self.column = 0
        self.cells: list[tuple] = []
        self.kind, self.value, self.formula = "n", None, None
        self.inline: list[str] = []
        self.text: list[str] | None = None

    def start(self, tag: str, attrib: dict) -> None:
        local = tag[tag.rfind("}") + 1 :]
        if local == "c":
            ref = attrib.get("r")
            self.column = (_column(ref) if ref else 0) or self.column + 1
            self.kind = attrib.get("t") or "n"
            self.value, self.formula, self.inline = None, None, []
        elif local in ("v", "f", "t"):
            self.text = []
        elif local == "row":
            self.row = _int(attrib.get("r")) or self.row + 1
            self.cells, self.column = [], 0

    def data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, tag: str) -> None:
        local = tag[tag.rfind("}") + 1 :]
        if local in ("v", "f", "t") and self.text is not None:
            found, self.text = "".join(self.text), None
            if local == "v":
                self.value = found
            elif local == "f":
                self.formula = found
            else:
                self.inline.append(found)
        elif local == "c":
            if self.kind == "inlineStr" and self.value is None:
                self.value = "".join(self.inline)
            if self.value is not None or self.formula is not None:
                self.cells.append((self.column, self.kind, self.value, self.formula))
        elif local == "row":
            self.ready.append((self.row, self.cells))

    def close(self) -> None:
        return None


class _StringsTarget:
    """Collects the shared strings: each ``si``'s text or rich-text runs, phonetic runs left out.
    A string longer than ``longest`` is kept as its length only."""

    def __init__(self, longest: int) -> None:
        self.longest = longest
        self.strings: list[str | int] = []
        self.parts: list[str] = []
        self.text: list[str] | None = None
        self.phonetic = False

    def start(self, tag: str, attrib: dict) -> None:
        local = tag[tag.rfind("}") + 1 :]
        if local == "si":
            self.parts = []
        elif local == "rPh":
            self.phonetic = True
        elif local == "t" and not self.phonetic:
            self.text = []

    def data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, tag: str) -> None:
        local = tag[tag.rfind("}") + 1 :]
        if local == "t" and self.text is not None:
            self.parts.append("".join(self.text))
            self.text = None
        elif local == "rPh":
            self.phonetic = False
        elif local == "si":
            value = "".join(self.parts)
            self.strings.append(len(value) if len(value) > self.longest else value)

    def close(self) -> None:
        return None


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
