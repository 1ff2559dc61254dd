"""PDF with a text layer (pypdf). Lines wrapped by the page width are joined back into paragraphs.

A line is taken as wrapped when it is about as wide as the widest lines on its page (counting a
CJK character as two columns and an ASCII one as one) and the next line does not open a heading.
Page numbers alone on a line are dropped. A PDF without extractable text (a scan) is refused.
"""

from __future__ import annotations

import re
import unicodedata
from io import BytesIO
from itertools import pairwise

from planwatch.errors import InputError
from planwatch.outline.document import Block, paragraphs

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4})?[-—–\s]*$")
_OPENS_BLOCK = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+[.、．]|——|目\s*录|注[:：])"
)
#: Tolerance (in ems) for the estimate of a line's width.
_SLACK = 0.75


def read(data: bytes, name: str = "") -> list[Block]:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .pdf needs the pypdf package", file=name) from None
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is password-protected", file=name)
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(f"cannot read the PDF ({type(exc).__name__})", file=name) from None
    blocks = paragraphs(unwrap([text.splitlines() for text in pages]))
    if not blocks:
        raise InputError(
            "the PDF has no text layer (a scan?); run OCR or use the .docx/.html original",
            file=name,
        )
    return blocks


def unwrap(pages: list[list[str]]) -> list[str]:
    """Join lines the page width broke (also across a page break), keeping headings apart.

    A line was broken by the width when the next line's first character would not have fitted
    on it. Widths are estimated in ems (CJK characters 1, digits and letters about half, ASCII
    punctuation less); the full width is taken from the widest lines of the document.
    """
    lines = [ln.strip() for page in pages for ln in page]
    lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
    if not lines:
        return []
    widths = sorted(_ems(ln) for ln in lines)
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 10 else widths[-1]
    out: list[str] = [lines[0]]
    for previous, line in pairwise(lines):
        wrapped = full > 15 and _ems(previous) + _ems(line[0]) > full - _SLACK
        if wrapped and not previous.endswith("|") and not _OPENS_BLOCK.match(line):
            out[-1] += line
        else:
            out.append(line)
    return out


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
