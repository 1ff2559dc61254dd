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
    assert wb.sheetnames == ["县科学技术局", "任务进展-县科学技术局"]
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
    approved = save_tracked(
        Observation(
            round=open_round,
            item_id=_item_id(open_round, "T1"),
            year=2023,
            value=120,
            status="approved",
        )
    )
    client = login(users["reporter"])
    wb = _download(client, open_round)  # carries T1 at its current version: no conflict
    ws = wb.active
    rows = _rows(ws)
    ws.cell(rows["I2"], 5).value = 61.5
    ws.cell(rows["T1"], 5).value = 999
    response = _upload(client, open_round, wb)
    assert response.status_code == 422
    (problem,) = response.context["problems"]
    assert (problem.row, problem.column, problem.conflict) == (rows["T1"], "E", False)
    assert not Observation.objects.filter(item__code="I2").exists()
    approved.refresh_from_db()
    assert approved.value == 120


def test_a_row_whose_figure_changed_since_the_download_is_a_conflict(open_round, users, login):
    reporter = login(users["reporter"])
    reporter.post(f"/reporting/rounds/{open_round.pk}/items/T1/", {"value": "130", "unit": "家"})
    wb = _download(reporter, open_round)
    ws = wb.active
    rows = _rows(ws)
    assert ws.cell(rows["T1"], 8).value == 1 and ws.cell(rows["I2"], 8).value == 0

    # Meanwhile the coordinator corrects T1 in the web form.
    t1 = Observation.objects.get(item__code="T1")
    login(users["coordinator"]).post(
        f"/reporting/rounds/{open_round.pk}/items/T1/",
        {"value": "131", "unit": "家", "version": t1.version, "reason": "核对台账"},
    )
    t1.refresh_from_db()
    assert (t1.value, t1.version) == (131, 2)

    reporter = login(users["reporter"])
    ws.cell(rows["T1"], 5).value = 135
    ws.cell(rows["I2"], 5).value = 61.5
    response = _upload(reporter, open_round, wb)
    assert response.status_code == 409
    (problem,) = response.context["problems"]
    assert (problem.sheet, problem.row, problem.column) == ("县科学技术局", rows["T1"], "E")
    assert problem.conflict
    for words in ("T1 2023年", "第 1 版", "第 2 版", "131", "coordinator"):
        assert words in problem.reason, words
    page = response.content.decode()
    assert "冲突" in page and "T1 2023年" in page
    t1.refresh_from_db()
    assert (t1.value, t1.version) == (131, 2)  # the newer figure stands
    assert not Observation.objects.filter(item__code="I2").exists()  # all or nothing

    # The same value as the stored one is no overwrite: that row passes as unchanged.
    ws.cell(rows["T1"], 5).value = 131
    response = _upload(reporter, open_round, wb)
    assert response.status_code == 200
    assert response.context["result"].unchanged == 1 and response.context["result"].created == 1


def test_a_row_without_a_version_never_replaces_a_stored_figure(open_round, users, login):
    client = login(users["reporter"])
    wb = _download(client, open_round)
    ws = wb.active
    rows = _rows(ws)
    ws.cell(rows["T1"], 5).value = 130
    ws.cell(rows["T1"], 8).value = None  # as in a row typed in by hand
    ws.cell(rows["I2"], 5).value = 61.5
    ws.cell(rows["I2"], 8).value = None
    assert _upload(client, open_round, wb).status_code == 200  # nothing stored: created
    assert Observation.objects.count() == 2
    ws.cell(rows["T1"], 5).value = 140
    response = _upload(client, open_round, wb)
    assert response.status_code == 409
    (problem,) = response.context["problems"]
    assert problem.row == rows["T1"] and "没有记录这条数据的版本" in problem.reason
    assert Observation.objects.get(item__code="T1").value == 130


def test_uploading_the_same_filled_template_twice_changes_nothing_the_second_time(
    open_round, users, login
):
    client = login(users["reporter"])
    wb = _download(client, open_round)
    ws = wb.active
    rows = _rows(ws)
    ws.cell(rows["I2"], 5).value = 61.5
    assert _upload(client, open_round, wb).context["result"].created == 1
    again = _upload(client, open_round, wb).context["result"]
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Observation.objects.get().version == 1


