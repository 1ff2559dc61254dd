"""A saved web page: block elements become lines, data tables become tables.

Government pages often lay the whole article out inside a ``<table>``; a table whose cells hold
long text or nested tables is treated as layout and walked into, not read as data. As in the
Markdown reader, a ``<details>`` block (a collapsed table of contents) is left out, and an
``<img>`` in the article with a caption (its ``alt``/``title`` in Chinese, else the 专栏 title
right above it) becomes the line ``〔图表未提供文字：caption〕`` so a table printed as a picture
stays visible; images without a caption (icons, spacers) and those in ``<header>``, ``<nav>``
or ``<footer>`` are page decoration. An ``<img>``
whose ``src`` is a file beside the page is read by OCR where it holds a table or text.
"""

from __future__ import annotations

import re

from planwatch.errors import InputError, text
from planwatch.outline.document import Block, Paragraph, QuotedParagraph, Table, clean_text
from planwatch.outline.ocr import document_path, linked_picture_blocks
from planwatch.outline.readers.markdown import IMAGE_MARK
from planwatch.outline.readers.txt import decode_text

_SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "button", "select", "head"}
_SKIP |= {"details"}
#: Page decoration, not the article: its images are logos and icons.
_CHROME = {"header", "nav", "footer"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOX_TITLE = re.compile(r"^专栏\s*[\d一二三四五六七八九十]+")
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2",
    "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center",
    "form", "figure", "figcaption", "address", "hr", "tr", "td", "th", "tbody", "thead", "caption",
}  # fmt: skip
#: A cell longer than this is prose inside a layout table, not a data value.
_MAX_DATA_CELL = 200


def read(data: bytes, name: str = "") -> list[Block]:
    try:
        from bs4 import BeautifulSoup
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(
            text(
                "outline.needs_bs4",
                "读取 .html 需要 beautifulsoup4 软件包",
                "reading .html needs the beautifulsoup4 package",
            ),
            file=name,
        ) from None
    soup = BeautifulSoup(decode_text(data, name), "html.parser")
    walker = _Walker(document_path(name, data))
    walker.walk(soup.body or soup)
    walker.flush()
    return walker.blocks


class _Walker:
    def __init__(self, name: str = "") -> None:
        self.name = name  # the page's path: pictures beside it are read by OCR
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.quoted = 0  # inside <blockquote>: where converted pages put 专栏 boxes
        self.chrome = 0  # inside <header>/<nav>/<footer>

    def flush(self) -> None:
        for line in "".join(self.buffer).split("\n"):
            text = clean_text(line)
            if text:
                self.blocks.append((QuotedParagraph if self.quoted else Paragraph)(text))
        self.buffer = []

    def walk(self, node) -> None:
        from bs4 import Comment, NavigableString, Tag

        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in _SKIP:
                continue
            if child.name == "br":
                self.buffer.append("\n")
            elif child.name == "img":
                caption = clean_text(child.get("alt") or child.get("title") or "")
                src = child.get("src") or ""
                pictured = (
                    linked_picture_blocks(self.name, src, caption)
                    if self.name and not self.chrome
                    else None
                )
                if pictured:
                    self.flush()
                    self.blocks.extend(pictured)
                else:
                    self.image(child)
            elif child.name in _CHROME:
                self.flush()
                self.chrome += 1
                self.walk(child)
                self.flush()
                self.chrome -= 1
            elif child.name == "table" and _is_data_table(child):
                self.flush()
                table = _table(child)
                if table.rows:
                    self.blocks.append(table)
            elif child.name == "blockquote":
                self.flush()
                self.quoted += 1
                self.walk(child)
                self.flush()
                self.quoted -= 1
            elif child.name in _BLOCK or child.name == "table":
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def image(self, img) -> None:
        """A picture in the article: a table or figure the text does not give."""
        if self.chrome or _in_chrome(img):
            return
        self.flush()
        caption = next(
            (
                clean_text(str(img.get(k) or ""))
                for k in ("alt", "title")
                if _CJK.search(str(img.get(k) or ""))
            ),
            None,
        )
        last = self.blocks[-1] if self.blocks else None
        if caption is None and isinstance(last, Paragraph) and _BOX_TITLE.match(last.text):
            caption = last.text
        if caption is None and _alone(img):
            caption = "—"  # untitled, as the Markdown reader says
        if caption:
            kind = QuotedParagraph if self.quoted else Paragraph
            self.blocks.append(kind(IMAGE_MARK.format(caption=caption)))


#: Class or id words of page decoration around the article.
_CHROME_NAME = re.compile(r"head|nav|foot|logo|share|menu|banner|bottom|top|icon", re.IGNORECASE)


def _in_chrome(img) -> bool:
    """Inside a link (an icon, a button) or a block named as page decoration."""
    for parent in img.parents:
        if parent.name == "a" or parent.name in _CHROME:
            return True
        names = " ".join([*(parent.get("class") or []), str(parent.get("id") or "")])
        if names and _CHROME_NAME.search(names):
            return True
    return False


def _alone(img) -> bool:
    """The only thing in its paragraph (``<p align="center"><img …></p>``): a figure, not an
    inline icon."""
    parent = img.parent
    return parent is not None and parent.name in _BLOCK and not parent.get_text(strip=True)


def _is_data_table(table) -> bool:
    if table.find("table") is not None:
        return False
    cells = table.find_all(["td", "th"])
    return bool(cells) and all(len(c.get_text(strip=True)) <= _MAX_DATA_CELL for c in cells)


def _table(table) -> Table:
    """Rows of cells with colspan blanked to the right and rowspan carried down."""
    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    for tr in table.find_all("tr"):
        row: list[str] = []
        cells = tr.find_all(["td", "th"], recursive=False)
        queue = list(cells)
        col = 0
        while queue or col in pending:
            if col in pending:
                text, left = pending.pop(col)
                row.append(text)
                if left > 1:
                    pending[col] = (text, left - 1)
                col += 1
                continue
            cell = queue.pop(0)
            text = _cell_text(cell)
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan"))
            for offset in range(span):
                row.append(text if offset == 0 else "")
                if down > 1:
                    pending[col + offset] = (text if offset == 0 else "", down - 1)
            col += span
        if any(row):
            rows.append(row)
    return Table(rows=tuple(tuple(r) for r in rows))


def _cell_text(cell) -> str:
    """A cell's text; tags inside it (``<strong>``, ``<span>``, ``<p>``) join without a gap so
    ``60.<span>6</span>`` stays 60.6, while ``<br>`` and block children still separate words."""
    parts = []
    for piece in cell.descendants:
        name = getattr(piece, "name", None)
        if name is None:
            parts.append(str(piece))
        elif name in ("br", "p", "div", "li"):
            parts.append(" ")
    return clean_text("".join(parts))


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 50))
    except (TypeError, ValueError):
        return 1
