"""An outline given as an image file (a photographed or scanned page, a table saved as a
picture): read by OCR (:mod:`planwatch.outline.ocr`), every frame of a TIFF as a page."""

from __future__ import annotations

from planwatch.errors import InputError, text
from planwatch.outline.document import Block


def read(data: bytes, name: str = "") -> list[Block]:
    from planwatch.outline.ocr import read_image_bytes

    blocks = read_image_bytes(data, name)
    if not blocks:
        raise InputError(
            text(
                "outline.image_no_text",
                "文字识别（OCR）未在该图片中读出文字",
                "OCR found no text in the image",
            ),
            file=name or None,
        )
    return blocks
