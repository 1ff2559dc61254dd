"""One lead per item and task; a round's duties are fixed when it opens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Assignment, MeasurableItem, Task
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.services.duties import round_duties

pytestmark = pytest.mark.django_db


def _assign(client, plan, department, **extra):
    data = {"department": department.pk, "role": "lead", "reason": "调整分工", **extra}
    return client.post(f"/plans/{plan.pk}/assignments/", data)


def test_a_second_lead_is_refused_with_an_explanation(assigned, departments, users, login):
    client = login(users["coordinator"])
    i2 = MeasurableItem.objects.get(plan=assigned, code="I2")  # science leads it
    response = _assign(client, assigned, departments["env"], items=[i2.pk])
    assert response.status_code == 200
    page = response.content.decode()
    assert "已由 县科学技术局 牵头" in page
    assert "将原牵头部门改为配合" in page and 'type="checkbox" name="replace_lead"' in page
    leads = Assignment.objects.filter(item=i2, role="lead")
    assert [a.department.name for a in leads] == ["县科学技术局"]  # nothing changed


def test_a_confirmed_second_lead_turns_the_old_one_into_support(
    assigned, departments, users, login
):
    client = login(users["coordinator"])
    m1 = Task.objects.get(plan=assigned, code="M1")  # science leads, environment supports
    response = _assign(client, assigned, departments["env"], tasks=[m1.pk], replace_lead="on")
    assert response.status_code == 302
    roles = {a.department.name: a.role for a in Assignment.objects.filter(task=m1)}
    assert roles == {"县科学技术局": "support", "县生态环境分局": "lead"}
    old = Assignment.objects.get(task=m1, department=departments["science"])
    assert ChangeRecord.objects.filter(object_id=old.pk, reason__contains="原牵头部门改为配合")


def test_the_database_refuses_two_leads(assigned, departments):
    i3 = MeasurableItem.objects.get(plan=assigned, code="I3")
    with pytest.raises(IntegrityError), transaction.atomic():
        save_tracked(
            Assignment(plan=assigned, department=departments["science"], role="lead", item=i3)
        )


def _new_task_assignment(client, plan, department, **extra):
    m4 = Task.objects.get(plan=plan, code="M4")
    data = {"department": department.pk, "role": "support", "tasks": [m4.pk], **extra}
    assert client.post(f"/plans/{plan.pk}/assignments/", data).status_code == 302
    return m4


def test_assignments_after_a_round_opened_go_to_the_next_round(
    open_round, departments, users, login
):
    science = departments["science"]
    before = {d.target.code for d in round_duties(open_round, department=science)}
    m4 = _new_task_assignment(login(users["coordinator"]), open_round.plan, science)
    assert {d.target.code for d in round_duties(open_round, department=science)} == before
    later = save_tracked(
        ReportingRound(
            plan=open_round.plan,
            name="2024年度",
            year=2024,
            status="open",
            deadline=timezone.localdate() + dt.timedelta(days=30),
        )
    )
    assert m4.code in {d.target.code for d in round_duties(later, department=science)}


def test_the_coordinator_may_add_a_new_assignment_to_the_open_round(
    open_round, departments, users, login
):
    science = departments["science"]
    client = login(users["coordinator"])
    m4 = _new_task_assignment(client, open_round.plan, science, join_open_rounds="on")
    assert m4.code in {d.target.code for d in round_duties(open_round, department=science)}


def test_a_round_records_when_it_opened(assigned):
    round = save_tracked(
        ReportingRound(plan=assigned, name="2023年度", year=2023, deadline=timezone.localdate())
    )
    assert round.opened_at is None
    round.status = "open"
    save_tracked(round)
    round.refresh_from_db()
    assert round.opened_at is not None
