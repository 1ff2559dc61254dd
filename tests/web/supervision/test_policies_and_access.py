"""Policy import (all or nothing, Chinese messages naming row and column), who sees which
scorecard, who sets the weights, and the API."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from planwatch.web.supervision.models import Policy, ScorecardWeights
from planwatch.web.supervision.services.policy_excel import COLUMNS, SHEET

pytestmark = pytest.mark.django_db
HEADERS = [h for _k, h in COLUMNS]


def _workbook(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "policies.xlsx"
    return data


GOOD = [
    [
        "关于加快科技创新的若干政策",
        "示政发〔2021〕8号",
        "县科学技术局",
        "2021-06-01",
        "已出台",
        "M1、M2",
        "I2",
        "支持企业研发",
    ],
    ["绿色低碳发展行动方案", "", "县生态环境分局", "2022年3月15日", "制定中", "M3", "", ""],
]


def _import(client, plan, rows):
    return client.post(f"/supervision/plans/{plan.pk}/policies/import/", {"file": _workbook(rows)})


def test_a_good_file_registers_every_policy_with_its_links(assigned, users, login):
    response = _import(login(users["coordinator"]), assigned, GOOD)
    assert response.status_code == 200
    first = Policy.objects.get(document_number="示政发〔2021〕8号")
    assert first.department.name == "县科学技术局" and first.status == "issued"
    assert sorted(first.tasks.values_list("code", flat=True)) == ["M1", "M2"]
    assert list(first.items.values_list("code", flat=True)) == ["I2"]
    second = Policy.objects.get(title="绿色低碳发展行动方案")
    assert second.issued_on.isoformat() == "2022-03-15" and second.status == "drafting"
    # the change log has the links too
    from planwatch.web.history.models import ChangeRecord

    logged = ChangeRecord.objects.filter(object_id=first.pk, content_type__model="policy").first()
    assert logged.after["tasks"] == ["M1", "M2"]
    # a second import of the same file updates, never duplicates
    _import(login(users["coordinator"]), assigned, GOOD)
    assert Policy.objects.count() == 2


def test_a_bad_file_changes_nothing_and_names_row_and_column(assigned, users, login):
    bad = [
        GOOD[0],
        ["", "示政发〔2021〕9号", "不存在的局", "2021-13-01", "已发布", "M9", "", ""],
    ]
    response = _import(login(users["coordinator"]), assigned, bad)
    assert response.status_code == 422
    page = response.content.decode()
    assert "第 3 行，A 列：政策名称不能为空。" in page
    assert "第 3 行，C 列：没有名为“不存在的局”的部门。" in page
    assert "第 3 行，D 列" in page and "不是日期" in page
    assert "第 3 行，E 列：状态应为 制定中、已出台 或 已评估" in page
    assert "第 3 行，F 列：规划中没有任务编码 M9。" in page
    assert Policy.objects.count() == 0  # the good first row was not saved either


def test_only_the_coordinator_imports_and_the_template_round_trips(assigned, users, login):
    assert _import(login(users["reporter"]), assigned, GOOD).status_code == 403
    client = login(users["coordinator"])
    _import(client, assigned, GOOD)
    data = client.get(f"/supervision/plans/{assigned.pk}/policies/template.xlsx").content
    sheet = load_workbook(io.BytesIO(data))[SHEET]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 3


def test_a_department_sees_only_its_own_scorecard(open_round, users, login):
    plan = open_round.plan
    page = login(users["reporter"]).get(f"/supervision/plans/{plan.pk}/scorecard/?year=2023")
    text = page.content.decode()
    assert page.status_code == 200
    assert "县科学技术局" in text and "县生态环境分局" not in text
    whole = login(users["leader"]).get(f"/supervision/plans/{plan.pk}/scorecard/?year=2023")
    assert "县生态环境分局" in whole.content.decode() and "县科学技术局" in whole.content.decode()
    api = login(users["reporter"]).get(f"/api/scorecards/{plan.pk}/?year=2023").json()
    assert [r["department"] for r in api["rows"]] == ["县科学技术局"]
    api = login(users["leader"]).get(f"/api/scorecards/{plan.pk}/?year=2023").json()
    assert len(api["rows"]) == 3


def test_only_the_coordinator_sets_weights(open_round, users, login):
    plan = open_round.plan
    form = {
        "w_on_time": 40,
        "w_returned": 0,
        "w_items": 30,
        "w_tasks": 30,
        "w_policies": 0,
        "w_milestones": 0,
        "w_projects": 0,
        "reason": "本年度重点考核报送及时性",
    }
    for name in ("reporter", "leader", "evaluator"):
        response = login(users[name]).post(f"/supervision/plans/{plan.pk}/scorecard/weights/", form)
        assert response.status_code == 403
    assert not ScorecardWeights.objects.exists()
    response = login(users["coordinator"]).post(
        f"/supervision/plans/{plan.pk}/scorecard/weights/", form
    )
    assert response.status_code == 302
    stored = ScorecardWeights.objects.get(plan=plan)
    assert stored.weights["on_time"] == 40 and stored.reason == "本年度重点考核报送及时性"
    api = login(users["leader"]).get(f"/api/scorecards/{plan.pk}/?year=2023").json()
    assert api["weights"]["on_time"] == 40 and api["weights_reason"] == stored.reason


def test_exports_and_the_public_gets_no_scorecard(open_round, users, login, client):
    plan = open_round.plan
    assert client.get(f"/api/scorecards/{plan.pk}/?year=2023").status_code in (401, 403)
    coordinator = login(users["coordinator"])
    xlsx = coordinator.get(f"/supervision/plans/{plan.pk}/scorecard.xlsx?year=2023")
    assert load_workbook(io.BytesIO(xlsx.content))["考核排名"]["B4"].value
    docx = coordinator.get(f"/supervision/plans/{plan.pk}/scorecard.docx?year=2023")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_the_policy_api_filters_and_hides_drafts_from_the_public(assigned, users, login, client):
    _import(login(users["coordinator"]), assigned, GOOD)
    rows = login(users["leader"]).get(f"/api/policies/?plan={assigned.pk}&task=M1").json()
    assert [r["title"] for r in rows["results"]] == ["关于加快科技创新的若干政策"]
    assert rows["results"][0]["tasks"] == ["M1", "M2"]
    assert login(users["leader"]).get("/api/policies/?plan=abc").status_code == 400
    assigned.is_published = True
    assigned.save()
    client.logout()
    public = client.get(f"/api/policies/?plan={assigned.pk}").json()
    assert [r["status"] for r in public["results"]] == ["issued"]
    schema = login(users["leader"]).get("/api/schema/?format=json").json()
    assert "/api/policies/" in schema["paths"] and "/api/scorecards/{id}/" in schema["paths"]


def test_a_tasks_page_shows_its_linked_policies_through_the_registered_part(
    open_round, users, login
):
    """Reporting's task page loads no supervision tags: supervision registers the part."""
    coordinator = login(users["coordinator"])
    _import(coordinator, open_round.plan, GOOD)
    page = coordinator.get(f"/reporting/rounds/{open_round.pk}/tasks/M2/").content.decode()
    section = page.split('id="policies-heading"', 1)[1].split("</section>", 1)[0]
    assert "关于加快科技创新的若干政策（示政发〔2021〕8号）" in section
    assert "绿色低碳发展行动方案" not in section  # linked to M3, not M2
    other = coordinator.get(f"/reporting/rounds/{open_round.pk}/tasks/M4/").content.decode()
    assert 'id="policies-heading"' not in other  # nothing linked: no section
