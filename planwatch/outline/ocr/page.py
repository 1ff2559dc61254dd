"""One image (a scanned page, a picture in a document) read as text lines and tables.

Ruled tables are found first (:mod:`grid`) and read cell by cell (:mod:`table`); the rest of the
image, with the tables painted out, is read as a block of text lines. Each line keeps where it
starts and ends in ems from the text's left edge, so the PDF reader's paragraph logic
(:func:`planwatch.outline.readers.pdf.unwrap`) joins lines the page width broke exactly as it
does for a PDF with a text layer. Small pictures are enlarged first: Tesseract reads glyphs
about 30 pixels high best.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planwatch.outline.document import Block, Paragraph, Table
from planwatch.outline.ocr.agree import agree_with_document
from planwatch.outline.ocr.categories import snap_categories
from planwatch.outline.ocr.engine import Word, recognise
from planwatch.outline.ocr.grid import find_grids
from planwatch.outline.ocr.layout import build_table, find_tables
from planwatch.outline.ocr.table import join_words, read_grid

if TYPE_CHECKING:  # numpy is loaded only when a picture is read
    import numpy as np

#: Pictures narrower than this are enlarged before the text is read.
MIN_WIDTH = 1600
#: A gap this many ems wide between words on a line is a column gap (two spaces); justified
#: lines stretch theirs to about two.
_COLUMN_GAP = 3.5
_LEADER = ".…·•．"
#: A line reaching within this many ems of the text width is a full line.
_FULL_SLACK = 1.5
_NUMERAL = "一二三四五六七八九十百零〇"
_HEADING = re.compile(rf"^(?:第[{_NUMERAL}\d]+[篇章节]|[{_NUMERAL}]+、|[（(][{_NUMERAL}]+[)）])")
#: The end of a contents line as OCR reads it: a dot leader (often read as a few dots and
#: letters, or lost) and the page number.
_CONTENTS_TAIL = re.compile(
    rf"(?:[{_LEADER}]+|(?<=[\u4e00-\u9fff”）)]))[\s{_LEADER}A-Za-z]*(\d[\d ]{{0,3}})?$"
)


@dataclass(frozen=True)
class OcrLine:
    """A text line of a page: its text, top (pixels), left and right edges (pixels), height."""

    text: str
    top: int
    left: int
    right: int
    height: int
    page: int | None


@dataclass(frozen=True)
class Placed:
    """A table (with its title and note paragraphs) and where it starts on the page."""

    top: int
    blocks: list[Block]


def read_image(image, source: str, page: int | None, timeout: float) -> list[OcrLine | Placed]:
    """Lines and tables of one image, top to bottom."""
    import numpy as np

    gray = np.asarray(image.convert("L"))
    items: list[OcrLine | Placed] = []
    text_part = np.array(smoothed(image))  # tables are read from the picture as it is
    for grid in find_grids(gray):
        blocks = read_grid(gray, grid, source, page, timeout)
        if not any(isinstance(b, Table) and b.rows for b in blocks):
            continue
        left, top, right, bottom = grid.box
        text_part[max(0, top - 2) : bottom + 3, max(0, left - 2) : right + 3] = 255
        items.append(Placed(top, blocks))
    items += read_lines(text_part, page, timeout, source)
    return sorted(items, key=lambda item: item.top)


#: Gaussian blur (pixels) given to a black-and-white scan before it is read.
_SMOOTHING = 0.7


def smoothed(image):
    """The image in grey; a black-and-white one (as document scanners store text pages)
    slightly blurred first: Tesseract's model learnt from anti-aliased glyphs and misreads
    fewer characters of a bilevel scan's text once its staircase edges are softened (on the
    scanned sample, 200 dpi: 119 instead of 157 characters missed on four dense pages). Table
    cells are not blurred: small figures and ``(%)`` read worse so."""
    from PIL import ImageFilter

    if image.mode == "1":
        return image.convert("L").filter(ImageFilter.GaussianBlur(_SMOOTHING))
    gray = image.convert("L")
    low, high = gray.getextrema()
    if len(gray.histogram()[low + 1 : high]) and not any(gray.histogram()[low + 1 : high]):
        return gray.filter(ImageFilter.GaussianBlur(_SMOOTHING))  # bilevel, stored as grey
    return gray


def read_lines(
    gray: np.ndarray, page: int | None, timeout: float, source: str = ""
) -> list[OcrLine | Placed]:
    """The image's text lines, and the tables laid out without rules among them."""
    import numpy as np
    from PIL import Image

    if (gray < np.median(gray) - 60).mean() < 0.0005:  # nothing printed
        return []
    image = Image.fromarray(gray)
    scale = 1.0
    if image.width < MIN_WIDTH:
        scale = min(4.0, MIN_WIDTH / image.width)
        image = image.resize(
            (round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS
        )
    with tempfile.TemporaryDirectory(prefix="planwatch-page-") as tmp:
        path = Path(tmp) / "page.png"
        image.save(path)
        (words,) = recognise([path], 6, timeout)
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        grouped.setdefault(word.line, []).append(word)
    groups = sorted(grouped.values(), key=lambda ws: min(w.top for w in ws))
    if not groups:
        return []
    em = float(np.median([w.height for w in words])) or 1.0
    lefts = sorted(min(w.left for w in ws) for ws in groups)
    margin = lefts[len(lefts) // 20]
    width = max(w.right for w in words) - margin
    items: list[OcrLine | Placed] = []
    k = 0
    for first, end, starts in find_tables(groups, em, margin, width):
        items += lines_from_words(groups[k:first], page, scale)
        table = build_table(groups[first:end], starts, em, scale, source, page)
        items.append(Placed(round(min(w.top for w in groups[first]) / scale), [table]))
        k = end
    items += lines_from_words(groups[k:], page, scale)
    return items


def lines_from_words(
    groups: list[list[Word]], page: int | None, scale: float = 1.0
) -> list[OcrLine]:
    """One text line per group of words Tesseract put on a line."""
    import numpy as np

    lines = []
    for group in groups:
        group.sort(key=lambda w: w.left)
        height = int(np.median([w.height for w in group]))
        pieces: list[list[Word]] = [[group[0]]]
        for word in group[1:]:
            if word.left - pieces[-1][-1].right > _COLUMN_GAP * max(height, 1):
                pieces.append([word])
            else:
                pieces[-1].append(word)
        text = tidy_line("  ".join(join_words(piece) for piece in pieces).strip())
        if not text:
            continue
        lines.append(
            OcrLine(
                text,
                round(min(w.top for w in group) / scale),
                round(group[0].left / scale),
                round(group[-1].right / scale),
                round(max(height, 1) / scale),
                page,
            )
        )
    return sorted(lines, key=lambda ln: ln.top)


def tidy_line(text: str) -> str:
    """A contents line's dot leader and page number, as OCR reads them, written ``……12``."""
    if _HEADING.match(text):
        tail = _CONTENTS_TAIL.search(text)
        if (
            tail
            and tail.start() > 0
            and (tail.group(1) or any(ch in _LEADER for ch in tail.group(0)))
        ):
            page = (tail.group(1) or "").replace(" ", "")
            text = text[: tail.start()] + "……" + page
    return text


def pair_quotes(text: str) -> str:
    """Curly double quotes paired again within a Chinese paragraph (OCR reads a closing ``”``
    as an opening one, or as ``"``)."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text
    out, open_double = [], False
    for ch in text:
        if ch in '“”"':
            ch = "”" if open_double else "“"
            open_double = not open_double
        out.append(ch)
    return "".join(out)


def blocks_from_pages(pages: list[list], numbers: list[int | None] | None = None) -> list[Block]:
    """Paragraphs (lines the page width broke joined again, across pages too) and tables.

    A page's items are OCR lines and placed tables, or (a page of a PDF that has a text layer)
    the PDF reader's lines, already measured in ems; ``numbers`` gives those pages' numbers.
    """
    import numpy as np

    from planwatch.outline.readers.pdf import Line

    lines = [item for items in pages for item in items if isinstance(item, OcrLine)]
    if not lines:
        em, left_edge = 1.0, 0
    else:
        em = float(np.median([ln.height for ln in lines])) or 1.0
        lefts = sorted(ln.left for ln in lines)
        left_edge = lefts[len(lefts) // 20]  # the text's left edge, ignoring stray marks
    blocks: list[Block] = []
    run: list[tuple[Line, int | None]] = []

    def flush() -> None:
        if run:
            blocks.extend(_paragraphs([ln for ln, _ in run], [page for _, page in run]))
        run.clear()

    for k, items in enumerate(pages):
        for item in items:
            if isinstance(item, OcrLine):
                if _HEADING.match(item.text) and item.text.endswith("……"):
                    continue  # a contents line whose page number OCR lost: navigation only
                indent = max(0.0, (item.left - left_edge) / em)
                run.append((Line(item.text, indent, (item.right - left_edge) / em), item.page))
            elif isinstance(item, Placed):
                carried = not run and blocks and isinstance(blocks[-1], Table)
                flush()
                if carried and _carries_on(blocks[-1], item.blocks):
                    blocks[-1] = _continued(blocks[-1], item.blocks[0])
                    blocks.extend(item.blocks[1:])
                else:
                    blocks.extend(item.blocks)
            else:
                run.append((item, numbers[k] if numbers else None))
    flush()
    return agree_with_document(number_from_contents(snap_categories(blocks)), _HEADING)


_MISREAD_NUMBER = re.compile(rf"^第([^{_NUMERAL}\d])([篇章节])(.+)$")
_CONTENTS = re.compile(rf"^(第[{_NUMERAL}\d]+[篇章节])(.+?)……\d*$")


def number_from_contents(blocks: list[Block]) -> list[Block]:
    """A heading whose numeral OCR misread (``第作章`` for ``第八章``) takes the number the
    contents give the same title."""
    contents = {}
    for block in blocks:
        if isinstance(block, Paragraph) and (found := _CONTENTS.match(block.text)):
            contents.setdefault(_bare(found.group(2))[:12], found.group(1))
    out: list[Block] = []
    for block in blocks:
        found = _MISREAD_NUMBER.match(block.text) if isinstance(block, Paragraph) else None
        number = found and contents.get(_bare(found.group(3))[:12])
        if number and number.endswith(found.group(2)):
            block = Paragraph(number + found.group(3), block.page)
        out.append(block)
    return out


def _bare(text: str) -> str:
    return "".join(text.split())


def _carries_on(table: Table, blocks: list[Block]) -> bool:
    """The page opens with a table as wide as the one the last page ended with."""
    more = blocks[0] if blocks else None
    return (
        isinstance(more, Table)
        and bool(table.rows and more.rows)
        and more.page != table.page
        and len(more.rows[0]) == len(table.rows[-1])
    )


def _heading_segments(lines: list) -> list[list]:
    """The lines cut after a heading whose next line is a full line: a heading's own second
    line is short, so a full line after it is the paragraph below (which a flush layout does
    not otherwise tell apart)."""
    from planwatch.outline.readers.pdf import _reach

    if not lines:
        return []
    reaches = sorted(_reach(ln) for ln in lines)
    full = reaches[int(len(reaches) * 0.9)] if len(reaches) >= 10 else reaches[-1]
    segments: list[list] = [[]]
    for k, line in enumerate(lines):
        segments[-1].append(line)
        following = lines[k + 1] if k + 1 < len(lines) else None
        if (
            following is not None
            and _HEADING.match(line.text.strip())
            and "。" not in line.text  # a heading with its text on the line runs on
            and _reach(following) >= full - _FULL_SLACK
        ):
            segments.append([])
    return [segment for segment in segments if segment]


def _continued(table: Table, more: Table) -> Table:
    """A table carried over a page break: one table. Where the row at the break was split
    (the first row over the page has no figures, only the rest of some cells' text), its
    pieces are joined to the row before the break."""
    first = more.rows[0]
    split = sum(1 for cell in first if cell.strip()) <= 2 and not any(
        ch.isdigit() for cell in first[2:] for ch in cell
    )
    return _joined(table, more, split)


def _joined(table: Table, more: Table, split: bool) -> Table:
    rows, cells = list(table.rows), list(table.cells or [])
    more_rows, more_cells = (
        list(more.rows),
        list(more.cells or [(None,) * len(r) for r in more.rows]),
    )
    if split:
        last, extra = rows[-1], more_rows.pop(0)
        extra_cells = more_cells.pop(0)
        rows[-1] = tuple(a + b if b and a != b else a for a, b in zip(last, extra, strict=True))
        cells[-1] = tuple(
            a if b is None else (b if a is None else _merged_reading(a, b))
            for a, b in zip(cells[-1], extra_cells, strict=True)
        )
    return Table(
        rows=tuple(rows + more_rows),
        cells=tuple(cells + more_cells),
        source=table.source,
        page=table.page,
    )


def _merged_reading(a, b):
    from planwatch.outline.ocr.table import CellReading

    return CellReading(a.text + b.text, min(a.confidence, b.confidence), a.box)


def _paragraphs(lines, pages: list[int | None]) -> list[Paragraph]:
    """:func:`unwrap` the lines, and give each paragraph the page of its first line."""
    from planwatch.outline.readers.pdf import _PAGE_NUMBER, unwrap

    kept = [
        (ln.text.strip(), page)
        for ln, page in zip(lines, pages, strict=True)
        if ln.text.strip() and not _PAGE_NUMBER.match(ln.text.strip())
    ]
    out = []
    k = 0
    for text in (t for segment in _heading_segments(lines) for t in unwrap([segment])):
        page = kept[k][1] if k < len(kept) else None
        taken = ""
        while k < len(kept) and len(taken) < len(text):
            taken += kept[k][0]
            k += 1
        out.append(Paragraph(pair_quotes(text), page))
    return out
