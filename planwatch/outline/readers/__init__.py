"""One reader per file format, each turning a file's bytes into the common document form.

The format is recognised from the content (magic bytes, markup), not trusted from the file name,
so a renamed ``.doc`` or a picture saved as ``.txt`` is refused with a clear message. A reader is
a module with ``read(data: bytes) -> list[Block]``; add a format by adding a module and a line to
``READERS``.
"""

from __future__ import annotations

import importlib
import os
import zipfile
from io import BytesIO
from pathlib import Path

from planwatch.errors import InputError, Text, text
from planwatch.outline.document import Document, drop_page_furniture

#: Larger files are refused before they are read: no real outline comes near it.
MAX_BYTES = 20 * 1024 * 1024

#: format -> reader module
READERS: dict[str, str] = {
    "txt": "planwatch.outline.readers.txt",
    "md": "planwatch.outline.readers.markdown",
    "docx": "planwatch.outline.readers.docx",
    "html": "planwatch.outline.readers.html",
    "pdf": "planwatch.outline.readers.pdf",
    "image": "planwatch.outline.readers.image",
}

#: What the reader takes, appended to every refusal so the user knows what to send instead.
ACCEPTED_ZH = (
    "可接受：.txt/.md（UTF-8、UTF-16 或 GB18030 编码）、.docx、.html、.pdf，"
    "或 .png/.jpg/.tif 图片（扫描件和图片经文字识别读取）"
)
ACCEPTED_EN = (
    "accepted: .txt/.md (UTF-8, UTF-16 or GB18030), .docx, .html, .pdf, or .png/.jpg/.tif "
    "images (scans and images are read by OCR)"
)


def refusal(code: str, zh: str, en: str, **params) -> Text:
    """A refusal of the file, followed by what is accepted, in both languages."""
    return text(f"outline.{code}", f"{zh}；{ACCEPTED_ZH}", f"{en}; {ACCEPTED_EN}", **params)


_IMAGE_MAGIC = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read any supported outline file into a :class:`Document`, or raise :class:`InputError`."""
    return document_from_bytes(read_bytes(path), str(path))


def document_from_bytes(data: bytes, name: str = "") -> Document:
    """The document in ``data`` (an upload, or a file's bytes); ``name`` is for messages."""
    if len(data) > MAX_BYTES:
        raise InputError(_too_big(len(data)), file=name)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise InputError(refusal("empty", "文件是空的", "file is empty"), file=name)
    fmt = sniff_format(data, name)
    module = importlib.import_module(READERS[fmt])
    blocks = drop_page_furniture(module.read(data, name))
    return Document(blocks=blocks, format=fmt)


def _too_big(size: int) -> Text:
    return text(
        "outline.too_big",
        "文件大小 {size} MB，超过规划纲要 {limit} MB 的上限",
        "file is {size} MB, over the {limit} MB limit for an outline",
        size=f"{size / 1048576:.1f}",
        limit=MAX_BYTES // 1048576,
    )


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, refusing what is missing, a folder, empty or over :data:`MAX_BYTES`."""
    name = str(path)
    try:
        size = os.stat(path).st_size
        if Path(path).is_dir():
            raise InputError(_folder(), file=name)
        if size > MAX_BYTES:
            raise InputError(_too_big(size), file=name)
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(text("outline.no_file", "文件不存在", "no such file"), file=name) from None
    except PermissionError:
        raise InputError(
            text("outline.no_permission", "没有读取该文件的权限", "permission denied"), file=name
        ) from None
    except IsADirectoryError:
        raise InputError(_folder(), file=name) from None
    return data


def _folder() -> Text:
    return refusal("folder", "这是文件夹，不是文件", "is a folder, not a file")


def sniff_format(data: bytes, name: str = "") -> str:
    """Which reader fits the content; refuse legacy Word, images and other binary files."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise InputError(
            refusal(
                "zip",
                "这是 ZIP 压缩包，不是 Word .docx 文档",
                "a ZIP archive but not a Word .docx document",
            ),
            file=name,
        )
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            refusal(
                "legacy_doc",
                "这是旧版二进制 Word/Office 文件（.doc），请先另存为 .docx",
                "legacy binary Word/Office file (.doc); save it as .docx first",
            ),
            file=name,
        )
    if head.startswith(b"{\\rtf"):
        raise InputError(
            refusal(
                "rtf", "这是 RTF 文档，请先另存为 .docx", "RTF document; save it as .docx first"
            ),
            file=name,
        )
    if any(head.startswith(magic) for magic, _ in _IMAGE_MAGIC) or (
        head[:4] == b"RIFF" and data[8:12] == b"WEBP"
    ):
        return "image"  # read by OCR
    if _looks_binary(data):
        raise InputError(
            refusal("binary", "这是二进制文件，不是文本文档", "binary file, not a text document"),
            file=name,
        )
    if _looks_html(data):
        return "html"
    if _looks_markdown(data, name):
        return "md"
    return "txt"


def _looks_markdown(data: bytes, name: str) -> bool:
    """A ``.md`` name, or text whose markup is Markdown (front matter, ``#`` headings, pipe
    tables with separator rows); undecodable text is left to the text reader's message."""
    from planwatch.outline.readers.markdown import looks_like_markdown
    from planwatch.outline.readers.txt import decode_text

    if name.lower().endswith((".md", ".markdown")):
        return True
    try:
        return looks_like_markdown(decode_text(data, name))
    except InputError:
        return False


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def _looks_binary(data: bytes) -> bool:
    """NUL bytes in text that is not UTF-16/32 (which carry a BOM here) mean binary."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 50)


def _looks_html(data: bytes) -> bool:
    probe = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return b"<html" in data[:65536].lower()
    return probe.startswith(b"<") and any(tag in probe for tag in (b"<body", b"<head", b"<meta"))
