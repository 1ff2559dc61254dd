"""Word .docx: paragraphs and real tables, walked in document order so a table stays in place.

Pictures in the body (a table pasted as an image) are read by OCR where it is installed.
Merged cells follow the common document form: a vertically merged cell (a category spanning
rows) repeats its text in every row; a horizontally merged one keeps its text in the first
column only.
"""

from __future__ import annotations

from io import BytesIO

from planwatch.errors import InputError, text
from planwatch.outline.document import Block, Paragraph, Table, clean_text


def read(data: bytes, name: str = "") -> list[Block]:
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(
            text(
                "outline.needs_docx",
                "读取 .docx 需要 python-docx 软件包",
                "reading .docx needs the python-docx package",
            ),
            file=name,
        ) from None
    try:
        document = docx.Document(BytesIO(data))
        blocks: list[Block] = []
        for item in document.iter_inner_content():
            if isinstance(item, DocxParagraph):
                blocks.extend(_paragraph_lines(item.text))
                blocks.extend(_pictures(item, document, name))
            elif isinstance(item, DocxTable):
                table = _table(item)
                if table.rows:
                    blocks.append(table)
    except InputError:
        raise
    except Exception as exc:  # a damaged package: python-docx raises many kinds
        reason = text(
            "outline.broken_docx",
            "无法读取该 .docx 文档（{kind}），文件可能已损坏",
            "cannot read the .docx document ({kind})",
            kind=type(exc).__name__,
        )
        raise InputError(reason, file=name) from None
    return blocks


def _pictures(paragraph, document, name: str) -> list[Block]:
    """Pictures in the paragraph (a table pasted as an image), read by OCR where they hold a
    table or text; nothing where OCR is not installed."""
    from planwatch.outline.ocr import available, picture_blocks

    found = paragraph._element.xpath(".//a:blip/@r:embed")
    if not found or not available():
        return []
    out: list[Block] = []
    for rid in found:
        part = document.part.related_parts.get(rid)
        blob = getattr(part, "blob", None)
        if blob:
            out.extend(picture_blocks(blob, name, getattr(part, "partname", rid)) or [])
    return out


def _paragraph_lines(text: str) -> list[Block]:
    """A paragraph with manual line breaks reads as several lines, like the text form."""
    return [Paragraph(t) for t in (line.strip(" \t\u3000\u00a0") for line in text.split("\n")) if t]


def _table(table) -> Table:
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            same = previous is not None and cell._tc is previous
            cells.append("" if same else clean_text(cell.text))
            previous = cell._tc
        if any(cells):
            rows.append(tuple(cells))
    return Table(rows=tuple(rows))
