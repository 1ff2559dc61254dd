"""PDF with a text layer (pypdf). Lines wrapped by the page width are joined back into paragraphs.

A line is taken as wrapped when it is about as wide as the widest lines on its page (counting a
CJK character as two columns and an ASCII one as one) and the next line does not open a heading.
Page numbers alone on a line are dropped. A PDF without extractable text (a scan) is refused.
"""

from __future__ import annotations

import re
import unicodedata
from io import BytesIO

from planwatch.errors import InputError
from planwatch.outline.document import Block, paragraphs

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4})?[-—–\s]*$")
_OPENS_BLOCK = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+[.、．]|——|目\s*录|注[:：])"
)
#: How close to the widest line (in columns) a line must come to count as wrapped.
_SLACK = 4


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
    """Join lines the page width broke (also across a page break), keeping headings apart."""
    marked: list[tuple[str, bool]] = []
    for page_lines in pages:
        lines = [ln.strip() for ln in page_lines]
        lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
        widest = max((_columns(ln) for ln in lines), default=0)
        for line in lines:
            wrapped = widest > 40 and _columns(line) >= widest - _SLACK and not line.endswith("|")
            marked.append((line, wrapped))
    out: list[str] = []
    joining = False
    for line, wrapped in marked:
        if joining and not _OPENS_BLOCK.match(line):
            out[-1] += line
        else:
            out.append(line)
        joining = wrapped
    return out


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
