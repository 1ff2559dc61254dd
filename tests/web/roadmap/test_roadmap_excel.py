"""The milestone and project sheets of the department template, and the project register:
round-trip, conflicts, and a refused upload that changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from planwatch.web.reporting.models import KeyProject, Observation
from planwatch.web.roadmap import services
from planwatch.web.roadmap.models import Milestone, MilestoneReport, ProjectReport

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return load_workbook(io.BytesIO(response.content))


def _post(client, url, wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    file = SimpleUploadedFile("filled.xlsx", buffer.getvalue(), content_type=XLSX)
    return client.post(url, {"file": file})


def _by_first_column(ws, column=2):
    return {
        ws.cell(r, column).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, column).value
    }


def test_milestones_and_project_figures_round_trip(roadmap, login):
    client = login(roadmap.users["reporter"])
    template = f"/reporting/rounds/{roadmap.round.pk}/template.xlsx"
    upload = f"/reporting/rounds/{roadmap.round.pk}/upload/"
    wb = _download(client, template)
    assert wb.sheetnames == ["县科学技术局", "任务进展-县科学技术局", "节点进展", "重大项目进展"]
    ws = wb["节点进展"]
    rows = _by_first_column(ws)
    assert set(rows) == {"方案", "试点"}  # science's own; env's 验收 is not in its sheet
    ws.cell(rows["方案"], 6).value = "已完成"
    ws.cell(rows["方案"], 7).value = "2023-03-20"
    ws.cell(rows["方案"], 8).value = "方案已印发"
    ws.cell(rows["试点"], 6).value = "进行中"
    ps = wb["重大项目进展"]
    row = _by_first_column(ps)["示例园区"]
    assert ps.cell(row, 4).value == 4  # the year's planned investment, for reference
    ps.cell(row, 5).value = 1.5
    ps.cell(row, 6).value = "1.5"
    ps.cell(row, 7).value = "2023年2月"  # a month alone: its last day
    response = _post(client, upload, wb)
    assert response.status_code == 200, response.content.decode()[-2000:]
    done = MilestoneReport.objects.get(milestone=roadmap.plan_m1)
    assert (done.state, done.done_on, done.note) == ("done", dt.date(2023, 3, 20), "方案已印发")
    assert MilestoneReport.objects.get(milestone=roadmap.pilot).state == "in_progress"
    figures = ProjectReport.objects.get(project=roadmap.project)
    assert (figures.year_invested, figures.cumulative_invested) == (1.5, 1.5)
    assert figures.actual_start == dt.date(2023, 2, 28)
    project = KeyProject.objects.get(pk=roadmap.project.pk)
    assert (project.actual_start, project.invested) == (dt.date(2023, 2, 28), 1.5)

    # The next download carries them back; uploading it unchanged changes nothing.
    wb = _download(client, template)
    ws = wb["节点进展"]
    rows = _by_first_column(ws)
    assert (ws.cell(rows["方案"], 6).value, ws.cell(rows["方案"], 7).value) == (
        "已完成",
        "2023-03-20",
    )
    assert wb["重大项目进展"].cell(4, 5).value == 1.5
    versions = (done.version, figures.version)
    assert _post(client, upload, wb).status_code == 200
    done.refresh_from_db()
    figures.refresh_from_db()
    assert (done.version, figures.version) == versions


def test_a_report_changed_since_the_download_is_a_conflict(roadmap, login):
    client = login(roadmap.users["reporter"])
    template = f"/reporting/rounds/{roadmap.round.pk}/template.xlsx"
    wb = _download(client, template)
    services.record_milestone(
        roadmap.users["coordinator"], roadmap.round, roadmap.plan_m1, state="late", note="协调中"
    )
    ws = wb["节点进展"]
    ws.cell(_by_first_column(ws)["方案"], 6).value = "进行中"
    response = _post(client, f"/reporting/rounds/{roadmap.round.pk}/upload/", wb)
    assert response.status_code == 409
    assert "下载模板后这条进展已被修改" in response.content.decode()
    assert MilestoneReport.objects.get(milestone=roadmap.plan_m1).state == "late"


def test_one_bad_cell_refuses_the_whole_upload(roadmap, login):
    client = login(roadmap.users["reporter"])
    wb = _download(client, f"/reporting/rounds/{roadmap.round.pk}/template.xlsx")
    items = wb["县科学技术局"]
    items.cell(_by_first_column(items, 1)["I2"], 5).value = 61.5  # a good figure …
    ws = wb["节点进展"]
    ws.cell(_by_first_column(ws)["方案"], 6).value = "差不多"  # … and a state that is not one
    ps = wb["重大项目进展"]
    ps.cell(4, 5).value = 2.0
    ps.cell(4, 8).value = "明年"  # not a date
    response = _post(client, f"/reporting/rounds/{roadmap.round.pk}/upload/", wb)
    assert response.status_code == 422
    text = response.content.decode()
    assert "节点状态“差不多”无效" in text and "日期“明年”无效" in text
    assert not Observation.objects.exists()
    assert not MilestoneReport.objects.exists() and not ProjectReport.objects.exists()


def _register_url(roadmap):
    return f"/roadmap/plans/{roadmap.plan.pk}/register/"


def test_the_register_round_trips_and_adds_projects_and_milestones(roadmap, login):
    client = login(roadmap.users["coordinator"])
    wb = _download(client, f"/roadmap/plans/{roadmap.plan.pk}/register.xlsx")
    ws = wb["重大项目库"]
    headers = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    assert headers[:7] == ["编号", "项目名称", "对应任务（代码）", "责任部门", "计划总投资（亿元）",
                           "计划开工", "计划竣工"]  # fmt: skip
    assert "2023年计划投资（亿元）" in headers  # one column per year of the period
    y2024 = headers.index("2024年计划投资（亿元）") + 1
    ws.cell(4, y2024).value = 6  # the existing project gains a 2024 plan
    ws.append(["XM02", "新区管网", "M3", "县生态环境分局", 5, "2024-03-01", "2025-12-31"])
    ws.cell(5, y2024).value = 2.5
    ms = wb["项目节点"]
    ms.append(["XM02", "管网开工", "2024-03-31", "施工许可"])
    response = _post(client, _register_url(roadmap), wb)
    assert response.status_code == 200, response.content.decode()[-2000:]
    assert "新增项目 1 个，更新 1 个" in response.content.decode()
    new = KeyProject.objects.get(code="XM02")
    assert (new.task.code, new.department.name, new.investment) == ("M3", "县生态环境分局", 5.0)
    assert new.planned_by_year == {"2024": 2.5}
    assert KeyProject.objects.get(pk=roadmap.project.pk).planned_by_year == {
        "2023": 4.0,
        "2024": 6.0,
    }
    step = Milestone.objects.get(project=new)
    assert (step.what, step.due, step.department.name) == (
        "管网开工",
        dt.date(2024, 3, 31),
        "县生态环境分局",
    )


def test_a_refused_register_changes_nothing(roadmap, login):
    client = login(roadmap.users["coordinator"])
    wb = _download(client, f"/roadmap/plans/{roadmap.plan.pk}/register.xlsx")
    ws = wb["重大项目库"]
    ws.cell(4, 5).value = 99  # a good change to the existing project …
    ws.append(["XM03", "好项目", "M2", "县科学技术局", 3, "2024-01-01", "2024-12-31"])
    ws.append(["XM04", "坏项目", "M9", "不存在的局", -1, "2025-01-01", "2024-12-31"])
    response = _post(client, _register_url(roadmap), wb)
    assert response.status_code == 422
    text = response.content.decode()
    assert "规划中没有任务代码 M9" in text  # row 6, column C: the first bad cell of the row
    assert KeyProject.objects.count() == 1
    assert KeyProject.objects.get().investment == 10.0


def test_only_the_coordinator_keeps_the_register(roadmap, login):
    client = login(roadmap.users["reporter"])
    assert client.get(f"/roadmap/plans/{roadmap.plan.pk}/register.xlsx").status_code == 403
    wb = Workbook()
    assert _post(client, _register_url(roadmap), wb).status_code == 403


def test_the_reported_figures_reach_the_reports(roadmap):
    from planwatch.reports.project_rates import rates_sentence
    from planwatch.web.evaluation.extras import key_projects

    services.record_project(
        roadmap.users["reporter"],
        roadmap.round,
        roadmap.project,
        year_invested=3.0,
        cumulative_invested=3.0,
        actual_start=dt.date(2023, 2, 1),
    )
    (project,) = key_projects(roadmap.users["coordinator"], roadmap.plan)
    assert (project.planned_by_year, project.invested_by_year) == ({2023: 4.0}, {2023: 3.0})
    # started as planned (1 of 1); 3 of 4 亿元 planned for 2023: 75 %
    assert (
        rates_sentence([project], 2023)
        == "2023年重大项目开工率100%、投资完成率75%（完成投资3亿元，计划4亿元）。"
    )
