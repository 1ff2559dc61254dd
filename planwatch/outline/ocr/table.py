"""A table printed as an image, rebuilt from its ruling lines and read cell by cell.

Each (merged) cell of the :mod:`grid` is cut out, enlarged to a size Tesseract reads well and
read on its own, all cells through one Tesseract process; cells in columns of figures are read
a second time with only figure characters allowed, and the surer reading is kept. The result is
the common document form (a :class:`~planwatch.outline.document.Table`, so the same column logic
reads it as any text table) with every cell's confidence and box kept beside it:

* the header is the first row with three or more cells; each header cell is one column, even
  where rows below split it (a name cell over several rows beside its sub-rows: the row's name
  becomes ``主要污染物排放总量减少（化学需氧量）(%)``, the unit moved to the end);
* a cell merged down several rows repeats its text in each (a category, a shared attribute);
* a row that is one cell across the table is a category row, except the title rows above the
  header and the note rows (``注：…``) at the end, which become paragraphs.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planwatch.outline.document import Block, Paragraph, Table, clean_text
from planwatch.outline.ocr.engine import Word, recognise
from planwatch.outline.ocr.grid import Cell, Grid
from planwatch.outline.values import is_unit, read_quantity

if TYPE_CHECKING:  # numpy is loaded only when a picture is read
    import numpy as np

#: Cells are enlarged until their text is about this many pixels high (rows, where the
#: lines in a cell cannot be measured) ...
TEXT_HEIGHT = 56
#: ... (glyphs, measured in the cell).
GLYPH_HEIGHT = 48
#: Figure characters for the second reading of numeric columns.
FIGURES = "0123456789.[]<>%‰-—~〔〕"
_FIGURE_CHARS = r"[\[\]〔〕［］【】()（）<>≤≥＜＞~\-—–.\d%‰％\s]"
_FIGURE = re.compile(rf"^{_FIGURE_CHARS}*\d{_FIGURE_CHARS}*$")
_NOTE = re.compile(r"^(注|说明|备注|资料来源)")
_UNIT = re.compile(r"\s*[（(]([^（）()]{1,12})[)）]\s*$")
#: The model for the second reading of figures.
FIGURE_LANGUAGE = "eng"
#: A cell with less ink than this fraction of its area is empty.
_EMPTY_INK = 0.002


@dataclass(frozen=True)
class CellReading:
    """What OCR made of one cell: the text, its confidence (0–1, the least sure word's) and
    its box ``(left, top, right, bottom)`` in the source image's pixels; ``read_as`` what OCR
    read where the text was set right afterwards (:mod:`categories`), else None."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]
    read_as: str | None = None


def read_grid(
    gray: np.ndarray, grid: Grid, source: str, page: int | None, timeout: float
) -> list[Block]:
    """The table inside ``grid`` as blocks: title paragraphs, the table, note paragraphs."""
    scale = _scale(grid)
    readings = _read_cells(gray, grid.cells, scale, timeout)
    return _assemble(grid, readings, source, page)


def _scale(grid: Grid) -> float:
    heights = sorted(b - a for a, b in zip(grid.ys, grid.ys[1:], strict=False))
    row = heights[len(heights) // 2] if heights else TEXT_HEIGHT
    return min(4.0, max(1.0, TEXT_HEIGHT / max(1.0, row * 0.7)))


def _crop(gray: np.ndarray, box: tuple[int, int, int, int], scale: float, binarise: bool):
    """The cell's inside, rule remnants cleared, contrast stretched, enlarged and binarised
    (light text on a dark fill inverted); None for an empty cell."""
    import numpy as np
    from PIL import Image, ImageOps

    left, top, right, bottom = box
    part = gray[top + 2 : max(top + 3, bottom - 1), left + 2 : max(left + 3, right - 1)].copy()
    if part.size == 0:
        return None
    paper = float(np.median(part))
    if paper < 110:  # light text on a dark fill
        part = 255 - part
        paper = 255 - paper
    _clear_edges(part, paper)
    if (part < paper - 60).mean() < _EMPTY_INK:
        return None
    image = ImageOps.autocontrast(Image.fromarray(part), cutoff=1)
    scale = _glyph_scale(part < paper - 60) or scale
    if scale > 1:
        image = image.resize(
            (round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS
        )
    if binarise:
        pixels = np.asarray(image)
        image = Image.fromarray(np.where(pixels > otsu(pixels), 255, 0).astype(np.uint8))
    framed = Image.new("L", (image.width + 24, image.height + 24), 255)
    framed.paste(image, (12, 12))
    return framed


def _glyph_scale(ink: np.ndarray) -> float | None:
    """How much to enlarge a cell so its text lines are about ``GLYPH_HEIGHT`` pixels high,
    from the heights of the inked bands in it."""
    import numpy as np

    rows = ink.any(axis=1)
    bands, run = [], 0
    for inked in rows:
        if inked:
            run += 1
        elif run:
            bands.append(run)
            run = 0
    if run:
        bands.append(run)
    bands = [b for b in bands if b >= 4]
    if not bands:
        return None
    return min(4.0, max(1.0, GLYPH_HEIGHT / float(np.median(bands))))


def _clear_edges(part: np.ndarray, paper: float) -> None:
    """Paint out what is left of the rules along the crop's edges: rows or columns near an
    edge that are mostly dark."""
    band = 5
    dark = part < paper - 25
    height, width = part.shape
    for y in [*range(min(band, height)), *range(max(0, height - band), height)]:
        if dark[y].mean() > 0.5:
            part[y] = paper
    for x in [*range(min(band, width)), *range(max(0, width - band), width)]:
        if dark[:, x].mean() > 0.5:
            part[:, x] = paper


def otsu(pixels: np.ndarray) -> int:
    """Otsu's threshold: the grey level that best splits ink from paper."""
    import numpy as np

    hist = np.bincount(pixels.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, grand = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (grand * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between))


#: Word cells read with less confidence than this are read again from the binarised crop;
#: the surer reading is kept.
_UNSURE_WORDS = 0.90


def _read_cells(
    gray: np.ndarray, cells: tuple[Cell, ...], scale: float, timeout: float
) -> dict[Cell, CellReading]:
    """Every cell read as text; cells of figure columns read again with only figure characters
    allowed, from the grey and the binarised crop, keeping the surest figure reading; word
    cells read with little confidence read again from the binarised crop, keeping the surer
    reading (on the scanned sample: 170 instead of 168 of 189 indicator cells right)."""
    readings = {cell: CellReading("", 1.0, cell.box) for cell in cells}
    with tempfile.TemporaryDirectory(prefix="planwatch-cells-") as tmp:
        grey: dict[Cell, Path] = {}
        for k, cell in enumerate(cells):
            image = _crop(gray, cell.box, scale, binarise=False)
            if image is not None:
                grey[cell] = Path(tmp) / f"cell{k:04d}.png"
                image.save(grey[cell])
        order = list(grey)
        for cell, words in zip(order, recognise([grey[c] for c in order], 6, timeout), strict=True):
            readings[cell] = CellReading(cell_text(words), _confidence(words), cell.box)
        figures = [c for c in order if _in_figure_column(c, readings)]
        unsure = [c for c in order if c not in figures and readings[c].confidence < _UNSURE_WORDS]
        second: dict[Cell, Path] = {}
        for cell in unsure:
            second[cell] = grey[cell].with_suffix(".words.png")
            _crop(gray, cell.box, scale, binarise=True).save(second[cell])
        for cell, words in zip(
            unsure, recognise([second[c] for c in unsure], 6, timeout), strict=True
        ):
            other = CellReading(cell_text(words), _confidence(words), cell.box)
            if other.text and other.confidence > readings[cell].confidence:
                readings[cell] = other
        binary = {}
        for cell in figures:
            binary[cell] = grey[cell].with_suffix(".bin.png")
            _crop(gray, cell.box, scale, binarise=True).save(binary[cell])
        paths = [grey[c] for c in figures] + [binary[c] for c in figures]
        again = recognise(paths, 7, timeout, whitelist=FIGURES, language=FIGURE_LANGUAGE)
        for k, cell in enumerate(figures):
            options = [readings[cell]] + [
                CellReading(cell_text(words), _confidence(words), cell.box)
                for words in (again[k], again[k + len(figures)])
            ]
            figures_read = [o for o in options if _FIGURE.match(o.text)]
            if figures_read and not _worded_figure(readings[cell].text):
                readings[cell] = max(figures_read, key=lambda o: o.confidence)
    return readings


def _worded_figure(text: str) -> bool:
    """A figure with words (``4.5以内``, ``6左右``): the figure-only reading would lose them."""
    quantity = read_quantity(text)
    return (
        quantity is not None
        and quantity.value is not None
        and any("\u4e00" <= ch <= "\u9fff" for ch in text)
    )


def _in_figure_column(cell: Cell, readings: dict[Cell, CellReading]) -> bool:
    """Most other single-column cells in this cell's column hold figures."""
    if cell.col_end - cell.col != 1:
        return False
    column = [r.text for c, r in readings.items() if c.col == cell.col and c.col_end == c.col + 1]
    filled = [t for t in column if t]
    return len(filled) >= 3 and sum(bool(_FIGURE.match(t)) for t in filled) >= 0.5 * len(filled)


def cell_text(words: list[Word]) -> str:
    """Words joined line by line: a space only between two Latin letters or digits."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out = []
    for line in lines.values():
        out.append(join_words(sorted(line, key=lambda w: w.left)))
    return tidy_cell(clean_text(" ".join(out)))


_DASHES = re.compile(r"^[一—–\-_－]{1,4}$")
#: How OCR misreads ``%`` in a unit bracket at the end of a name: ``(9%0)``, ``(%o)``, ``(50)``,
#: ``(5)`` (this one only after a Chinese name: a figure cell ``(5)`` stays as read).
_PERCENT = re.compile(r"[（(]([%9o0５56b\"'“”]{1,4})[)）]$")


def tidy_cell(text: str) -> str:
    """A dash cell read as ``一一`` is ``——``; a unit bracket misread from ``%`` is ``(%)``, one
    whose end is read as a brace is closed again."""
    if _DASHES.match(text):
        return "——"
    if text.endswith("}") and text.count("(") > text.count(")"):
        text = text[:-1] + ")"  # a unit bracket's end read as a brace
    found = _PERCENT.search(text)
    if found and ("%" in found.group(1) or found.group(1) in ("50", "56", "90", "96", "99", "ob")):
        return text[: found.start()] + "(%)"
    if found and found.group(1) == "5" and re.search(r"[\u4e00-\u9fff]\s*$", text[: found.start()]):
        return text[: found.start()] + "(%)"  # ``(5)``: only after a name, never a figure alone
    return text


def join_words(words: list[Word]) -> str:
    text = ""
    for word in words:
        if text and text[-1].isascii() and text[-1].isalnum() and word.text[0].isascii():
            text += " "
        text += word.text
    return text


def _confidence(words: list[Word]) -> float:
    confs = [w.conf for w in words if w.conf >= 0]
    return round(min(confs) / 100, 3) if confs else 0.0


def _assemble(
    grid: Grid, readings: dict[Cell, CellReading], source: str, page: int | None
) -> list[Block]:
    rows = len(grid.ys) - 1
    width = len(grid.xs) - 1
    at: dict[tuple[int, int], Cell] = {}
    for cell in grid.cells:
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                at[(r, c)] = cell
    header_row = next(
        (r for r in range(rows) if len({at[(r, c)] for c in range(width)}) >= 3), None
    )
    if header_row is None:
        return []
    columns = _columns([at[(header_row, c)] for c in range(width)])
    before: list[Block] = []
    for r in range(header_row):
        text = _row_text(r, width, at, readings)
        if text:
            before.append(Paragraph(text, page))
    table_rows: list[tuple[str, ...]] = []
    table_cells: list[tuple[CellReading | None, ...]] = []
    after: list[Block] = []
    for r in range(header_row, rows):
        distinct = {at[(r, c)] for c in range(width)}
        if len(distinct) == 1:
            text = _row_text(r, width, at, readings)
            if not text:
                continue
            if _NOTE.match(text) or after:
                after.append(Paragraph(text, page))
                continue
            cell = next(iter(distinct))
            table_rows.append((text,) + ("",) * (len(columns) - 1))
            table_cells.append((readings[cell],) + (None,) * (len(columns) - 1))
            continue
        texts, infos = [], []
        for a, b in columns:
            text, info = _column_cell(r, a, b, at, readings)
            texts.append(text)
            infos.append(info)
        table_rows.append(tuple(texts))
        table_cells.append(tuple(infos))
    table = Table(rows=tuple(table_rows), cells=tuple(table_cells), source=source, page=page)
    return [*before, table, *after]


def _columns(header: list[Cell]) -> list[tuple[int, int]]:
    """Grid-column spans of the header's cells, left to right."""
    spans = []
    for cell in dict.fromkeys(header):
        spans.append((cell.col, cell.col_end))
    return spans


def _row_text(r: int, width: int, at, readings) -> str:
    cells = list(dict.fromkeys(at[(r, c)] for c in range(width)))
    return clean_text(" ".join(readings[c].text for c in cells if readings[c].text))


def _column_cell(r: int, a: int, b: int, at, readings) -> tuple[str, CellReading | None]:
    """The text of one header column in row ``r``, from the grid cells under it."""
    cells = list(dict.fromkeys(at[(r, c)] for c in range(a, b)))
    if len(cells) == 1 and cells[0].col < a:  # a cell spanning from the left: blank here
        return "", None
    parts = [readings[c] for c in cells if readings[c].text]
    if not parts:
        return "", None
    if len(parts) == 2 and _spans_more_rows(cells[0], cells[1]):
        text = nest(parts[0].text, parts[1].text)
    else:
        text = clean_text(" ".join(p.text for p in parts))
    info = CellReading(
        text,
        min(p.confidence for p in parts),
        (
            min(p.box[0] for p in parts),
            min(p.box[1] for p in parts),
            max(p.box[2] for p in parts),
            max(p.box[3] for p in parts),
        ),
    )
    return text, info


def _spans_more_rows(outer: Cell, inner: Cell) -> bool:
    return outer.row_end - outer.row > inner.row_end - inner.row


def nest(outer: str, inner: str) -> str:
    """A sub-row's name under the name it is grouped by, the unit moved to the end:
    ``主要污染物排放总量减少(%)`` + ``化学需氧量`` → ``主要污染物排放总量减少（化学需氧量）(%)``."""
    unit = None
    for text in (inner, outer):
        found = _UNIT.search(text)
        if found and is_unit(found.group(1)):
            unit = unit or found.group(1)
    outer_name = _UNIT.sub("", outer).strip()
    inner_name = _UNIT.sub("", inner).strip()
    return f"{outer_name}（{inner_name}）" + (f"({unit})" if unit else "")
