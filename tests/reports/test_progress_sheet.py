"""The task-progress sheet of the reporting template: written and read back by the core."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from planwatch.reports.template import (
    ProgressRow,
    TemplateErrors,
    TemplateMeta,
    read_template,
    read_workbook,
    write_template,
)

META = TemplateMeta(plan_id="7", department="科技创新局", round="2024年度", round_id="12")


def _written(rows) -> bytes:
    out = io.BytesIO()
    write_template(out, [], [(META, rows)], states=["推进中", "已完成"])
    return out.getvalue()


def test_a_workbook_of_tasks_only_reads_back():
    rows = [
        ProgressRow("M1", "壮大高新技术企业。", "已培育 12 家", 40, "推进中", 3),
        ProgressRow("M2", "提高研发投入。", record_version=0),
    ]
    content = read_workbook(_written(rows))
    assert content.rows == []
    first, second = content.progress
    assert (first.task, first.narrative, first.percent, first.state) == (
        "M1",
        "已培育 12 家",
        40,
        "推进中",
    )
    assert first.record_version == 3 and first.meta == META and first.row == 4
    assert second.is_blank and second.record_version == 0
    assert read_template(_written(rows)) == []  # the figures reader skips it quietly


def test_every_bad_cell_is_named():
    data = _written([ProgressRow("M1", percent=40, state="推进中", record_version=1)])
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    ws["D4"].value = "四成"
    ws["A5"].value, ws["D5"].value = "M1", 101
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(TemplateErrors) as caught:
        read_workbook(out.getvalue(), all_problems=True)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(4, "D"), (5, "A"), (5, "D")}  # bad percent, duplicate task, out of range
    assert "完成比例“四成”无效" in caught.value.problems[0].reason_in("zh")
