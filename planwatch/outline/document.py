"""The common document form every reader produces: paragraphs and tables in reading order.

Readers know file formats; everything after them (structure, indicators, targets) knows only
this form, so a new format needs nothing but a reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """One line of running text (a heading, a paragraph, or a cell of a flattened table).
    ``page`` is the page it starts on, where it was read from a scan (OCR)."""

    text: str
    page: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Table:
    """A real table: rows of cell texts. Merged cells repeat vertically, blank horizontally.

    A table read from an image also has ``cells``: for each cell, how sure OCR is of it and
    where it is in the image (:class:`planwatch.outline.ocr.table.CellReading`, or None for a
    cell that is only a repeat or a blank), plus the ``source`` image and ``page``.
    """

    rows: tuple[tuple[str, ...], ...]
    cells: tuple[tuple[object, ...], ...] | None = field(default=None, compare=False)
    source: str | None = field(default=None, compare=False)
    page: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class QuotedParagraph(Paragraph):
    """A paragraph set apart as a quote (Markdown ``>``, HTML ``<blockquote>``): where converted
    outlines put their 专栏 boxes. Everything else reads it as an ordinary paragraph."""


Block = Paragraph | Table


@dataclass
class Document:
    """What a reader returns: the blocks of one file, in the order a person reads them."""

    blocks: list[Block] = field(default_factory=list)
    format: str = "txt"

    def lines(self) -> list[str]:
        """The paragraph texts only (tables left out)."""
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]


_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def clean_text(text: str) -> str:
    """Fold a cell or reflowed paragraph to single spaces, none between CJK characters."""
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\ufeff", "")
    text = _SPACE_RUN.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()
    return _CJK_GAP.sub("", text)


def paragraphs(lines) -> list[Block]:
    """Blocks from text lines: surrounding blanks trimmed, empty lines dropped."""
    out: list[Block] = []
    for raw in lines:
        raw = raw.replace("\ufeff", "").replace("\u200b", "")
        line = raw.strip(" \t\r\n\u00a0\u3000")
        if "\t" in line and raw.lstrip(" \u3000").startswith("\t"):
            line = raw.strip(" \r\n\u00a0\u3000").rstrip("\t")  # a leading empty cell counts
        if line:
            out.append(Paragraph(line))
    return out


#: What web pages print around an article: share codes, print/close links, site ownership.
_CHROME = re.compile(
    r"扫码|扫一扫|二维码|打印本页|打印此页|【打印】|关闭窗口|关闭本页|【关闭】|版权所有|copyright|©"
    r"|主办单位|承办单位|协办单位|维护单位|技术支持|ICP备|ICP证|公网安备|网站标识码|网站地图|联系我们"
    r"|返回顶部|分享到|收藏本页|设为首页|加入收藏|浏览次数|访问量|上一篇|下一篇|字号[:：]?\s*[大中小]",
    re.IGNORECASE,
)
_NUMERAL = "一二三四五六七八九十百零〇"
_HEADING = re.compile(rf"^(?:第[{_NUMERAL}\d]+[篇章节]|[{_NUMERAL}]{{1,3}}、)")
#: Chrome lines are short and are not sentences.
_MAX_CHROME = 160
_MAX_MINOR = 40


def drop_page_furniture(blocks: list[Block]) -> list[Block]:
    """The blocks without the web-page chrome that trails the document
    (``扫码使用手机浏览本页内容``, ``【打印本页】``, ``主办单位…``, ``…ICP备…号``).

    Read from the end: chrome lines go, and so do short lines between them (an address, a lone
    ``|``); the first line of real text, a table or a heading stops it.
    """
    cut = len(blocks)
    for k in range(len(blocks) - 1, -1, -1):
        block = blocks[k]
        if not isinstance(block, Paragraph) or "。" in block.text or _HEADING.match(block.text):
            break
        if _CHROME.search(block.text) and len(block.text) <= _MAX_CHROME:
            cut = k
        elif len(block.text) > _MAX_MINOR:
            break
    return blocks[:cut]
