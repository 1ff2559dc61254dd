"""Many records in one step: the bulk progress page, the confirmed submission, the review of a
selection with a comment per row."""

from __future__ import annotations

import re

import pytest

from planwatch.web.reporting.models import Observation, TaskProgress
from planwatch.web.reporting.services import workflow

pytestmark = pytest.mark.django_db


def _rows(response):
    """The bulk page's POST data as it was rendered (the formset's initial values)."""
    formset = response.context["formset"]
    data = {
        "rows-TOTAL_FORMS": str(formset.total_form_count()),
        "rows-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            data[f"rows-{i}-{name}"] = "" if value is None else str(value)
    codes = {data[f"rows-{i}-task"]: i for i in range(len(formset.forms))}
    return data, codes


def test_many_tasks_are_saved_from_one_page(open_round, users, login):
    client = login(users["reporter"])
    url = f"/reporting/rounds/{open_round.pk}/progress/"
    data, codes = _rows(client.get(url))
    assert set(codes) == {"M1", "M2"}
    for code, percent in (("M1", 30), ("M2", 70)):
        data[f"rows-{codes[code]}-percent"] = str(percent)
        data[f"rows-{codes[code]}-narrative"] = f"{code} 已推进"
    response = client.post(url, data)
    assert response.status_code == 302
    stored = {p.task.code: p.percent for p in TaskProgress.objects.all()}
    assert stored == {"M1": 30, "M2": 70}


def test_a_conflict_on_one_row_saves_none_and_shows_the_other_value(open_round, users, login):
    reporter = users["reporter"]
    m1 = open_round.plan.tasks.get(code="M1")
    workflow.record_progress(
        reporter, open_round, m1, narrative="起初", percent=10, progress="in_progress"
    )
    client = login(reporter)
    url = f"/reporting/rounds/{open_round.pk}/progress/"
    data, codes = _rows(client.get(url))
    # A colleague saves M1 meanwhile.
    report = TaskProgress.objects.get(task=m1)
    workflow.record_progress(
        reporter,
        open_round,
        m1,
        narrative="同事的版本",
        percent=55,
        progress="in_progress",
        expected_version=report.version,
    )
    data[f"rows-{codes['M1']}-percent"] = "20"
    data[f"rows-{codes['M2']}-percent"] = "90"
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "已被他人修改" in page
    assert "同事的版本" in page and "55%" in page and "reporter 于" in page
    assert 'value="90"' in page  # what the user typed is still there
    assert not TaskProgress.objects.filter(task__code="M2").exists()  # nothing saved
    assert TaskProgress.objects.get(task=m1).percent == 55


def test_submitting_shows_what_will_be_submitted_first(open_round, users, login):
    reporter = users["reporter"]
    obs = workflow.record_observation(
        reporter, open_round, open_round.plan.items.get(code="I2"), value=61
    )
    client = login(reporter)
    url = f"/reporting/rounds/{open_round.pk}/submit/"
    page = client.get(url).content.decode()
    assert "将报送以下 1 条草稿" in page and "I2" in page
    assert Observation.objects.get().status == "draft"
    client.post(url, {})  # no confirmation: still only the question
    assert Observation.objects.get().status == "draft"
    client.post(url, {"confirm": "1", "record": f"observation-{obs.pk}"})
    assert Observation.objects.get().status == "submitted"


@pytest.fixture
def queue(open_round, users):
    """Three submissions: I2 and T1 (science) with a 2022 figure for I2, M3 (environment)."""
    reporter, other = users["reporter"], users["other_reporter"]
    items = {i.code: i for i in open_round.plan.items.all()}
    from planwatch.web.history.services import save_tracked

    save_tracked(
        Observation(round=open_round, item=items["I2"], year=2022, period="Y", value=58.0, unit="%")
    )
    i2 = workflow.record_observation(reporter, open_round, items["I2"], value=61.0, unit="%")
    t1 = workflow.record_observation(reporter, open_round, items["T1"], value=120)
    m3 = workflow.record_progress(
        other,
        open_round,
        open_round.plan.tasks.get(code="M3"),
        narrative="推进",
        percent=60,
        progress="in_progress",
    )
    workflow.submit(reporter, [i2, t1])
    workflow.submit(other, [m3])
    return {"I2": i2, "T1": t1, "M3": m3}


def test_the_queue_shows_last_year_the_target_and_the_change(open_round, queue, users, login):
    page = login(users["coordinator"]).get(f"/reporting/rounds/{open_round.pk}/")
    html = page.content.decode()
    assert "data-select-all" in html
    row = html[html.index(f'id="obs-{queue["I2"].pk}"') :].split("</tr>")[0]
    assert "2022：58 %" in row
    assert "+3" in row
    assert 'name="comment-observation-' in row


def test_a_selection_is_returned_each_with_its_own_comment(open_round, queue, users, login):
    client = login(users["coordinator"])
    i2, t1, m3 = queue["I2"], queue["T1"], queue["M3"]
    response = client.post(
        f"/reporting/rounds/{open_round.pk}/review/",
        {
            "observation": [i2.pk, t1.pk],
            "progress": [m3.pk],
            "decision": "return",
            "comment": "请核对",
            f"comment-observation-{i2.pk}": "口径与上年不一致",
            f"comment-progress-{m3.pk}": "请补充佐证",
        },
    )
    assert response.status_code == 302
    for record in (i2, t1, m3):
        record.refresh_from_db()
        assert record.status == "returned"
    assert i2.review_comment == "口径与上年不一致"
    assert t1.review_comment == "请核对"  # the shared comment where the row has none
    assert m3.review_comment == "请补充佐证"


def test_a_return_without_any_comment_changes_nothing(open_round, queue, users, login):
    client = login(users["coordinator"])
    i2, t1 = queue["I2"], queue["T1"]
    client.post(
        f"/reporting/rounds/{open_round.pk}/review/",
        {
            "observation": [i2.pk, t1.pk],
            "decision": "return",
            f"comment-observation-{i2.pk}": "有意见",
        },
    )
    assert set(Observation.objects.filter(year=2023).values_list("status", flat=True)) == {
        "submitted"
    }


def test_a_selection_is_approved_in_one_step(open_round, queue, users, login):
    client = login(users["coordinator"])
    client.post(
        f"/reporting/rounds/{open_round.pk}/review/",
        {
            "observation": [queue["I2"].pk, queue["T1"].pk],
            "progress": [queue["M3"].pk],
            "decision": "approve",
        },
    )
    assert set(Observation.objects.filter(year=2023).values_list("status", flat=True)) == {
        "approved"
    }
    assert TaskProgress.objects.get().status == "approved"


@pytest.fixture
def long_queue(open_round, queue, users, departments):
    """The three submissions of ``queue`` plus 25 task reports of the science bureau (X01–X25,
    tasks it leads, joined to the open round explicitly): 28 rows waiting."""
    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.models import Assignment, Node, Task
    from planwatch.web.reporting.services.duties import add_to_open_rounds

    plan = open_round.plan
    node = Node.objects.filter(plan=plan, level="chapter").order_by("order").first()
    added, reports = [], []
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
    add_to_open_rounds(plan, added)
    for assignment in added:
        reports.append(
            workflow.record_progress(
                users["reporter"],
                open_round,
                assignment.task,
                narrative="推进",
                percent=50,
                progress="in_progress",
            )
        )
    workflow.submit(users["reporter"], reports)
    return open_round


def _queue_rows(html: str) -> list[str]:
    from tests.web.test_lists import rows

    return rows(html, "review-queue")


def test_the_review_queue_pages_searches_and_keeps_the_duty_list_apart(long_queue, users, login):
    client = login(users["coordinator"])
    url = f"/reporting/rounds/{long_queue.pk}/"
    first = client.get(f"{url}?queue-per_page=20&page=2&per_page=20").content.decode()
    listed = _queue_rows(first)
    assert len(listed) == 20
    # Figures first (T1 stands before I2 in the outline), then the task reports in plan order.
    assert [r.split()[0] for r in listed[:4]] == ["T1", "I2", "M3", "X01"]
    assert "共 28 条，第 1–20 条" in first
    assert "选中本页显示的 20 条（筛选结果共 28 条，待审核共 28 条）" in first
    # The duty list below kept its own page (34 duties, page 2 of 20 each).
    assert "共 34 条，第 21–34 条" in first
    second = client.get(f"{url}?queue-per_page=20&queue-page=2").content.decode()
    assert [r.split()[0] for r in _queue_rows(second)] == [f"X{n:02d}" for n in range(18, 26)]
    # The queue's page links keep the duty list's parameters and change only queue-page.
    assert 'href="?queue-per_page=20&amp;page=2&amp;per_page=20&amp;queue-page=2"' in first
    found = _queue_rows(client.get(f"{url}?queue-q=X07").content.decode())
    assert [r.split()[0] for r in found] == ["X07"]
    only_figures = _queue_rows(client.get(f"{url}?queue-kind=item").content.decode())
    assert [r.split()[0] for r in only_figures] == ["T1", "I2"]
    env = users["other_reporter"].department_id
    by_env = _queue_rows(client.get(f"{url}?queue-department={env}").content.decode())
    assert [r.split()[0] for r in by_env] == ["M3"]
    none = client.get(f"{url}?queue-q=不存在的事项").content.decode()
    assert "没有符合条件的报送。" in none and "待审核共 28 条" in none


def test_approving_the_page_shown_leaves_the_other_pages_waiting(long_queue, users, login):
    client = login(users["coordinator"])
    url = f"/reporting/rounds/{long_queue.pk}/"
    html = client.get(f"{url}?queue-per_page=20&queue-kind=task").content.decode()
    shown = re.findall(r'name="progress" value="(\d+)"', html)
    assert len(shown) == 20  # M3 and X01–X19
    response = client.post(
        f"{url}review/",
        {"progress": shown, "decision": "approve", "back": "queue-per_page=20&queue-kind=task"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?queue-per_page=20&queue-kind=task"
    statuses = dict(TaskProgress.objects.values_list("task__code", "status"))
    assert [c for c, s in sorted(statuses.items()) if s == "submitted"] == [
        f"X{n:02d}" for n in range(20, 26)
    ]
    assert Observation.objects.filter(year=2023, status="submitted").count() == 2
    # A forged ``back`` stays on this page: only its query string is used.
    response = client.post(
        f"{url}review/",
        {"observation": [], "decision": "approve", "back": "//evil.example/?x=1"},
    )
    assert response["Location"].startswith(url)


def _add_tasks(plan, department, count: int, start: int = 1) -> list:
    """``count`` tasks the department leads, joined to the open round explicitly."""
    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.models import Assignment, Node, Task
    from planwatch.web.reporting.services.duties import add_to_open_rounds

    node = Node.objects.filter(plan=plan, level="chapter").order_by("order").first()
    added = []
    for n in range(start, start + count):
        task = save_tracked(
            Task(plan=plan, node=node, chapter=node, code=f"Y{n:03d}", title=f"任务{n}", order=n)
        )
        added.append(
            save_tracked(Assignment(plan=plan, department=department, role="lead", task=task))
        )
    add_to_open_rounds(plan, added)
    return [a.task for a in added]


def _bulk_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_bulk_page_reads_the_same_few_queries_for_many_rows(
    open_round, users, departments, login, django_assert_max_num_queries
):
    reporter = users["reporter"]
    client = login(reporter)
    url = f"/reporting/rounds/{open_round.pk}/progress/"
    workflow.record_progress(
        reporter,
        open_round,
        open_round.plan.tasks.get(code="M1"),
        narrative="草稿",
        percent=1,
        progress="in_progress",
    )
    few = _bulk_queries(client, url)  # M1 (a draft) and M2
    tasks = _add_tasks(open_round.plan, departments["science"], 40)
    # Some rows with a draft, some submitted (locked): every kind of row is on the page.
    for task in tasks[:10]:
        workflow.record_progress(
            reporter, open_round, task, narrative="草稿", percent=10, progress="in_progress"
        )
    submitted = [
        workflow.record_progress(
            reporter, open_round, task, narrative="报送", percent=20, progress="in_progress"
        )
        for task in tasks[10:15]
    ]
    workflow.submit(reporter, submitted)
    page = client.get(url)
    assert len(page.context["rows"]) == 2 + 35 and len(page.context["locked"]) == 5
    assert _bulk_queries(client, url) == few  # 42 tasks read as 2 do
    with django_assert_max_num_queries(25):
        client.get(url)


def test_the_bulk_page_lets_edit_exactly_what_the_one_record_rule_does(
    open_round, users, departments
):
    """recordable_tasks against may_record, task by task: drafts, submissions, approvals, a
    task the department supports, another department's, and a closed round."""
    reporter, other = users["reporter"], users["other_reporter"]
    tasks = {t.code: t for t in open_round.plan.tasks.all()}
    draft = workflow.record_progress(
        reporter, open_round, tasks["M1"], narrative="草稿", percent=5, progress="in_progress"
    )
    sent = workflow.record_progress(
        other, open_round, tasks["M3"], narrative="报送", percent=5, progress="in_progress"
    )
    workflow.submit(other, [sent])
    support = workflow.record_progress(
        other, open_round, tasks["M1"], narrative="配合", percent=5, progress="in_progress"
    )
    workflow.submit(other, [support])
    workflow.approve(users["coordinator"], [support], "")
    assert draft.status == "draft"
    everything = list(tasks.values())
    for user in (reporter, other, users["coordinator"], users["leader"]):
        wanted = {t.pk for t in everything if workflow.may_record(user, open_round, t)}
        assert workflow.recordable_tasks(user, open_round, everything) == wanted, user
    assert workflow.recordable_tasks(reporter, open_round, everything) == {
        tasks["M1"].pk,
        tasks["M2"].pk,
    }
    assert workflow.recordable_tasks(other, open_round, everything) == {tasks["M4"].pk}
    open_round.status = "closed"
    from planwatch.web.history.services import save_tracked

    save_tracked(open_round)
    for user in (reporter, other):
        wanted = {t.pk for t in everything if workflow.may_record(user, open_round, t)}
        assert workflow.recordable_tasks(user, open_round, everything) == wanted == set()
