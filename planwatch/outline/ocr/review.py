"""What OCR adds to a plan for the coordinator's check: cell readings, pages, warnings.

After the plan is read as from any other document, the indicators that came from a table read
by OCR get their cells (text, confidence, box in the image) and the low ones a reading-report
warning naming the row, the field, what was read and how sure OCR was; every heading, task,
target and box read from a scan gets the page it starts on, so it can be checked against the
scan. Nothing here changes what was read (a category cell set right against the usual
category names, :mod:`categories`, is reported as such).
"""

from __future__ import annotations

import re

from planwatch.outline.document import Block, Paragraph, Table
from planwatch.outline.indicators import read_header, split_name
from planwatch.outline.model import Indicator, OcrCell, Plan, ReadingWarning
from planwatch.outline.structure import toc_lines
from planwatch.outline.values import is_empty, is_unit, read_quantity

#: Below this confidence a cell is flagged for the coordinator to check against the image.
LOW_CONFIDENCE = 0.90

FIELD_LABELS = {
    "name": ("指标名称", "name"),
    "unit": ("单位", "unit"),
    "category": ("类别", "category"),
    "baseline": ("基期值", "baseline"),
    "target": ("目标值", "target"),
    "growth": ("年均增速", "annual growth"),
    "cumulative": ("累计", "cumulative change"),
    "attribute": ("属性", "attribute"),
}
_VALUE_FIELDS = ("baseline", "target", "growth", "cumulative")
_BRACKET_END = re.compile(r"[（(]([^（）()]{1,12})[)）]$")


def attach_ocr(plan: Plan, blocks: list[Block]) -> None:
    """Cell readings and warnings on OCR-read indicators; pages on everything from a scan."""
    for table in (b for b in blocks if isinstance(b, Table) and b.cells):
        for reading, codes in _attach_table(plan.indicators, table).items():
            plan.warnings.append(_corrected_warning(reading, codes))
    for indicator in plan.indicators:
        for cell in indicator.ocr_cells:
            if cell.low:
                plan.warnings.append(_low_warning(indicator, cell))
    if any(isinstance(b, Paragraph) and b.page is not None for b in blocks):
        assign_pages(plan, blocks)


def _attach_table(indicators: list[Indicator], table: Table) -> dict:
    """Cells on the table's indicators; returns the corrected readings (:mod:`categories`),
    each with the codes of the indicators it gave a field."""
    corrected: dict = {}
    found = next(
        ((k, c) for k, row in enumerate(table.rows[:4]) if (c := read_header(row)) is not None),
        None,
    )
    if found is None:
        return corrected
    at, columns = found
    unread = [i for i in indicators if not i.ocr_cells]
    category = None
    for row, cells in zip(table.rows[at + 1 :], table.cells[at + 1 :], strict=False):
        filled = [k for k, text in enumerate(row) if not is_empty(text)]
        if len(filled) == 1 and cells[filled[0]] is not None:
            category = cells[filled[0]]
        name_cell = row[columns.name] if columns.name < len(row) else ""
        _, name, _ = split_name(name_cell)
        match = next((i for i in unread if i.name == name), None)
        if match is None:
            continue
        unread.remove(match)
        match.source, match.page = table.source, table.page
        fields = {
            "name": columns.name,
            "unit": columns.unit,
            "category": columns.category,
            "baseline": columns.baseline,
            "target": columns.target,
            "growth": columns.growth,
            "cumulative": columns.cumulative,
            "attribute": columns.attribute,
        }
        for field, index in fields.items():
            reading = cells[index] if index is not None and index < len(cells) else None
            if field == "category" and reading is None and match.category:
                reading = category
            if reading is None:
                continue
            match.ocr_cells.append(_cell(field, reading))
            if getattr(reading, "read_as", None):
                corrected.setdefault(reading, []).append(match.code)
    return corrected


def _cell(field: str, reading) -> OcrCell:
    low = reading.confidence < LOW_CONFIDENCE or not _plausible(field, reading.text)
    return OcrCell(field, reading.text, reading.confidence, list(reading.box), low)


def _plausible(field: str, text: str) -> bool:
    """A figure cell reads as a figure; a name ends in a unit bracket only if it is a unit."""
    if field in _VALUE_FIELDS:
        quantity = read_quantity(text)
        return is_empty(text) or (quantity is not None and quantity.value is not None)
    if field == "name":
        bracket = _BRACKET_END.search(text)
        return bracket is None or is_unit(bracket.group(1)) or len(bracket.group(1)) > 3
    return True


def _low_warning(indicator: Indicator, cell: OcrCell) -> ReadingWarning:
    zh_field, en_field = FIELD_LABELS[cell.field]
    share = f"{cell.confidence:.0%}"
    return ReadingWarning(
        "outline.ocr_low_confidence",
        f"指标 {indicator.code}“{indicator.name}”的{zh_field}由文字识别读作“{cell.text}”"
        f"（置信度 {share}），请对照原图核对",
        f"indicator {indicator.code} '{indicator.name}': OCR read its {en_field} as "
        f"'{cell.text}' ({share} confident); check it against the image",
        [indicator.code, cell.field],
    )


def _corrected_warning(reading, codes: list[str]) -> ReadingWarning:
    return ReadingWarning(
        "outline.ocr_category_corrected",
        f"指标 {'、'.join(codes)} 的类别单元格识别为“{reading.read_as}”，"
        f"按常用指标类别名称读作“{reading.text}”，请对照原图核对",
        f"indicators {', '.join(codes)}: OCR read the category as '{reading.read_as}'; read as "
        f"the usual category name '{reading.text}'; check it against the image",
        [*codes, "category"],
    )


def assign_pages(plan: Plan, blocks: list[Block]) -> None:
    """The page each heading, task, target and box starts on, found in document order."""
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    skip = set(toc_lines([p.text for p in paragraphs]))
    body = [(p.text, p.page) for k, p in enumerate(paragraphs) if k not in skip]
    cursor = 0

    def find(snippet: str, start: int) -> int | None:
        snippet = "".join(snippet.split())[:16]
        if not snippet:
            return None
        for k in range(start, len(body)):
            if snippet in "".join(body[k][0].split()):
                return k
        return None

    def place(node, snippet: str) -> None:
        nonlocal cursor
        k = find(snippet, cursor)
        if k is not None:
            cursor = k
            node.page = body[k][1]

    def walk_items(items) -> None:
        for item in items:
            place(item, f"{item.number}{item.title}")
            for task in item.tasks:
                place(task, task.text)
            walk_items(item.items)

    for chapter in plan.chapters:
        place(chapter, f"{chapter.number}{chapter.title}")
        for task in chapter.tasks:
            place(task, task.text)
        for holder in [*chapter.subsections, *chapter.sections]:
            place(holder, f"{holder.number}{holder.title}")
            for task in holder.tasks:
                place(task, task.text)
            for sub in getattr(holder, "subsections", []):
                place(sub, f"{sub.number}{sub.title}")
                for task in sub.tasks:
                    place(task, task.text)
                walk_items(sub.items)
            walk_items(holder.items)
    for target in plan.targets:
        k = find(target.text, 0)
        target.page = body[k][1] if k is not None else None
    for box in plan.boxes:
        k = find(box.title, 0)
        box.page = body[k][1] if k is not None else None
