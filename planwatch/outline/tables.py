"""Tables written as text, lifted into real tables before anything else reads the document.

Three text layouts occur in published outlines:

* *flattened* web tables, one cell per line ending in `` |`` (``||||`` for a run of empty cells).
  Row boundaries are lost, so rows are rebuilt from row labels: a numbered label ``(3)…`` starts
  an indicator row, a label followed only by empty cells is a category row;
* tab-separated rows, one row per line;
* columns aligned with runs of spaces (or inline ``|`` separators), one row per line.

A short line without separators inside a run of delimited rows is kept as a one-cell row (a
category heading). Everything else stays a paragraph.
"""

from __future__ import annotations

import re

from planwatch.outline.document import Block, Paragraph, Table
from planwatch.outline.values import is_empty, read_quantity

_PIPE_CELL = re.compile(r"^(?:[^|｜]{0,80}[|｜])+\s*$")
_SPACED = re.compile(r"\S(?: {2,}|\u3000{2,})\S")
_HEADING = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[篇章节]")
_NUMBERED_LABEL = re.compile(r"^(?:[（(]\s*\d{1,3}\s*[)）]|\d{1,3}[.、．](?!\d))\s*\S")
_SENTENCE_END = re.compile(r"[。；;，,！？!?]")
_ATTRIBUTES = ("预期性", "约束性")
_HEADER_WORDS = ("指标", "名称", "单位", "属性", "增速", "累计", "目标", "类别", "序号", "基期")

#: A flattened table needs at least this many cells, a delimited one this many rows.
_MIN_CELLS = 8
_MIN_ROWS = 3


def lift_text_tables(blocks: list[Block]) -> list[Block]:
    """The same blocks with text-laid tables replaced by :class:`Table` blocks."""
    out: list[Block] = []
    i, n = 0, len(blocks)
    while i < n:
        block = blocks[i]
        if isinstance(block, Paragraph) and _is_pipe_line(block.text):
            j = i
            while j < n and isinstance(blocks[j], Paragraph) and _is_pipe_line(blocks[j].text):
                j += 1
            table = _flattened_table([b.text for b in blocks[i:j]])
            if table is not None:
                out.append(table)
                i = j
                continue
        elif isinstance(block, Paragraph) and split_row(block.text) is not None:
            j, rows = _delimited_run(blocks, i)
            if rows is not None:
                out.append(Table(rows=tuple(tuple(r) for r in rows)))
                i = j
                continue
        out.append(block)
        i += 1
    return out


def split_row(line: str) -> list[str] | None:
    """Cells of one delimited row (tabs, inline pipes or aligned spaces), or None for prose."""
    text = line.strip()
    if _HEADING.match(text):
        return None
    if "\t" in text:
        cells = [c.strip() for c in line.strip(" \r\n").split("\t")]
    elif text.strip("|｜").count("|") + text.strip("|｜").count("｜") >= 1 and not _PIPE_CELL.match(
        text
    ):
        cells = [c.strip() for c in re.split(r"[|｜]", text.strip("|｜"))]
    elif _SPACED.search(text):
        cells = [c.strip() for c in re.split(r" {2,}|\u3000{2,}", text)]
    else:
        return None
    filled = [c for c in cells if c]
    return cells if len(filled) >= 2 else None


def _is_pipe_line(text: str) -> bool:
    return bool(_PIPE_CELL.match(text)) and "\t" not in text


def _delimited_run(blocks: list[Block], start: int) -> tuple[int, list[list[str]] | None]:
    rows: list[list[str]] = []
    j = start
    while j < len(blocks) and isinstance(blocks[j], Paragraph):
        text = blocks[j].text
        cells = split_row(text)
        if cells is None:
            following = blocks[j + 1] if j + 1 < len(blocks) else None
            continues = isinstance(following, Paragraph) and split_row(following.text) is not None
            short = len(text) <= 16 and not _SENTENCE_END.search(text)
            if rows and continues and short and not _HEADING.match(text):
                cells = [text]
            else:
                break
        rows.append(cells)
        j += 1
    wide = [r for r in rows if len([c for c in r if c]) >= 3]
    if len(rows) >= _MIN_ROWS and len(wide) >= 2:
        return j, rows
    return start, None


def _flattened_table(lines: list[str]) -> Table | None:
    cells: list[str] = []
    for line in lines:
        parts = re.split(r"[|｜]", line.rstrip())
        cells.extend(p.strip() for p in parts[:-1])
    if len(cells) < _MIN_CELLS:
        return None
    starts = _row_starts(cells)
    if len(starts) < 2:
        return None
    rows = [cells[a:b] for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]
    rows = [_trim(r) for r in rows]
    rows = [r for r in rows if any(r)]
    return Table(rows=tuple(tuple(r) for r in rows)) if len(rows) >= 2 else None


def _row_starts(cells: list[str]) -> list[int]:
    """Where rows begin: the header, numbered labels, and category labels before empty cells."""
    numbered = [k for k, c in enumerate(cells) if _NUMBERED_LABEL.match(c)]
    if not numbered:
        width = _header_width(cells)
        return list(range(0, len(cells), width)) if width >= 2 else []
    starts = {0, *numbered}
    bounds = sorted(starts)
    for a, b in zip(bounds, [*bounds[1:], len(cells)], strict=True):
        for k in range(a + 1, b):
            if _is_label(cells[k]) and k + 1 < b and all(is_empty(c) for c in cells[k + 1 : b]):
                starts.add(k)
                break
    return sorted(starts)


def _header_width(cells: list[str]) -> int:
    width = 0
    for c in cells:
        if not any(w in c for w in _HEADER_WORDS) and not re.search(r"20\d\d年", c):
            break
        width += 1
    return width


def _is_label(cell: str) -> bool:
    if is_empty(cell) or cell in _ATTRIBUTES:
        return False
    quantity = read_quantity(cell)
    has_words = bool(re.search(r"[\u4e00-\u9fff]", cell))
    return (quantity is None or quantity.value is None) and has_words


def _trim(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row
