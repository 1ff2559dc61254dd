"""专栏 boxes: the titled panels national and provincial outlines set beside their text.

A box opens at a line ``专栏N …`` (a short title, no sentence end) and holds the lines after it:
where the reader knows quotes (Markdown ``>``), the quoted run; elsewhere, the lines up to the
next heading, the next box or image. A box printed as an image (a placeholder captioned
``专栏N …``) is a box with no text, ``image`` true. Box lines stay in the body too, so their
measures and targets are read as everywhere else.
"""

from __future__ import annotations

import re

from planwatch.outline.document import Block, Paragraph, QuotedParagraph
from planwatch.outline.model import Box
from planwatch.outline.readers.markdown import IMAGE_MARK
from planwatch.outline.structure import heading

_TITLE = re.compile(r"^专栏\s*[\d一二三四五六七八九十]+(?:[\s:：、.．]|$)")
_IMAGE_PREFIX = IMAGE_MARK.split("{", 1)[0]
_MAX_TITLE = 60


def find_boxes(blocks: list[Block], toc: set[str]) -> list[Box]:
    """``toc``: the table-of-contents lines, whose headings do not move the location."""
    boxes: list[Box] = []
    place: list[str] = []
    open_box: tuple[Box, bool] | None = None  # the box being filled, and whether it is quoted
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        line = block.text
        found = heading(line, ("chapter", "section")) if line not in toc else None
        image = line.startswith(_IMAGE_PREFIX)
        caption = line[len(_IMAGE_PREFIX) :].rstrip("〕") if image else line
        if open_box is not None:
            box, quoted = open_box
            ends = found or image or _is_title(caption)
            if quoted and not isinstance(block, QuotedParagraph):
                ends = True
            if not ends:
                box.text = f"{box.text}\n{line}" if box.text else line
                continue
            open_box = None
        if found:
            place = [found[1]] if found[0] == "chapter" else [*place[:1], found[1]]
        elif _is_title(caption):
            box = Box(caption, "", list(place), image=image)
            boxes.append(box)
            if not image:
                open_box = (box, isinstance(block, QuotedParagraph))
    return boxes


def _is_title(line: str) -> bool:
    return bool(_TITLE.match(line)) and len(line) <= _MAX_TITLE and "。" not in line
