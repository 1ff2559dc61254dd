"""Markdown (and text converted to Markdown from a web page): markup removed, tables kept.

Real outlines often reach a coordinator as a Markdown conversion of the official text: YAML
front matter, HTML comments, a ``<details>`` table of contents, ``#``–``####`` headings for
篇/章/节, ``**bold**`` headings and lead phrases, ``>`` block quotes for 专栏 boxes, pipe tables
and image placeholders where the original printed a table as a picture. The markup goes; what
it marked stays as the same paragraphs a plain-text outline has, so everything after the
reader is shared. A collapsed ``<details>`` block is a navigation aid (the table of contents),
not body text, and is left out. Pipe tables become real tables (outer pipes, separator rows and
bold in cells removed). An image becomes a line ``〔图表未提供文字：caption〕`` with the caption
(its alt text, else its title, else the nearest 专栏 title above it), so the gap stays visible —
unless the image is a file beside the Markdown and OCR reads a table or text from it.
"""

from __future__ import annotations

import re

from planwatch.outline.document import Block, Paragraph, QuotedParagraph, Table, clean_text
from planwatch.outline.ocr import document_path, linked_picture_blocks
from planwatch.outline.readers.txt import decode_text

#: The marker line that stands for a table or figure printed as an image.
IMAGE_MARK = "〔图表未提供文字：{caption}〕"

_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DETAILS = re.compile(r"<details\b.*?</details\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_IMAGE = re.compile(r'!\[([^\]]*)\]\(\s*([^)\s]*)(?:\s+"([^"]*)")?\s*\)')
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BOX_TITLE = re.compile(r"^专栏\s*[\d一二三四五六七八九十]+")


def read(data: bytes, name: str = "") -> list[Block]:
    return blocks_from_markdown(decode_text(data, name), document_path(name, data))


def looks_like_markdown(text: str) -> bool:
    """Front matter, ATX headings or pipe-table separator rows say the text is Markdown."""
    head = text.lstrip("\ufeff")
    if head.startswith("---\n") and "\n---" in head[4:4000]:
        return True
    lines = head.splitlines()
    atx = sum(1 for line in lines if line.startswith("#") and _ATX.match(line))
    return atx >= 2 or any(_SEPARATOR.match(line) and "|" in line for line in lines)


def blocks_from_markdown(text: str, name: str = "") -> list[Block]:
    """``name``: the file's path, where linked images beside it are read by OCR."""
    text = _strip_front_matter(text.replace("\r\n", "\n").lstrip("\ufeff"))
    text = _DETAILS.sub("\n", _COMMENT.sub("", text))
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    box = ""
    for raw in text.split("\n"):
        quoted = bool(_QUOTE.match(raw))
        line = _QUOTE.sub("", raw)
        if line.strip().count("|") >= 2 or (rows and "|" in line):
            if not _SEPARATOR.match(line):
                rows.append(_cells(line))
            continue
        if rows:
            blocks.append(Table(rows=tuple(rows)))
            rows = []
        if _RULE.match(line):
            continue
        heading = _ATX.match(line)
        line = heading.group(1) if heading else _LIST.sub("", line)
        for alt, href, title in _IMAGE.findall(line):
            caption = clean_text(alt) or clean_text(title) or box or "—"
            pictured = linked_picture_blocks(name, href, caption if caption != "—" else "")
            blocks.extend(
                pictured
                or [(QuotedParagraph if quoted else Paragraph)(IMAGE_MARK.format(caption=caption))]
            )
        line = _plain(_IMAGE.sub("", line))
        if line:
            if _BOX_TITLE.match(line):
                box = line
            blocks.append((QuotedParagraph if quoted else Paragraph)(line))
    if rows:
        blocks.append(Table(rows=tuple(rows)))
    return blocks


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return text[text.find("\n", end + 4) + 1 if "\n" in text[end + 4 :] else len(text) :]
    return text


def _plain(line: str) -> str:
    line = _LINK.sub(r"\1", _TAG.sub("", line))
    return clean_text(_EMPHASIS.sub("", line).replace("\\", ""))


def _cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return tuple(_plain(cell) for cell in body.split("|"))
