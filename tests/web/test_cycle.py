"""The whole yearly cycle through the web pages, as the people in it would click through it."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planwatch.outline import sample_outline_path
from planwatch.web.history.models import ChangeRecord
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Plan
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress

pytestmark = pytest.mark.django_db


def _form_data(page: str) -> dict[str, str]:
    """The values a browser would send back for the inputs and selects of a page."""
    data: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="checkbox"' in tag or 'type="file"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = html.unescape(chosen.group(1)) if chosen else ""
    data.pop("language", None)
    data.pop("next", None)
    return data


def test_import_review_assign_report_review_assess(client, users, departments):
    coordinator, reporter = users["coordinator"], users["reporter"]
    client.force_login(coordinator)

    # 1. Upload the outline; the parse result comes back for review.
    upload = SimpleUploadedFile("outline.txt", sample_outline_path().read_bytes())
    response = client.post("/plans/import/", {"file": upload})
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.confirmed_at is None
    review = client.get(response["Location"])
    assert "常住人口城镇化率" in review.content.decode()

    # 2. The coordinator corrects a field and saves: the plan is confirmed, the fix logged.
    data = _form_data(review.content.decode())
    i2 = MeasurableItem.objects.get(plan=plan, code="I2")
    index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(i2.pk))
    data[f"items-{index}-category"] = "经济发展（校核）"
    response = client.post(f"/plans/{plan.pk}/review/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan.refresh_from_db()
    i2.refresh_from_db()
    assert plan.confirmed_at is not None
    assert i2.category == "经济发展（校核）"
    change = ChangeRecord.objects.get(
        object_id=i2.pk, action="update", content_type__model="measurableitem"
    )
    assert change.before["category"] == "经济发展" and change.reason == "导入校核"

    # 3. Bulk assignment: the science bureau leads I2 and I5 and task M1.
    science = departments["science"]
    ids = MeasurableItem.objects.filter(plan=plan, code__in=["I2", "I5"]).values_list(
        "pk", flat=True
    )
    m1 = plan.tasks.get(code="M1")
    response = client.post(
        f"/plans/{plan.pk}/assignments/",
        {"department": science.pk, "role": "lead", "items": list(ids), "tasks": [m1.pk]},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(plan=plan, department=science, role="lead").count() == 3

    # 4. A round for 2023 opens.
    response = client.post(
        f"/reporting/plans/{plan.pk}/rounds/new/",
        {
            "name": "2023年度",
            "year": 2023,
            "period": "Y",
            "deadline": "2099-03-31",
            "status": "open",
        },
    )
    assert response.status_code == 302
    round = ReportingRound.objects.get(plan=plan)

    # 5. The reporter sees the to-do list with the deadline, enters a value and progress.
    client.force_login(reporter)
    todo = client.get("/reporting/todo/").content.decode()
    assert "常住人口城镇化率" in todo and "2099-03-31" in todo and "未填报" in todo
    response = client.post(
        f"/reporting/rounds/{round.pk}/items/I2/",
        {"value": "92.6", "unit": "%", "source": "县统计局", "note": ""},
    )
    assert response.status_code == 302
    response = client.post(
        f"/reporting/rounds/{round.pk}/tasks/M1/",
        {
            "progress-progress": "in_progress",
            "progress-percent": "60",
            "progress-narrative": "已完成年度计划的六成。",
        },
    )
    assert response.status_code == 302
    confirm = client.get(f"/reporting/rounds/{round.pk}/submit/")
    assert "将报送以下 2 条草稿" in confirm.content.decode()
    records = confirm.context["observations"] + confirm.context["progress"]
    assert len(records) == 2 and Observation.objects.get().status == "draft"  # not yet
    client.post(
        f"/reporting/rounds/{round.pk}/submit/",
        {"confirm": "1", "record": [f"observation-{records[0].pk}", f"progress-{records[1].pk}"]},
    )
    obs = Observation.objects.get(item__code="I2", item__plan=plan)
    assert obs.status == "submitted" and obs.submitted_by == reporter
    assert TaskProgress.objects.get(task=m1).status == "submitted"

    # 6. Before approval the figure does not count; after approval it does, at once.
    client.force_login(coordinator)
    page = client.get(f"/plans/{plan.pk}/?year=2023").content.decode()
    assert _status_of(page, "I2") == "数据暂缺"
    response = client.post(
        f"/reporting/rounds/{round.pk}/review/",
        {"observation": [obs.pk], "decision": "approve", "comment": ""},
    )
    assert response.status_code == 302
    obs.refresh_from_db()
    assert obs.status == "approved" and obs.reviewed_by == coordinator
    page = client.get(f"/plans/{plan.pk}/?year=2023").content.decode()
    assert _status_of(page, "I2") != "数据暂缺"
    assert "92.6" in page

    # 7. The progress report goes back with a comment; the reporter sees it and can edit again.
    progress = TaskProgress.objects.get(task=m1)
    client.post(
        f"/reporting/rounds/{round.pk}/review/",
        {"progress": [progress.pk], "decision": "return", "comment": "请补充佐证材料"},
    )
    progress.refresh_from_db()
    assert progress.status == "returned"
    client.force_login(reporter)
    todo = client.get("/reporting/todo/").content.decode()
    assert "请补充佐证材料" in todo
    response = client.post(
        f"/reporting/rounds/{round.pk}/tasks/M1/",
        {
            "progress-progress": "in_progress",
            "progress-percent": "65",
            "progress-narrative": "补充了佐证。",
            "progress-version": progress.version,
        },
    )
    assert response.status_code == 302
    progress.refresh_from_db()
    assert progress.status == "draft" and progress.percent == 65

    # 8. The approved figure is locked for the reporter; the history shows every step.
    response = client.post(f"/reporting/rounds/{round.pk}/items/I2/", {"value": "99"})
    assert response.status_code == 403
    history = client.get(f"/history/reporting.observation/{obs.pk}/").content.decode()
    for label in ("新增", "报送", "审核通过"):
        assert label in history


def _status_of(page: str, code: str) -> str:
    row = re.search(rf"<td data-label=\"编码\">{code}</td>(.*?)</tr>", page, re.S)
    assert row, f"no row for {code}"
    return re.search(r'class="status status-[a-z_]+"[^>]*>([^<]+)<', row.group(1)).group(1)


def test_overdue_duties_are_listed_for_the_coordinator_and_the_reporter(open_round, users, login):
    open_round.deadline = open_round.deadline.replace(year=2020)
    from planwatch.web.history.services import save_tracked

    save_tracked(open_round)
    page = login(users["coordinator"]).get(f"/reporting/rounds/{open_round.pk}/").content.decode()
    assert "逾期" in page and "县科学技术局" in page
    todo = login(users["reporter"]).get("/reporting/todo/").content.decode()
    assert "已逾期" in todo


def test_departments_are_found_in_outline_text_without_a_list_of_names():
    from planwatch.outline.departments import find_departments

    text = (
        "各街道、镇：\n由区财政局牵头，区教育局、区卫生健康委员会配合。"
        "推进城镇建设，优化空间布局。区发展和改革局牵头做好规划实施的协调落实。"
    )
    found = find_departments(text)
    assert [d.name for d in found] == [
        "区财政局",
        "区教育局",
        "区卫生健康委员会",
        "区发展和改革局",
    ]
    assert [d.name for d in found if d.coordinates] == ["区发展和改革局"]


def test_demo_data_loads_once_and_is_labelled(db, settings):
    from planwatch.web.demo import load_demo

    first = load_demo()
    again = load_demo()
    assert [login.username for login in first] == [login.username for login in again]
    assert {"admin", "coordinator", "leader", "evaluator", "reporter1"} <= {
        login.username for login in first
    }
    assert Plan.objects.count() == 1
    assert Department.objects.filter(name="高新区经济发展局", is_coordinator=True).exists()
    demo = Observation.objects.all()
    assert demo.exists() and not demo.filter(is_demo=False).exists()
    assert set(demo.values_list("year", flat=True)) == {2021, 2022, 2023}
    assert ReportingRound.objects.get(year=2023).status == "open"


def test_departments_named_in_an_imported_outline_are_offered_and_created(users, login):
    from planwatch.outline import parse_outline
    from planwatch.web.plans.services.importer import import_plan

    import_plan(parse_outline(sample_outline_path()), source_name="sample.txt")
    client = login(users["coordinator"])
    page = client.get("/plans/departments/").content.decode()
    assert 'name="found" value="经济发展局"' in page
    response = client.post("/plans/departments/", {"found": ["经济发展局"]})
    assert response.status_code == 302
    assert Department.objects.filter(name="经济发展局").exists()
    assert (
        'name="found" value="经济发展局"' not in client.get("/plans/departments/").content.decode()
    )
    assert (
        login(users["reporter"]).post("/plans/departments/", {"found": ["x局"]}).status_code == 403
    )


def test_a_task_correction_is_versioned_and_logged(plan, users, login):
    client = login(users["coordinator"])
    task = plan.tasks.get(code="M3")
    response = client.post(
        f"/plans/{plan.pk}/tasks/M3/edit/",
        {
            "title": "推进节能降碳。",
            "text": task.text,
            "version": task.version,
            "reason": "原文更正",
        },
    )
    assert response.status_code == 302
    change = ChangeRecord.objects.get(content_type__model="task", object_id=task.pk)
    assert change.after["title"] == "推进节能降碳。" and change.reason == "原文更正"
    assert login(users["reporter"]).get(f"/plans/{plan.pk}/tasks/M3/edit/").status_code in (
        403,
        404,
    )


def test_the_round_page_and_overview_cost_the_same_queries_however_many_duties(
    open_round, users, login, departments
):
    """Duties are read in bulk: more assignments and figures add rows, not queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.models import Task

    client = login(users["coordinator"])
    pages = (f"/reporting/rounds/{open_round.pk}/", f"/plans/{open_round.plan_id}/")

    def queries() -> list[int]:
        counts = []
        for url in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    before = queries()
    i2 = MeasurableItem.objects.get(plan=open_round.plan, code="I2")
    save_tracked(Observation(round=open_round, item=i2, year=2023, value=61.0))
    for task in Task.objects.filter(plan=open_round.plan):
        for dept in departments.values():
            if not Assignment.objects.filter(task=task, department=dept).exists():
                save_tracked(
                    Assignment(plan=open_round.plan, department=dept, role="support", task=task)
                )
    assert queries() == before
    page = client.get(pages[0]).content.decode()
    obs = Observation.objects.get()
    assert f'href="/reporting/rounds/{open_round.pk}/items/I2/"' in page
    assert f'href="/history/reporting.observation/{obs.pk}/"' in page
    assert f'href="/reporting/rounds/{open_round.pk}/tasks/M4/"' in page
