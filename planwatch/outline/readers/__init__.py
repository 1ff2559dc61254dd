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

from planwatch.errors import InputError
from planwatch.outline.document import Document, drop_page_furniture

#: Larger files are refused before they are read: no real outline comes near it.
MAX_BYTES = 20 * 1024 * 1024

#: format -> reader module
READERS: dict[str, str] = {
    "txt": "planwatch.outline.readers.txt",
    "docx": "planwatch.outline.readers.docx",
    "html": "planwatch.outline.readers.html",
    "pdf": "planwatch.outline.readers.pdf",
}

ACCEPTED = "accepted: .txt (UTF-8 or GB18030), .docx, .html or .pdf with a text layer"

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
    data = read_bytes(path)
    fmt = sniff_format(data, str(path))
    module = importlib.import_module(READERS[fmt])
    blocks = drop_page_furniture(module.read(data, str(path)))
    return Document(blocks=blocks, format=fmt)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, refusing what is missing, a folder, empty or over :data:`MAX_BYTES`."""
    name = str(path)
    try:
        size = os.stat(path).st_size
        if Path(path).is_dir():
            raise InputError(f"is a folder, not a file; {ACCEPTED}", file=name)
        if size > MAX_BYTES:
            raise InputError(
                f"file is {size / 1048576:.1f} MB, over the {MAX_BYTES // 1048576} MB limit "
                "for an outline",
                file=name,
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except PermissionError:
        raise InputError("permission denied", file=name) from None
    except IsADirectoryError:
        raise InputError(f"is a folder, not a file; {ACCEPTED}", file=name) from None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise InputError(f"file is empty; {ACCEPTED}", file=name)
    return data


def sniff_format(data: bytes, name: str = "") -> str:
    """Which reader fits the content; refuse legacy Word, images and other binary files."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise InputError(f"a ZIP archive but not a Word .docx document; {ACCEPTED}", file=name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            f"legacy binary Word/Office file (.doc); save it as .docx first; {ACCEPTED}", file=name
        )
    if head.startswith(b"{\\rtf"):
        raise InputError(f"RTF document; save it as .docx first; {ACCEPTED}", file=name)
    for magic, kind in _IMAGE_MAGIC:
        if head.startswith(magic):
            raise InputError(f"{kind} image, not a text document; {ACCEPTED}", file=name)
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise InputError(f"WEBP image, not a text document; {ACCEPTED}", file=name)
    if _looks_binary(data):
        raise InputError(f"binary file, not a text document; {ACCEPTED}", file=name)
    if _looks_html(data):
        return "html"
    return "txt"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
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
