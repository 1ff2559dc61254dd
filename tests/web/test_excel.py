"""The reporting template: download pre-filled, upload back; rows matched by item code."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.models import Observation

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client, round):
    response = client.get(f"/reporting/rounds/{round.pk}/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def _rows(ws):
    """Data rows by item code: {code: row number}; the layout is reports.template's."""
    return {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}


def _upload(client, round, wb, name="filled.xlsx"):
    buffer = io.BytesIO()
    wb.save(buffer)
    file = SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)
    return client.post(f"/reporting/rounds/{round.pk}/upload/", {"file": file})


def test_a_reporter_gets_their_items_and_a_reupload_updates(open_round, users, login):
    client = login(users["reporter"])
    wb = _download(client, open_round)
    assert wb.sheetnames == ["县科学技术局"]
    ws = wb.active
    rows = _rows(ws)
    assert set(rows) == {"I2", "T1"}  # the items science leads, nothing else
    assert ws.cell(rows["I2"], 4).value == 2023
    ws.cell(rows["I2"], 5).value = 61.5
    ws.cell(rows["I2"], 6).value = "县统计局"
    ws.cell(rows["T1"], 5).value = 130
    response = _upload(client, open_round, wb)
    assert response.status_code == 200
    assert Observation.objects.count() == 2
    i2 = Observation.objects.get(item__code="I2")
    assert (i2.value, i2.source, i2.year, i2.status) == (61.5, "县统计局", 2023, "draft")

    # The next download carries the figures; changing one and uploading again updates it.
    wb = _download(client, open_round)
    ws = wb.active
    rows = _rows(ws)
    assert ws.cell(rows["T1"], 5).value == 130
    ws.cell(rows["T1"], 5).value = 135
    response = _upload(client, open_round, wb)
    assert "更新 1 条" in response.content.decode() and "未变 1 条" in response.content.decode()
    assert Observation.objects.count() == 2
    assert Observation.objects.get(item__code="T1").value == 135
    assert Observation.objects.get(item__code="T1").version == 2


def test_a_malformed_workbook_reports_every_bad_cell_and_saves_nothing(open_round, users, login):
    client = login(users["reporter"])
    wb = _download(client, open_round)
    ws = wb.active
    rows = _rows(ws)
    ws.cell(rows["I2"], 5).value = 61.5  # fine on its own
    ws.cell(rows["T1"], 5).value = "一百三十家"  # not a number
    extra = ws.max_row + 1
    for column, value in enumerate(["I3", "能耗降低", "%", 2023, 3.2], start=1):
        ws.cell(extra, column).value = value  # environment's item, not science's
    unknown = extra + 1
    for column, value in enumerate(["T99", "不存在", "", 2023, 1], start=1):
        ws.cell(unknown, column).value = value
    response = _upload(client, open_round, wb)
    assert response.status_code == 422
    problems = {(p.sheet, p.row, p.column) for p in response.context["problems"]}
    assert problems == {
        ("县科学技术局", rows["T1"], "E"),
        ("县科学技术局", extra, "A"),
        ("县科学技术局", unknown, "A"),
    }
    page = response.content.decode()
    assert "不由您的部门牵头填报" in page and "T99" in page
    assert not Observation.objects.exists()  # the good row was not saved either


def test_an_upload_that_fails_while_saving_leaves_nothing_behind(open_round, users, login):
    """A row that passes the checks but is locked (approved) rolls the whole upload back."""
    client = login(users["reporter"])
    wb = _download(client, open_round)
    ws = wb.active
    rows = _rows(ws)
    approved = save_tracked(
        Observation(
            round=open_round,
            item_id=_item_id(open_round, "T1"),
            year=2023,
            value=120,
            status="approved",
        )
    )
    ws.cell(rows["I2"], 5).value = 61.5
    ws.cell(rows["T1"], 5).value = 999
    response = _upload(client, open_round, wb)
    assert response.status_code == 422
    assert [p.row for p in response.context["problems"]] == [rows["T1"]]
    assert not Observation.objects.filter(item__code="I2").exists()
    approved.refresh_from_db()
    assert approved.value == 120


def test_another_departments_template_and_a_fake_workbook_are_refused(open_round, users, login):
    wb = _download(login(users["reporter"]), open_round)
    client = login(users["other_reporter"])
    response = _upload(client, open_round, wb)
    assert response.status_code == 422
    assert {p.column for p in response.context["problems"]} == {"D"}
    fake = SimpleUploadedFile("data.xlsx", b"code,value\nI2,1\n", content_type=XLSX)
    response = client.post(f"/reporting/rounds/{open_round.pk}/upload/", {"file": fake})
    assert response.status_code == 200
    assert "文件内容不是可接受的类型" in response.content.decode()
    assert not Observation.objects.exists()


def test_the_coordinator_gets_one_sheet_per_lead_department(open_round, users, login):
    wb = _download(login(users["coordinator"]), open_round)
    assert sorted(wb.sheetnames) == sorted(["县科学技术局", "县生态环境分局", "县发展和改革局"])
    assert set(_rows(wb["县生态环境分局"])) == {"I3"}


def _item_id(round, code):
    return round.plan.items.get(code=code).pk
