"""Plain text: detect the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK)."""

from __future__ import annotations

from planwatch.errors import InputError, text
from planwatch.outline.document import Block, paragraphs

#: Tried in order after the byte-order marks; GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8", "gb18030")


def read(data: bytes, name: str = "") -> list[Block]:
    return paragraphs(decode_text(data, name).splitlines())


def decode_text(data: bytes, name: str = "") -> str:
    """Decode strictly: a wrong guess would turn every heading into mojibake, so refuse instead."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    else:
        for codec in ENCODINGS:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    raise InputError(
        text(
            "outline.undecodable",
            "无法识别文本编码：既不是 UTF-8，也不是 GB18030/GBK；请另存为 UTF-8 后重试",
            "cannot decode the text: it is neither UTF-8 nor GB18030/GBK; "
            "save it as UTF-8 and try again",
        ),
        file=name,
    )
