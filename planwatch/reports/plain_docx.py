"""A short official-format (GB/T 9704) document from plain paragraphs and simple tables.

The third-party draft report and the survey summary are a few headed sections each; they share
this writer instead of the long assessment report's :class:`docx_writer.Draft`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from planwatch.reports.wording import PLACEHOLDER, chinese_ordinal


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: Sequence[str] = ()
    #: A table: the header row first; every cell is text.
    table: Sequence[Sequence[str]] = ()
    #: Sentences left for a person to write, highlighted as 【请填写：…】.
    to_fill: Sequence[str] = ()


@dataclass(frozen=True)
class PlainDocument:
    title: str
    opening: str
    sections: Sequence[Section] = field(default_factory=tuple)
    author: str = ""
    closing: Sequence[str] = ()


def plain_docx(document: PlainDocument) -> bytes:
    """The document as the bytes of a .docx file."""
    # python-docx loads when a document is written, not when the web system starts.
    from docx import Document

    from planwatch.reports import gbt9704
    from planwatch.reports.gbt9704 import add_paragraph, add_run

    doc = Document()
    gbt9704.apply_layout(doc)
    props = doc.core_properties
    props.title, props.author, props.language = document.title, document.author, "zh-CN"
    gbt9704.add_title(doc, document.title)
    add_run(add_paragraph(doc), document.opening)
    for number, section in enumerate(document.sections, start=1):
        add_run(
            add_paragraph(doc, gbt9704.HEADING1), f"{chinese_ordinal(number)}、{section.heading}"
        )
        for text in section.paragraphs:
            add_run(add_paragraph(doc), text)
        if section.table:
            _table(doc, section.table)
        for what in section.to_fill:
            add_run(add_paragraph(doc), PLACEHOLDER.format(what), highlight=True)
    for line in document.closing:
        add_run(add_paragraph(doc), line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _table(doc, rows: Sequence[Sequence[str]]) -> None:
    from planwatch.reports import gbt9704
    from planwatch.reports.gbt9704 import add_run

    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            gbt9704.set_style(paragraph, gbt9704.TABLE_TEXT)
            add_run(paragraph, str(value), bold=True if r == 0 else None)
