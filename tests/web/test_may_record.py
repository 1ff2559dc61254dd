"""``may_record`` is the one answer to "may this user record here?": the page offers the form
exactly when the workflow accepts the figure, and a refusal says why in Chinese."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem, Task
from planwatch.web.reporting.services import workflow


def _item(round, code):
    return MeasurableItem.objects.get(plan=round.plan, code=code)


@pytest.mark.parametrize(
    ("who", "code", "open", "expected"),
    [
        ("reporter", "I2", True, True),  # science leads I2
        ("other_reporter", "I2", True, False),  # environment only supports it
        ("reporter", "I2", False, False),  # the round is closed
        ("coordinator", "I2", False, True),  # coordinators correct in closed rounds too
        ("leader", "I2", True, False),
    ],
)
def test_the_page_and_the_workflow_give_the_same_answer(
    open_round, users, login, who, code, open, expected
):
    if not open:
        open_round.status = "closed"
        save_tracked(open_round)
    user, item = users[who], _item(open_round, code)
    assert workflow.may_record(user, open_round, item) is expected
    page = login(user).get(f"/reporting/rounds/{open_round.pk}/items/{code}/")
    if page.status_code == 200:
        assert page.context["can_edit"] is expected
    if expected:
        workflow.record_observation(user, open_round, item, value=1.0, unit=item.unit)
    else:
        with pytest.raises(PermissionDenied) as refused:
            workflow.record_observation(user, open_round, item, value=1.0, unit=item.unit)
        assert str(refused.value) == workflow.refusal(user, open_round, item)


def test_progress_needs_a_department_and_an_assignment(open_round, users, departments):
    task = Task.objects.get(plan=open_round.plan, code="M3")  # environment leads M3
    assert workflow.may_record(users["other_reporter"], open_round, task)
    assert not workflow.may_record(users["reporter"], open_round, task)
    assert workflow.refusal(users["reporter"], open_round, task) == "该任务未分配给您的部门。"
    assert workflow.refusal(users["leader"], open_round, task) == "请指定填报部门。"
    coordinator = users["coordinator"]
    assert workflow.may_record(coordinator, open_round, task, department=departments["env"])
