"""Long lists page, sort, search and filter on the server; the change log reads like the pages.

Seeded by hand: the conftest plan's nine duties in the open round, plus 25 tasks led by the
science bureau (34 duties in all, 29 of them the science bureau's).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Assignment, Node, Task
from planwatch.web.reporting.models import Observation, TaskProgress
from planwatch.web.reporting.services.duties import add_to_open_rounds

ECON, SCIENCE, ENV = "县发展和改革局", "县科学技术局", "县生态环境分局"


@pytest.fixture
def many(open_round, departments):
    plan = open_round.plan
    node = Node.objects.filter(plan=plan, level="chapter").order_by("order").first()
    added = []
    for n in range(1, 26):
        task = save_tracked(
            Task(
                plan=plan,
                node=node,
                chapter=node,
                code=f"X{n:02d}",
                title=f"批量任务{n}",
                order=900 + n,
            )
        )
        added.append(
            save_tracked(
                Assignment(plan=plan, department=departments["science"], role="lead", task=task)
            )
        )
    # Made after the round opened: its duties only as the coordinator adds them explicitly.
    add_to_open_rounds(plan, added)
    return open_round


def rows(html: str, table: str) -> list[str]:
    """The text of each body row of the table with class ``table``."""
    body = html.split(f'class="responsive {table}"', 1)[1].split("</tbody>", 1)[0]
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in found]


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_round_page_pages_its_duties(many, users, login):
    client = login(users["coordinator"])
    url = f"/reporting/rounds/{many.pk}/"
    first = page(client, f"{url}?per_page=20")
    assert len(rows(first, "duties")) == 20
    assert "共 34 条，第 1–20 条" in first and "第 1/2 页" in first
    second = page(client, f"{url}?per_page=20&page=2")
    assert len(rows(second, "duties")) == 14 and "第 2/2 页" in second
    # The default order: department, items before tasks, then plan order.
    listed = rows(first, "duties")
    assert listed[0].startswith(ECON) and listed[1].startswith(ENV)
    assert all(r.startswith(SCIENCE) for r in rows(second, "duties"))
    # A page past the end shows the last one (an old link still opens).
    assert len(rows(page(client, f"{url}?per_page=20&page=9"), "duties")) == 14


def test_the_round_page_searches_filters_and_sorts(many, users, login, departments):
    client = login(users["coordinator"])
    url = f"/reporting/rounds/{many.pk}/"
    found = rows(page(client, f"{url}?q=批量任务2"), "duties")
    # 批量任务2 and 批量任务20…25
    assert len(found) == 7 and all("批量任务2" in r for r in found)
    env = rows(page(client, f"{url}?department={departments['env'].pk}"), "duties")
    assert len(env) == 4 and all(r.startswith(ENV) for r in env)
    items = rows(page(client, f"{url}?kind=item"), "duties")
    assert [r.split()[1] for r in items] == ["I1", "I3", "I2", "T1"]
    by_target = rows(page(client, f"{url}?kind=item&sort=target"), "duties")
    assert [r.split()[1] for r in by_target] == ["I1", "I2", "I3", "T1"]
    backwards = rows(page(client, f"{url}?kind=item&sort=-target"), "duties")
    assert [r.split()[1] for r in backwards] == ["T1", "I3", "I2", "I1"]
    # A figure entered: the status filter finds it, and only it.
    item = many.plan.items.get(code="I3")
    save_tracked(
        Observation(round=many, item=item, year=2023, value=3.5, department=departments["env"])
    )
    drafts = rows(page(client, f"{url}?status=draft"), "duties")
    assert len(drafts) == 1 and "I3" in drafts[0]
    assert len(rows(page(client, f"{url}?status=missing"), "duties")) == 33
    # A malformed filter says which one, and lists the rest unfiltered by it.
    response = client.get(f"{url}?department=abc")
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_overdue_duties_filter_on_the_round_page_and_in_the_overdue_list(many, users, login):
    many.deadline = timezone.localdate() - dt.timedelta(days=1)
    save_tracked(many)
    client = login(users["coordinator"])
    overdue = rows(page(client, f"/reporting/rounds/{many.pk}/?overdue=true&per_page=50"), "duties")
    assert len(overdue) == 34
    todo = page(client, "/reporting/todo/?per_page=20")
    assert "逾期未报" in todo and len(rows(todo, "overdue-list")) == 20
    assert "共 34 条" in todo
    science = rows(page(client, "/reporting/todo/?q=批量任务1"), "overdue-list")
    assert len(science) == 11  # 批量任务1, 10…19
    by_department = rows(page(client, "/reporting/todo/?sort=-department"), "overdue-list")
    assert by_department[0].startswith(SCIENCE) and by_department[-1].startswith(ECON)


def options(html: str, name: str) -> list[str]:
    """The labels of the select ``name``'s options."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [o.strip() for o in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


def test_filter_lists_offer_all_first_never_dashes_or_unknown(many, users, login):
    """Found in the QA pass: 类型/状态 began with "---------" and 逾期/有复核提示 read 未知."""
    client = login(users["coordinator"])
    html = page(client, f"/reporting/rounds/{many.pk}/")
    assert options(html, "kind") == ["全部", "指标", "任务"]
    assert options(html, "status")[0] == "全部"
    assert options(html, "overdue") == ["全部", "是", "否"]
    assert "---------" not in html and ">未知<" not in html
    # the yes/no filter still filters both ways (the deadline has not passed: none overdue)
    assert rows(page(client, f"/reporting/rounds/{many.pk}/?overdue=true"), "duties") == [
        "没有符合条件的事项。"
    ]
    not_overdue = page(client, f"/reporting/rounds/{many.pk}/?overdue=false&per_page=50")
    assert len(rows(not_overdue, "duties")) == 34
    assert 'value="false" selected' in not_overdue
    client.cookies["django_language"] = "en"
    english = page(client, f"/reporting/rounds/{many.pk}/")
    assert options(english, "overdue") == ["All", "Yes", "No"]


