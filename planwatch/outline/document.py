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
    """One line of running text (a heading, a paragraph, or a cell of a flattened table)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A real table: rows of cell texts. Merged cells repeat vertically, blank horizontally."""

    rows: tuple[tuple[str, ...], ...]


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
