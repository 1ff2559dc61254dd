"""Task progress in bulk through the template's 任务进展 sheet: download, fill, upload."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from planwatch.web.history.models import ChangeRecord
from planwatch.web.reporting.models import TaskProgress
from planwatch.web.reporting.services import workflow

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "任务进展-县科学技术局"


def _download(client, round):
    response = client.get(f"/reporting/rounds/{round.pk}/template.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)), response


def _rows(ws):
    return {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}


def _upload(client, round, wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    file = SimpleUploadedFile("filled.xlsx", buffer.getvalue(), content_type=XLSX)
    return client.post(f"/reporting/rounds/{round.pk}/upload/", {"file": file})


def test_task_progress_round_trips_through_the_template(open_round, users, login):
    client = login(users["reporter"])
    wb, _response = _download(client, open_round)
    ws = wb[SHEET]
    assert [ws.cell(3, c).value for c in range(1, 6)] == [
        "代码", "任务", "进展情况", "完成比例", "推进状态",
    ]  # fmt: skip
    rows = _rows(ws)
    assert set(rows) == {"M1", "M2"}  # the tasks science leads
    ws.cell(rows["M1"], 3).value = "完成培育企业 12 家"
    ws.cell(rows["M1"], 4).value = 45
    ws.cell(rows["M1"], 5).value = "推进中"
    ws.cell(rows["M2"], 3).value = "研发投入已落实"
    ws.cell(rows["M2"], 4).value = "100%"
    ws.cell(rows["M2"], 5).value = "已完成"
    response = _upload(client, open_round, wb)
    assert response.status_code == 200, response.content.decode()
    stored = {p.task.code: p for p in TaskProgress.objects.all()}
    assert (stored["M1"].narrative, stored["M1"].percent, stored["M1"].progress) == (
        "完成培育企业 12 家",
        45,
        "in_progress",
    )
    assert (stored["M2"].percent, stored["M2"].progress) == (100, "completed")
    assert stored["M1"].department.name == "县科学技术局"
    assert ChangeRecord.objects.filter(object_id=stored["M1"].pk, reason="Excel 导入").exists()

    # The next download carries the stored reports and their versions.
    wb, _response = _download(client, open_round)
    ws = wb[SHEET]
    rows = _rows(ws)
    assert ws.cell(rows["M1"], 4).value == 45
    assert ws.cell(rows["M1"], 6).value == stored["M1"].version


def test_a_bad_progress_row_changes_nothing_and_names_its_cell(open_round, users, login):
    client = login(users["reporter"])
    wb, _response = _download(client, open_round)
    ws = wb[SHEET]
    rows = _rows(ws)
    ws.cell(rows["M1"], 3).value = "本行其余都对"
    ws.cell(rows["M1"], 4).value = 30
    ws.cell(rows["M1"], 5).value = "差不多"  # not a state
    ws.cell(rows["M2"], 4).value = 130  # out of range
    ws.cell(rows["M2"], 5).value = "推进中"
    wb["县科学技术局"]["E4"].value = 62  # a good figure on the figure sheet: not saved either
    response = _upload(client, open_round, wb)
    assert response.status_code == 422
    found = {(p.sheet, p.row, p.column): p.reason for p in response.context["problems"]}
    assert set(found) == {(SHEET, rows["M1"], "E"), (SHEET, rows["M2"], "D")}
    assert "推进状态“差不多”无效" in found[(SHEET, rows["M1"], "E")]
    assert "完成比例“130”无效" in found[(SHEET, rows["M2"], "D")]
    assert "完成比例“130”无效" in response.content.decode()
    assert not TaskProgress.objects.exists()
    assert not workflow.Observation.objects.exists()


def test_a_report_changed_since_the_download_is_a_conflict(open_round, users, login):
    reporter = users["reporter"]
    task = open_round.plan.tasks.get(code="M1")
    workflow.record_progress(
        reporter, open_round, task, narrative="旧", percent=10, progress="in_progress"
    )
    client = login(reporter)
    wb, _response = _download(client, open_round)
    report = TaskProgress.objects.get()
    workflow.record_progress(
        reporter,
        open_round,
        task,
        narrative="同事已改",
        percent=20,
        progress="in_progress",
        expected_version=report.version,
    )
    ws = wb[SHEET]
    ws.cell(_rows(ws)["M1"], 4).value = 90
    response = _upload(client, open_round, wb)
    assert response.status_code == 409
    assert "下载模板后这份进展报告已被修改" in response.content.decode()
    assert TaskProgress.objects.get().percent == 20


def test_the_template_is_named_for_the_round_and_department(open_round, users, login):
    _wb, response = _download(login(users["reporter"]), open_round)
    name = "2023年度-县科学技术局-填报模板.xlsx"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition


def test_renaming_the_round_keeps_a_handed_out_template_valid(open_round, users, login):
    from planwatch.web.history.services import save_tracked

    client = login(users["reporter"])
    wb, _response = _download(client, open_round)
    open_round.name = "2023年度（更正）"
    save_tracked(open_round)
    ws = wb[SHEET]
    rows = _rows(ws)
    ws.cell(rows["M1"], 4).value = 5
    ws.cell(rows["M1"], 5).value = "推进中"
    response = _upload(client, open_round, wb)
    assert response.status_code == 200, response.content.decode()
    assert TaskProgress.objects.get().percent == 5