def test_the_reporters_to_do_list_groups_rounds_the_current_first(many, users, login, departments):
    from planwatch.web.reporting.models import ReportingRound

    older = save_tracked(
        ReportingRound(
            plan=many.plan,
            name="2022年度",
            year=2022,
            status="open",
            deadline=timezone.localdate() + dt.timedelta(days=1),
        )
    )
    save_tracked(
        TaskProgress(
            round=older,
            task=Task.objects.get(plan=many.plan, code="M2"),
            department=departments["science"],
            percent=10,
        )
    )
    client = login(users["reporter"])
    html = page(client, "/reporting/todo/?per_page=100")
    listed = rows(html, "todo")
    groups = [r for r in listed if r.endswith("2023年度") or r.endswith("2022年度")]
    assert groups == [listed[0], listed[30]]
    assert groups[0].endswith("2023年度") and groups[1].endswith("2022年度")
    assert len(listed) == 2 + 29 + 29
    # Within a round what is still owed comes first: the drafted M2 is not done either.
    only_older = rows(page(client, f"/reporting/todo/?round={older.pk}"), "todo")
    assert len(only_older) == 30 and only_older[0].endswith("2022年度")
    assert len(rows(page(client, "/reporting/todo/?q=M2"), "todo")) == 2 + 2


def test_assignments_page_searches_filters_and_sorts(many, users, login, departments):
    client = login(users["coordinator"])
    url = f"/plans/{many.plan.pk}/assignments/"
    first = page(client, f"{url}?per_page=20")
    assert len(rows(first, "assignments")) == 20 and "共 35 条" in first
    env = rows(page(client, f"{url}?department={departments['env'].pk}"), "assignments")
    assert len(env) == 5
    support = rows(page(client, f"{url}?role=support"), "assignments")
    assert len(support) == 2 and all("配合" in r for r in support)
    assert len(rows(page(client, f"{url}?q=批量任务1"), "assignments")) == 11
    by_department = rows(page(client, f"{url}?sort=department&per_page=50"), "assignments")
    assert ECON in by_department[0] and SCIENCE in by_department[-1]
    # The API's list filters with the same FilterSet.
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users["coordinator"])
    answer = api.get(f"/api/assignments/?plan={many.plan.pk}&q=批量任务1").json()
    assert answer["count"] == 11


def test_the_change_log_reads_like_the_pages(open_round, users, login, departments):
    item = open_round.plan.items.get(code="I2")
    obs = save_tracked(
        Observation(
            round=open_round, item=item, year=2023, value=61.5, department=departments["science"]
        ),
        user=users["reporter"],
    )
    obs.status, obs.reviewed_by = "approved", users["coordinator"]
    # 16:30 UTC on 31 March is half past midnight on 1 April in Beijing.
    obs.reviewed_at = dt.datetime(2024, 3, 31, 16, 30, tzinfo=dt.UTC)
    save_tracked(obs, user=users["coordinator"])
    html = page(login(users["coordinator"]), f"/history/reporting.observation/{obs.pk}/")
    assert "<dt>审核人</dt>" in html and "reviewed_by_id" not in html
    assert "<ins>coordinator</ins>" in html  # a name, not the id
    assert "<del>草稿</del> → <ins>已审核</ins>" in html  # the choice's label
    assert "<ins>2024-04-01 00:30</ins>" in html  # Beijing time
    assert "时间均为北京时间" in html


def test_the_change_log_pages_and_filters(open_round, users, login, departments):
    client = login(users["coordinator"])
    department = departments["env"]
    for n in range(25):
        department.short_name = f"环境{n}"
        save_tracked(department, user=users["coordinator"] if n % 5 else users["admin"])
    url = f"/history/plans.department/{department.pk}/"
    first = page(client, f"{url}?per_page=20")
    assert len(rows(first, "history")) == 20 and "共 26 条" in first
    latest = rows(first, "history")[0]
    assert "环境23" in latest and "环境24" in latest
    assert len(rows(page(client, f"{url}?user={users['admin'].pk}"), "history")) == 5
    assert len(rows(page(client, f"{url}?action=create"), "history")) == 1
    today = timezone.localdate().isoformat()
    assert len(rows(page(client, f"{url}?since={today}&per_page=50"), "history")) == 26
    assert "没有符合条件的变更记录" in page(client, f"{url}?until=2000-01-01")


def test_the_change_log_exports_to_excel(open_round, users, login, departments):
    from openpyxl import load_workbook

    department = departments["env"]
    department.short_name = '=HYPERLINK("http://x")'
    save_tracked(department, user=users["coordinator"])
    response = (
        login(users["coordinator"]).get(f"/history/plans/{open_round.plan.pk}/?export=xlsx")
        if False
        else login(users["coordinator"]).get(
            f"/history/plans.department/{department.pk}/?export=xlsx&action=update"
        )
    )
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:6] == ["时间", "操作人", "操作", "类别", "对象", "字段"]
    row = [c.value for c in sheet[2]]
    assert row[1] == "coordinator" and row[2] == "修改" and row[5] == "简称"
    assert row[7] == '=HYPERLINK("http://x")' and sheet.cell(2, 8).data_type == "s"
    assert sheet.max_row == 2
