"""PDF with a text layer (pypdf). Lines wrapped by the page width are joined back into paragraphs.

A line is taken as wrapped when the next line's first character would not have fitted on it,
unless something says a new paragraph starts there: the next line opens a heading, is indented
(its first glyph stands right of the page's left edge, read from pypdf's text positions), or
begins with a lead phrase (``强化…供给。``) right after a sentence ended. Page numbers alone on a
line are dropped. Pages without extractable text (a scan) are read by OCR
(:mod:`planwatch.outline.ocr`).
"""

from __future__ import annotations

import re
import unicodedata
from io import BytesIO
from itertools import pairwise
from typing import NamedTuple

from planwatch.errors import InputError, text
from planwatch.outline.document import Block, paragraphs
from planwatch.outline.structure import lead_phrase

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4})?[-—–\s]*$")
_OPENS_BLOCK = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+[.、．](?!\d)|——|目\s*录|注[:：])"
)
_SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";")
#: Tolerance (in ems) for the estimate of a line's width; wider where indents mark paragraphs,
#: since justified lines end anywhere near the margin.
_SLACK = 0.75
_SLACK_INDENTED = 3.0
#: A line whose first glyph stands this many ems right of the page's left edge is indented.
_INDENT = 0.8


class Line(NamedTuple):
    """A line of a page; ``indent`` and ``reach`` (where it starts and ends, in ems from the
    page's left edge) are None where text positions are not known."""

    text: str
    indent: float | None = None
    reach: float | None = None


def read(data: bytes, name: str = "") -> list[Block]:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(
            text(
                "outline.needs_pypdf",
                "读取 .pdf 需要 pypdf 软件包",
                "reading .pdf needs the pypdf package",
            ),
            file=name,
        ) from None
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                text(
                    "outline.pdf_password", "该 PDF 设有密码保护", "the PDF is password-protected"
                ),
                file=name,
            )
        pages = [page_lines(page) for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(
            text(
                "outline.broken_pdf",
                "无法读取该 PDF（{kind}），文件可能已损坏",
                "cannot read the PDF ({kind})",
                kind=type(exc).__name__,
            ),
            file=name,
        ) from None
    scanned = None
    if any(not lines for lines in pages):  # pages without a text layer: a scan
        from planwatch.outline.ocr import scanned_pdf_blocks

        scanned = scanned_pdf_blocks(data, name, pages)
    blocks = scanned if scanned is not None else paragraphs(unwrap(pages))
    if not blocks:
        raise InputError(
            text(
                "outline.pdf_no_text",
                "该 PDF 没有文字层，文字识别（OCR）也未读出文字；请改用 .docx/.html 原件",
                "the PDF has no text layer and OCR found no text in it; "
                "use the .docx/.html original",
            ),
            file=name,
        )
    return blocks


def page_lines(page) -> list[Line]:
    """The page's text lines with where they start and end, when the text positions line up."""
    runs: list[tuple[float, float, float, str]] = []  # x, y, font size, text

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, abs(size * tm[0] * cm[0]) or 10.0, text))

    lines = [ln for ln in (page.extract_text(visitor_text=visit) or "").splitlines() if ln.strip()]
    rows = _rows(runs)
    if (
        not lines
        or len(rows) != len(lines)
        or any(
            _bare(line) != _bare("".join(text for *_, text in row))
            for line, row in zip(lines, rows, strict=True)
        )
    ):
        return [Line(line) for line in lines]
    left = min(x for row in rows for x, *_ in row)
    out = []
    for line, row in zip(lines, rows, strict=True):
        size = max(run[2] for run in row)
        start = min(x for x, *_ in row)
        end = max(x + _ems(text.strip()) * run_size for x, _, run_size, text in row)
        out.append(Line(line, (start - left) / size, (end - left) / size))
    return out


def unwrap(pages: list[list[str]] | list[list[Line]]) -> list[str]:
    """Join lines the page width broke (also across a page break), keeping paragraphs apart.

    Where positions are not known, widths are estimated in ems (CJK characters 1, digits and
    letters about half, ASCII punctuation less); the full width is taken from the widest lines
    of the document. Where the layout indents first lines (as GB/T 9704 asks), the indent alone
    tells where paragraphs start; in a flush layout a sentence end followed by a lead phrase
    does.
    """
    lines = [ln if isinstance(ln, Line) else Line(ln) for page in pages for ln in page]
    lines = [
        Line(ln.text.strip(), ln.indent, ln.reach)
        for ln in lines
        if ln.text.strip() and not _PAGE_NUMBER.match(ln.text.strip())
    ]
    if not lines:
        return []
    reaches = [_reach(ln) for ln in lines]
    widths = sorted(reaches)
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 10 else widths[-1]
    indented = [
        ln for ln in lines if (ln.indent or 0) >= _INDENT and not _OPENS_BLOCK.match(ln.text)
    ]
    layout_indents = len(indented) >= max(2, 0.02 * len(lines))
    out: list[str] = [lines[0].text]
    for k, (previous, line) in enumerate(pairwise(lines)):
        if _continues(previous.text, reaches[k], line, full, layout_indents):
            out[-1] += line.text
        else:
            out.append(line.text)
    return out


def _reach(line: Line) -> float:
    """Where a line ends, in ems from the left edge: measured, else estimated from its text."""
    if line.reach is not None:
        return line.reach
    return _ems(line.text) + (line.indent or 0)


def _continues(previous: str, reach: float, line: Line, full: float, layout_indents: bool) -> bool:
    """Whether ``line`` carries on the paragraph ``previous`` (ending ``reach`` ems from the left
    edge) was broken out of."""
    text, indent = line.text, line.indent
    if previous.endswith("|") or _OPENS_BLOCK.match(text):
        return False
    if indent is not None and indent >= _INDENT:  # a first-line indent opens a paragraph
        return False
    by_indent = layout_indents and indent is not None
    slack = _SLACK_INDENTED if by_indent else _SLACK
    if not (full > 15 and reach + _ems(text[0]) > full - slack):
        return False
    if by_indent:
        return True  # flush left in an indented layout: the same paragraph
    return not (previous.endswith(_SENTENCE_END) and _opens_with_lead(text))


def _opens_with_lead(line: str) -> bool:
    stop = line.find("。")
    return stop > 0 and lead_phrase(line[: stop + 1]) is not None


def _rows(runs: list[tuple[float, float, float, str]]) -> list[list[tuple]]:
    """Text runs grouped into lines: a run on another baseline starts a new line."""
    rows: list[list[tuple]] = []
    for run in runs:
        if rows and abs(run[1] - rows[-1][0][1]) <= 0.3 * run[2]:
            rows[-1].append(run)
        else:
            rows.append([run])
    return rows


def _bare(text: str) -> str:
    return "".join(text.split())


def _ems(text: str) -> float:
    return sum(_em(ch) for ch in text)


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WFA":
        return 1.0
    if ch in ",.:;'!|()[]`\"il ":
        return 0.3
    if ch.isupper() or ch in "%&@#mwMW":
        return 0.7
    return 0.5
