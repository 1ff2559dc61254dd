"""Category cells of an OCR-read indicator table set right against the usual category names.

The simplified-Chinese model misreads some characters the same way every time (``祉`` as
``社``), so no second reading in the document can set them right. The category (group) cells
of a main-indicator table (主要指标表) are drawn from a small, stable vocabulary, so these
cells alone are compared with it: a cell whose text is one character away from exactly one name
of the same length is read as that name; a cell two characters away, or one away from two
names, is left as read. The cell keeps its OCR confidence and box; ``read_as`` keeps what OCR
read, and the reading report says that it was corrected.

The names are written from general knowledge of published outlines, not from any one plan:
the category column of the main-indicator tables of the national 11th–14th five-year plan
outlines (经济发展, 创新驱动, 民生福祉, 绿色生态, 安全保障, 资源环境, 人民生活, 经济结构, 科技教育,
公共服务 …) and the names provincial, municipal and county outlines commonly use beside them
(the five development concepts 创新发展 … 共享发展, 生态文明, 社会发展, 改革开放 …).
"""

from __future__ import annotations

import re
from dataclasses import replace

from planwatch.outline.document import Block, Table

#: The usual category names of main-indicator tables (see the module's docstring).
CATEGORY_NAMES: tuple[str, ...] = (
    # national outlines, 11th to 14th plans
    "经济发展",
    "经济增长",
    "经济结构",
    "创新驱动",
    "科技教育",
    "民生福祉",
    "人民生活",
    "人口资源环境",
    "资源环境",
    "绿色生态",
    "安全保障",
    "公共服务",
    "社会发展",
    # provincial, municipal and county outlines
    "创新发展",
    "协调发展",
    "绿色发展",
    "开放发展",
    "共享发展",
    "改革开放",
    "生态环境",
    "生态文明",
    "社会民生",
    "科技创新",
    "城乡发展",
    "区域协调",
    "质量效益",
    "结构调整",
    "基础设施",
    "文化建设",
    "社会事业",
    "资源节约",
    "环境保护",
    "高质量发展",
)

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def usual_name(text: str, names: tuple[str, ...] = CATEGORY_NAMES) -> str | None:
    """The one name ``text`` is one character away from (same length), else None; None also
    where ``text`` is already a name, or is not all Chinese characters."""
    text = re.sub(r"\s+", "", text)
    if not _CJK.match(text) or text in names:
        return None
    near = [n for n in names if len(n) == len(text) and _differs_by_one(n, text)]
    return near[0] if len(near) == 1 else None


def _differs_by_one(a: str, b: str) -> bool:
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def snap_categories(blocks: list[Block]) -> list[Block]:
    """Each OCR-read table with its category cells (the category column under the header, and
    rows that are one category cell across the table) set to the usual name they are one
    character from; other cells and other blocks unchanged."""
    return [_snapped(b) if isinstance(b, Table) and b.cells else b for b in blocks]


def _snapped(table: Table) -> Table:
    from planwatch.outline.indicators import read_header
    from planwatch.outline.values import is_empty

    found = next(
        ((k, c) for k, row in enumerate(table.rows[:4]) if (c := read_header(row)) is not None),
        None,
    )
    if found is None:
        return table
    at, columns = found
    rows = [list(r) for r in table.rows]
    cells = [list(c) for c in table.cells]
    for r in range(at + 1, len(rows)):
        filled = [k for k, text in enumerate(rows[r]) if not is_empty(text)]
        targets = [filled[0]] if len(filled) == 1 else []
        if columns.category is not None and columns.category < len(rows[r]):
            targets.append(columns.category)
        for k in dict.fromkeys(targets):
            name = usual_name(rows[r][k])
            if name is None:
                continue
            rows[r][k] = name
            reading = cells[r][k] if r < len(cells) and k < len(cells[r]) else None
            if reading is not None:
                cells[r][k] = replace(reading, text=name, read_as=reading.text)
    return replace(table, rows=tuple(map(tuple, rows)), cells=tuple(map(tuple, cells)))
