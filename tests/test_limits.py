"""Upload limits: each one refuses the file while it is being read, naming the limit and file."""

from __future__ import annotations

import io
import zipfile

import pytest

from planwatch.errors import InputError
from planwatch.limits import LimitExceeded, Limits, check_archive
from planwatch.reports.template import TemplateMeta, TemplateRow, read_template
from planwatch.workbooks import open_workbook
from tests.hostile_files import inflated_template, template_bytes, unpacked_size

META = TemplateMeta("p1", "统计局", "2023年度")
ROW = TemplateRow("I1", 2023, 5.0, "地区生产总值", "亿元", "统计局", record_version=0)


def refusal(data, limits, **kwargs) -> LimitExceeded:
    with pytest.raises(LimitExceeded) as caught:
        read_template(data, file="up.xlsx", limits=limits, all_problems=True, **kwargs)
    assert caught.value.file == "up.xlsx"
    assert str(caught.value).startswith("文件 up.xlsx")
    return caught.value


def test_rows_over_the_limit_are_refused_even_when_all_problems_are_collected():
    data = inflated_template(META, ROW, 50)
    error = refusal(data, Limits(rows=20))
    assert error.code == "limits.rows"
    assert "工作表“统计局”超过 20 行的上限" in error.reason
    assert "more than the 20 rows" in error.render("en")


def test_a_cell_far_to_the_right_is_over_the_column_limit():
    data = template_bytes(META, [ROW])
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    wb.worksheets[0].cell(4, 70, "x")
    out = io.BytesIO()
    wb.save(out)
    error = refusal(out.getvalue(), Limits())
    assert error.code == "limits.columns" and "64 列" in error.reason


def test_an_overlong_text_is_refused_at_its_cell():
    long = TemplateRow("I1", 2023, 5.0, "名称", "亿元", "统" * 6000)
    error = refusal(template_bytes(META, [long]), Limits())
    assert (error.sheet, error.row, error.column) == ("统计局", 4, "F")
    assert "6000 个字符，超过 5000 个字符的上限" in error.reason


def test_filled_cells_over_the_limit_are_refused():
    error = refusal(inflated_template(META, ROW, 200), Limits(cells=300))
    assert error.code == "limits.cells" and "300 个" in error.reason


def test_unpacked_bytes_are_counted_while_reading():
    data = inflated_template(META, ROW, 20_000)
    assert unpacked_size(data) > 2_000_000
    error = refusal(data, Limits(unpacked_bytes=1_000_000, rows=100_000))
    assert error.code == "limits.unpacked_bytes" and "0.953674 MB" in error.reason


def test_the_time_budget_is_kept():
    error = refusal(inflated_template(META, ROW, 2_000), Limits(seconds=0))
    assert error.code == "limits.seconds" and "0 秒" in error.reason


def test_limits_come_from_the_environment_and_a_bad_setting_is_named():
    limits = Limits.from_environment(
        {"PLANWATCH_UPLOAD_MAX_ROWS": "12", "PLANWATCH_UPLOAD_MAX_UNPACKED_MB": "2"}
    )
    assert (limits.rows, limits.unpacked_bytes, limits.columns) == (12, 2 * 1048576, 64)
    with pytest.raises(InputError, match="PLANWATCH_UPLOAD_SECONDS"):
        Limits.from_environment({"PLANWATCH_UPLOAD_SECONDS": "ten"})


def zip_with(member: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b"\0" * size)
    return out.getvalue()


def test_the_archive_check_decompresses_and_counts_every_member():
    check_archive(io.BytesIO(zip_with("word/document.xml", 500_000)), Limits(), "a.docx")
    with pytest.raises(LimitExceeded) as caught:
        check_archive(
            io.BytesIO(zip_with("word/media/x.bin", 3_000_000)),
            Limits(unpacked_bytes=2_000_000),
            "a.docx",
        )
    assert caught.value.code == "limits.unpacked_bytes" and caught.value.file == "a.docx"


def test_a_doctype_in_a_workbook_part_is_refused_as_unreadable():
    data = template_bytes(META, [ROW])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>'
    )
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                body = bomb.encode()
            target.writestr(info, body)
    with pytest.raises(InputError) as caught:
        read_template(out.getvalue(), file="bomb.xlsx")
    assert "不是可读取的 .xlsx 工作簿" in caught.value.reason


def test_the_reader_gives_typed_values():
    with open_workbook(template_bytes(META, [ROW])) as book:
        rows = dict(book.rows(book.sheets[0]))
    assert rows[1][:3] == ["planwatch:reporting-template", 3, "p1"]
    assert rows[4][:5] == ["I1", "地区生产总值", "亿元", 2023, 5]
