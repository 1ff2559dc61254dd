"""Uploaded files are limited in size and their type is read from their content, not their name.

Outlines are recognised by the outline reader's own sniffer (planwatch.outline.readers
.sniff_format), so an upload accepts exactly the files ``planwatch outline parse`` reads
(UTF-16 text included); evidence and workbooks by :func:`sniff` here. An Office file (.docx
outline, evidence) is decompressed once and measured against ``settings.UPLOAD_LIMITS`` before
anything keeps it; a workbook to be read is measured by its streaming reader
(planwatch.workbooks) instead, while it reads.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from planwatch.errors import InputError
from planwatch.limits import check_archive
from planwatch.outline.readers import sniff_format


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    extension: str
    content_type: str


XLSX = Kind(
    "xlsx",
    "Excel (.xlsx)",
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
DOCX = Kind(
    "docx",
    "Word (.docx)",
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
PDF = Kind("pdf", "PDF", ".pdf", "application/pdf")
PNG = Kind("png", "PNG", ".png", "image/png")
JPEG = Kind("jpeg", "JPEG", ".jpg", "image/jpeg")
HTML = Kind("html", "HTML", ".html", "text/html")
TEXT = Kind("txt", gettext_lazy("纯文本"), ".txt", "text/plain")
MARKDOWN = Kind("md", "Markdown", ".md", "text/markdown")
#: An outline or table given as a picture (PNG, JPEG, TIFF …): read by OCR.
IMAGE = Kind("image", gettext_lazy("图片（文字识别）"), ".png", "image/png")

OUTLINE_KINDS = (TEXT, MARKDOWN, DOCX, HTML, PDF, IMAGE)
#: The outline reader's formats ("md" comes with its Markdown reader; "image" is read by OCR).
_OUTLINE_FORMATS = {
    "txt": TEXT,
    "md": MARKDOWN,
    "docx": DOCX,
    "html": HTML,
    "pdf": PDF,
    "image": IMAGE,
}
EVIDENCE_KINDS = (PDF, PNG, JPEG, DOCX, XLSX)
WORKBOOK_KINDS = (XLSX,)


def read_upload(uploaded, kinds: tuple[Kind, ...]) -> tuple[bytes, Kind]:
    """The file's bytes and its recognised kind, or a ValidationError saying what is accepted."""
    accepted = "、".join(str(k.label) for k in kinds)
    if uploaded is None:
        raise ValidationError(_("请选择文件。"))
    if uploaded.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("文件过大（%(size).1f MB），上限为 %(limit)d MB。")
            % {"size": uploaded.size / 1048576, "limit": settings.MAX_UPLOAD_BYTES // 1048576}
        )
    data = uploaded.read()
    if not data:
        raise ValidationError(_("文件是空的。"))
    kind = outline_kind(data, uploaded.name) if kinds == OUTLINE_KINDS else sniff(data)
    if kind is None or kind not in kinds:
        raise ValidationError(
            _("文件内容不是可接受的类型（可接受：%(accepted)s）。") % {"accepted": accepted}
        )
    if kind in (DOCX, XLSX) and kinds != WORKBOOK_KINDS:
        try:
            check_archive(io.BytesIO(data), settings.UPLOAD_LIMITS, uploaded.name)
        except InputError as exc:
            raise ValidationError(exc.render(get_language())) from None
    return data, kind


def outline_kind(data: bytes, name: str = "") -> Kind:
    """The outline's kind as the outline reader sees it; its refusal as a ValidationError."""
    try:
        return _OUTLINE_FORMATS[sniff_format(data, name)]
    except InputError as exc:
        accepted = "、".join(str(k.label) for k in OUTLINE_KINDS)
        message = _("文件内容不是可接受的类型（可接受：%(accepted)s）。") % {"accepted": accepted}
        if exc.text.zh != exc.text.en:  # a bilingual reason says what exactly is wrong
            message = f"{message}{exc.reason_in(get_language())}"
        raise ValidationError(message) from None


def sniff(data: bytes) -> Kind | None:
    """Recognise evidence and workbooks by their first bytes (Office files by their parts)."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None  # text, or binary of some other kind: never evidence or a workbook


def _office_kind(data: bytes) -> Kind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("xl/") for n in names):
        return XLSX
    if any(n.startswith("word/") for n in names):
        return DOCX
    return None
