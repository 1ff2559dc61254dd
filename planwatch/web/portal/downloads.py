"""The portal's files: one item's published values, or the whole plan's, as CSV and .xlsx.

The rows are exactly the figures the portal shows (``published.published_values``). CSV is
UTF-8 with a byte-order mark so that Excel opens Chinese text correctly; text a spreadsheet
could take for a formula is written as text (``reports.cells``: a quote prefix in the .xlsx,
an apostrophe in the CSV), numbers as numbers, unrounded.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from planwatch.reports.cells import is_formula_like, put_row
from planwatch.web.core.uploads import XLSX

CSV_TYPE = "text/csv; charset=utf-8"


def value_header() -> list[str]:
    return [
        _("编码"),
        _("指标或目标"),
        _("单位"),
        _("年份"),
        _("期间"),
        _("数值"),
        _("数据来源"),
        _("说明"),
    ]


def value_rows(values: Iterable) -> list[list]:
    """One row per published figure, in the order of the header."""
    return [
        [
            obs.item.code,
            obs.item.name,
            obs.unit or obs.item.unit,
            obs.year,
            obs.get_period_display(),
            obs.value,
            obs.source,
            _("示例数据") if obs.is_demo else "",
        ]
        for obs in values
    ]


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["'" + v if is_formula_like(v) else _csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value):
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value))
    return "" if value is None else value


def xlsx_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """A workbook with one sheet per (title, header, rows)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for cell in put_row(sheet, 1, header):
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            put_row(sheet, r, row)
        sheet.freeze_panes = "A2"
        for letter, width in zip("ABCDEFGHIJ", (8, 36, 10, 8, 8, 12, 30, 12), strict=False):
            sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cached_file(name: str, key, build) -> bytes:
    """A generated file, from the cache while the published data it was made from holds."""
    from django.core.cache import cache

    digest = hashlib.sha256("\x1f".join(map(str, key)).encode()).hexdigest()
    cache_name = f"portal-file:{name}:{digest}"
    data = cache.get(cache_name)
    if data is None:
        data = build()
        cache.set(cache_name, data, 3600)
    return data


def attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    # RFC 6266: an ASCII fallback and the UTF-8 name for browsers that read it.
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "ignore").decode() or "data"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


def csv_response(header, rows, filename: str) -> HttpResponse:
    return attachment(csv_bytes(header, rows), filename + ".csv", CSV_TYPE)


def xlsx_response(sheets, filename: str) -> HttpResponse:
    return attachment(xlsx_bytes(sheets), filename + ".xlsx", XLSX.content_type)
