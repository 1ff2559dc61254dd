"""Tables printed without ruling lines, rebuilt from where the words stand.

On a page read as text, a line whose words fall into three or more groups separated by wide
gaps is a table row; the run of such lines, with the narrower lines between them whose words
all stand at the run's column starts (a cell's text wrapping onto more lines), is the table.
Columns are the left edges the groups share; a row starts at a wide line or after a gap taller
than a wrapped line's (cell padding). A cell is every word of its row under its column, so
multi-line cells come out whole.
"""

from __future__ import annotations

from planwatch.outline.document import Table, clean_text
from planwatch.outline.ocr.engine import Word
from planwatch.outline.ocr.table import CellReading, join_words

#: Words further apart than this many ems are in different cells.
_CELL_GAP = 0.6
#: A row is a table row with at least this many cells; a table needs this many such rows.
_MIN_CELLS = 3
_MIN_ROWS = 3
#: Left edges within this many ems are one column.
_ALIGN = 0.8
#: A vertical step larger than this many ems between lines starts a new row.
_ROW_GAP = 1.9


def pieces(line: list[Word], em: float) -> list[list[Word]]:
    """The line's words grouped into cells at wide gaps."""
    out: list[list[Word]] = []
    for word in sorted(line, key=lambda w: w.left):
        if out and word.left - out[-1][-1].right <= _CELL_GAP * em:
            out[-1].append(word)
        else:
            out.append([word])
    return out


def find_tables(
    lines: list[list[Word]], em: float, margin: int, width: int
) -> list[tuple[int, int, list[float]]]:
    """Runs of lines that form a table: (first line, end line, column starts)."""
    runs = []
    k = 0
    while k < len(lines):
        if len(pieces(lines[k], em)) < _MIN_CELLS:
            k += 1
            continue
        starts: list[float] = []
        end = k
        wide = 0
        while end < len(lines):
            groups = pieces(lines[end], em)
            lefts = [g[0].left for g in groups]
            if len(groups) >= _MIN_CELLS:
                wide += 1
                starts = _merge_starts(starts, lefts, em)
            elif (
                not starts
                or not all(_column(x, starts, em) is not None for x in lefts)
                or (lefts[0] <= margin + _ALIGN * em and _extent(lines[end]) > 0.6 * width)
            ):
                break
            end += 1
        columns = _supported(lines[k:end], starts, em)
        if wide >= _MIN_ROWS and len(columns) >= _MIN_CELLS:
            runs.append((k, end, columns))
            k = end
        else:
            k += 1
    return runs


def _supported(lines: list[list[Word]], starts: list[float], em: float) -> list[float]:
    """The column starts that at least ``_MIN_ROWS`` wide lines share, if every wide line has
    ``_MIN_CELLS`` cells on them: justified prose has wide gaps too, but never in columns."""
    wide = [[g[0].left for g in pieces(line, em)] for line in lines]
    wide = [lefts for lefts in wide if len(lefts) >= _MIN_CELLS]
    support = [sum(any(abs(x - s) <= _ALIGN * em for x in lefts) for lefts in wide) for s in starts]
    columns = [s for s, n in zip(starts, support, strict=True) if n >= _MIN_ROWS]
    for lefts in wide:
        on = sum(any(abs(x - s) <= _ALIGN * em for s in columns) for x in lefts)
        if on < _MIN_CELLS:
            return []
    return columns


def _extent(line: list[Word]) -> int:
    return max(w.right for w in line) - min(w.left for w in line)


def _merge_starts(starts: list[float], lefts: list[int], em: float) -> list[float]:
    out = list(starts)
    for x in lefts:
        if _column(x, out, em) is None:
            out.append(float(x))
    return sorted(out)


def _column(x: float, starts: list[float], em: float) -> int | None:
    best = min(range(len(starts)), key=lambda k: abs(starts[k] - x), default=None)
    if best is None or abs(starts[best] - x) > _ALIGN * em:
        return None
    return best


def build_table(
    lines: list[list[Word]], starts: list[float], em: float, scale: float, source: str, page
) -> Table:
    """The run's lines as rows × columns, each cell with its confidence and box."""
    rows: list[list[list[Word]]] = []
    previous_top = None
    for line in lines:
        groups = pieces(line, em)
        top = min(w.top for w in line)
        new_row = (
            not rows
            or len(groups) >= _MIN_CELLS
            or (previous_top is not None and top - previous_top > _ROW_GAP * em)
        )
        if new_row:
            rows.append([[] for _ in starts])
        for group in groups:
            at = _column(group[0].left, starts, em)
            if at is None:
                at = max(k for k, x in enumerate(starts) if x <= group[0].left + _ALIGN * em)
            rows[-1][at].extend(group)
        previous_top = top
    texts, cells = [], []
    for row in rows:
        texts.append(tuple(_cell_text(words) for words in row))
        cells.append(tuple(_reading(words, scale) for words in row))
    return Table(rows=tuple(texts), cells=tuple(cells), source=source, page=page)


def _cell_text(words: list[Word]) -> str:
    by_line: dict[tuple, list[Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    return clean_text(
        " ".join(join_words(sorted(ws, key=lambda w: w.left)) for ws in by_line.values())
    )


def _reading(words: list[Word], scale: float) -> CellReading | None:
    if not words:
        return None
    confs = [w.conf for w in words if w.conf >= 0]
    box = (
        round(min(w.left for w in words) / scale),
        round(min(w.top for w in words) / scale),
        round(max(w.right for w in words) / scale),
        round(max(w.bottom for w in words) / scale),
    )
    return CellReading(_cell_text(words), round(min(confs) / 100, 3) if confs else 0.0, box)
