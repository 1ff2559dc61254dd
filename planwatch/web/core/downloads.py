"""File downloads: one place that names them, so every browser saves them under a Chinese name.

RFC 6266 ``filename*`` (UTF-8, percent-encoded) carries the real name; ``filename`` an ASCII
fallback for the few clients that do not read it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpResponse


def content_disposition(filename: str, *, fallback: str | None = None) -> str:
    """The ``Content-Disposition`` of an attachment named ``filename``."""
    ascii_name = fallback or _ascii(filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _ascii(filename: str) -> str:
    """An ASCII stand-in keeping the extension (``download.xlsx`` when nothing is left)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.") or "download"
    return f"{plain}.{ext}" if ext else plain


def attachment(content: bytes, filename: str, content_type: str, *, fallback=None) -> HttpResponse:
    """An in-memory file as a download named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, fallback=fallback)
    response["Content-Length"] = str(len(content))
    return response


def file_attachment(file, filename: str, content_type: str | None) -> FileResponse:
    """A stored file streamed as a download named ``filename``."""
    response = FileResponse(file, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(filename)
    return response
