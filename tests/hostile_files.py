"""Hostile upload files built on the fly: a small .xlsx that unpacks to tens of megabytes.

The workbook is a real reporting template (written by planwatch) whose sheet XML is replaced by
``rows`` identical data rows, streamed straight into the zip so building 420,000 rows takes a
second or two: the file the security pass uploaded (183 KB packed, 50 MB unpacked).
"""

from __future__ import annotations

import io
import zipfile

from planwatch.reports.template import TemplateMeta, TemplateRow, write_template


def template_bytes(meta: TemplateMeta, rows: list[TemplateRow]) -> bytes:
    buffer = io.BytesIO()
    write_template(buffer, [(meta, rows)])
    return buffer.getvalue()


def inflated_template(meta: TemplateMeta, row: TemplateRow, rows: int) -> bytes:
    """A template whose first data row is followed by ``rows`` identical rows (code, year,
    value: about 120 bytes each, so 420,000 rows unpack to some 50 MB)."""
    source = zipfile.ZipFile(io.BytesIO(template_bytes(meta, [row])))
    sheet = next(n for n in source.namelist() if n.startswith("xl/worksheets/sheet"))
    head, tail = source.read(sheet).decode().split("</sheetData>")
    value = "" if row.value is None else f"<v>{row.value}</v>"
    pattern = (
        '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>' + row.item + "</t></is></c>"
        '<c r="D{n}" t="n"><v>' + str(row.year) + '</v></c><c r="E{n}" t="n">' + value + "</c>"
        "</row>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            if info.filename != sheet:
                target.writestr(info, source.read(info.filename))
                continue
            with target.open(sheet, "w", force_zip64=True) as member:
                member.write(head.encode())
                for start in range(5, 5 + rows, 5000):
                    stop = min(start + 5000, 5 + rows)
                    member.write("".join(pattern.format(n=n) for n in range(start, stop)).encode())
                member.write(b"</sheetData>" + tail.encode())
    return out.getvalue()


def unpacked_size(data: bytes) -> int:
    return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