def test_every_problem_of_every_sheet_is_listed_in_one_upload(open_round, users, login):
    client = login(users["coordinator"])
    wb = _download(client, open_round)
    science, env = wb["县科学技术局"], wb["县生态环境分局"]
    s_rows, e_rows = _rows(science), _rows(env)
    science.cell(s_rows["I2"], 5).value = "六十"  # not a number
    science.cell(s_rows["I2"], 4).value = "去年"  # and a bad year in the same row
    science.cell(s_rows["T1"], 5).value = 130  # fine
    env.cell(e_rows["I3"], 5).value = "3.2万"  # a unit typed in
    wb["县发展和改革局"].cell(3, 5).value = "值"  # a damaged header: the sheet is listed once
    response = _upload(client, open_round, wb)
    assert response.status_code == 422
    assert sorted((p.sheet, p.row, p.column) for p in response.context["problems"]) == sorted(
        [
            ("县科学技术局", s_rows["I2"], "D"),
            ("县科学技术局", s_rows["I2"], "E"),
            ("县生态环境分局", e_rows["I3"], "E"),
            ("县发展和改革局", 3, "E"),
        ]
    )
    assert not Observation.objects.exists()


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
    figures = ["县科学技术局", "县生态环境分局", "县发展和改革局"]
    tasks = ["任务进展-县科学技术局", "任务进展-县生态环境分局"]  # the departments with tasks
    assert sorted(wb.sheetnames) == sorted(figures + tasks)
    assert set(_rows(wb["县生态环境分局"])) == {"I3"}


def _item_id(round, code):
    return round.plan.items.get(code=code).pk


def test_a_figure_removed_since_the_download_is_not_silently_entered_again(
    open_round, users, login
):
    from planwatch.web.history.services import soft_delete

    client = login(users["reporter"])
    client.post(f"/reporting/rounds/{open_round.pk}/items/T1/", {"value": "130", "unit": "家"})
    wb = _download(client, open_round)
    soft_delete(Observation.objects.get(), user=users["coordinator"], reason="重复录入")
    ws = wb.active
    ws.cell(_rows(ws)["T1"], 5).value = 132
    response = _upload(client, open_round, wb)
    assert response.status_code == 409
    assert "已被删除" in response.context["problems"][0].reason
    assert not Observation.objects.exists()


def test_a_fresh_template_uploads_unchanged_over_figures_stored_without_the_items_unit(
    open_round, users, login
):
    """A figure entered on the web without a unit (or with ％ for %) and then approved: the
    template shows the item's unit, and uploading it untouched is not a change of that figure."""
    from planwatch.web.reporting.services.workflow import approve, submit

    reporter = login(users["reporter"])
    base = f"/reporting/rounds/{open_round.pk}/items"
    reporter.post(f"{base}/T1/", {"value": "130", "unit": ""})
    reporter.post(f"{base}/I2/", {"value": "61.5", "unit": "％"})
    t1, i2 = Observation.objects.get(item__code="T1"), Observation.objects.get(item__code="I2")
    assert (t1.unit, i2.unit) == ("家", "%")  # stored in the item's unit, one rule for both
    # A figure stored empty before that rule (kept as it was): the comparison applies it too.
    Observation.objects.filter(pk=t1.pk).update(unit="")
    t1.refresh_from_db()
    submit(users["reporter"], [t1, i2])
    approve(users["coordinator"], [t1, i2])
    versions = list(Observation.objects.order_by("item__code").values_list("version", flat=True))

    wb = _download(reporter, open_round)
    ws = wb.active
    rows = _rows(ws)
    assert (ws.cell(rows["T1"], 3).value, ws.cell(rows["I2"], 3).value) == ("家", "%")
    response = _upload(reporter, open_round, wb)
    assert response.status_code == 200, response.context.get("problems")
    assert response.context["result"].unchanged == 2
    after = Observation.objects.order_by("item__code")
    assert [(o.version, o.status) for o in after] == [(v, "approved") for v in versions]


@pytest.mark.parametrize(
    ("unit", "item_unit", "stored"),
    [
        (None, "家", "家"),  # no unit given: the item's
        ("", "家", "家"),
        ("  ", "%", "%"),
        ("％", "%", "%"),  # the same unit written full-width
        (" 亿元 ", "亿元", "亿元"),
        ("万元", "亿元", "万元"),  # another unit (converted when assessed): kept as given
        ("", None, ""),  # an item without a unit, a figure without one
        ("人", None, "人"),
    ],
)
def test_the_unit_a_figure_is_stored_with(unit, item_unit, stored):
    from planwatch.web.reporting.services.workflow import unit_as_stored

    assert unit_as_stored(unit, item_unit) == stored
