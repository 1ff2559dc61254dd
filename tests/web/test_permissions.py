"""The access policy as a matrix: every role × action on the same records.

Expected answers are written out by hand from issue 4's role descriptions.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from planwatch.web.core.rules import allowed
from planwatch.web.evaluation.models import EvaluationNote
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Assignment, MeasurableItem, Node
from planwatch.web.plans.models import Task as StoredTask
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.reporting.models import Observation, TaskProgress
from tests.web.conftest import outline_plan

pytestmark = pytest.mark.django_db

ROLES = ("admin", "coordinator", "reporter", "other_reporter", "leader", "evaluator", "anonymous")


def _yes(*who):
    return {role: role in who for role in ROLES}


# (description, record factory key, action, who may)
MATRIX = [
    ("see the plan", "plan", "view", _yes(*ROLES[:-1])),
    ("change the plan", "plan", "change", _yes("admin", "coordinator")),
    (
        "see an item the science bureau leads",
        "item_I2",
        "view",
        _yes("admin", "coordinator", "reporter", "other_reporter", "leader", "evaluator"),
    ),
    (
        "see an item assigned to no reporter of theirs",
        "item_I1",
        "view",
        _yes("admin", "coordinator", "leader", "evaluator"),
    ),
    (
        "report a figure for I2 (led by science)",
        "item_I2",
        "report",
        _yes("admin", "coordinator", "reporter"),
    ),
    ("change an item's target", "item_I2", "change", _yes("admin", "coordinator")),
    ("edit a draft figure", "draft", "change", _yes("admin", "coordinator", "reporter")),
    (
        "see a draft figure",
        "draft",
        "view",
        _yes("admin", "coordinator", "reporter", "other_reporter", "leader", "evaluator"),
    ),
    ("submit a draft figure", "draft", "submit", _yes("admin", "coordinator", "reporter")),
    ("approve a draft (not yet submitted)", "draft", "review", _yes()),
    ("approve a submitted figure", "submitted", "review", _yes("admin", "coordinator", "leader")),
    ("edit a submitted figure", "submitted", "change", _yes("admin", "coordinator")),
    ("edit an approved figure", "approved", "change", _yes("admin", "coordinator")),
    ("edit a draft in a closed round", "closed_draft", "change", _yes("admin", "coordinator")),
    ("see an approved, unpublished figure", "approved", "view", _yes(*ROLES[:-1])),
    ("edit own task progress", "progress", "change", _yes("admin", "coordinator", "reporter")),
    (
        "see another department's progress",
        "progress",
        "view",
        _yes("admin", "coordinator", "reporter", "leader", "evaluator"),
    ),
    ("read evaluation notes", "note", "view", _yes("admin", "coordinator", "leader", "evaluator")),
    ("edit the evaluator's note", "note", "change", _yes("evaluator")),
    (
        "see the task science leads",
        "task_M2",
        "view",
        _yes("admin", "coordinator", "reporter", "leader", "evaluator"),
    ),
    (
        "report on a task environment supports",
        "task_M1",
        "report",
        _yes("admin", "coordinator", "reporter", "other_reporter"),
    ),
    # A plan imported but not yet confirmed: its content is as hidden as the plan itself.
    ("see a draft plan", "draft_plan", "view", _yes("admin", "coordinator")),
    ("see an item of a draft plan", "draft_item", "view", _yes("admin", "coordinator")),
    ("see a task of a draft plan", "draft_task", "view", _yes("admin", "coordinator")),
    ("see a heading of a draft plan", "draft_node", "view", _yes("admin", "coordinator")),
    (
        "see a draft plan's division of labour",
        "draft_assignment",
        "view",
        _yes("admin", "coordinator"),
    ),
]


@pytest.fixture
def records(open_round, users, departments):
    plan = open_round.plan
    item_i2 = MeasurableItem.objects.get(plan=plan, code="I2")
    t1 = MeasurableItem.objects.get(plan=plan, code="T1")

    def observation(item, status, round=open_round, year=2023):
        return save_tracked(
            Observation(
                round=round,
                item=item,
                year=year,
                value=61.0,
                status=status,
                department=departments["science"],
            )
        )

    closed = save_tracked(
        type(open_round)(
            plan=plan, name="2022年度", year=2022, status="closed", deadline=open_round.deadline
        )
    )
    draft_plan = import_plan(outline_plan(), source_name="draft.txt")  # never confirmed
    draft_item = MeasurableItem.objects.get(plan=draft_plan, code="I2")
    draft_task = StoredTask.objects.get(plan=draft_plan, code="M2")
    return {
        "plan": plan,
        "draft_plan": draft_plan,
        "draft_item": draft_item,
        "draft_task": draft_task,
        "draft_node": Node.objects.filter(plan=draft_plan).first(),
        "draft_assignment": save_tracked(
            Assignment(
                plan=draft_plan, item=draft_item, department=departments["science"], role="lead"
            )
        ),
        "item_I1": MeasurableItem.objects.get(plan=plan, code="I1"),
        "item_I2": item_i2,
        "task_M1": StoredTask.objects.get(plan=plan, code="M1"),
        "task_M2": StoredTask.objects.get(plan=plan, code="M2"),
        "draft": observation(item_i2, "draft"),
        "submitted": observation(t1, "submitted"),
        "approved": observation(item_i2, "approved", year=2021),
        "closed_draft": observation(t1, "draft", round=closed, year=2022),
        "progress": save_tracked(
            TaskProgress(
                round=open_round,
                task=StoredTask.objects.get(plan=plan, code="M2"),
                department=departments["science"],
                percent=30,
            )
        ),
        "note": save_tracked(
            EvaluationNote(plan=plan, author=users["evaluator"], text="数据来源需注明。")
        ),
    }


@pytest.mark.parametrize(
    ("role", "description", "key", "action", "expected"),
    [
        (role, description, key, action, who[role])
        for description, key, action, who in MATRIX
        for role in ROLES
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 16 else None,
)
def test_permission_matrix(records, users, role, description, key, action, expected):
    user = AnonymousUser() if role == "anonymous" else users[role]
    assert allowed(user, action, records[key]) is expected, f"{role} may {description}?"


def test_the_public_sees_approved_figures_only_once_published(records, open_round):
    plan, approved = records["plan"], records["approved"]
    anonymous = AnonymousUser()
    assert not allowed(anonymous, "view", approved)
    plan.is_published = True
    save_tracked(plan)
    round = approved.round
    round.is_published = True
    save_tracked(round)
    assert allowed(anonymous, "view", approved)
    assert not allowed(anonymous, "view", records["draft"])
    assert not allowed(anonymous, "change", approved)


def test_a_reporters_lists_hold_only_their_departments_records(records, users):
    mine = Observation.objects.restrict(users["other_reporter"], "change")
    assert list(mine) == []
    science = Observation.objects.restrict(users["reporter"], "change")
    assert {o.pk for o in science} == {records["draft"].pk}


@pytest.mark.parametrize(
    ("role", "code", "status"),
    [
        ("reporter", "I2", 302),
        ("other_reporter", "I2", 403),  # supports I2: may see it, may not enter it
        ("other_reporter", "T1", 404),  # not assigned at all: the item does not exist for them
        ("evaluator", "I2", 403),
        ("leader", "I2", 403),
    ],
)
def test_the_data_entry_page_enforces_the_same_rules(records, users, login, role, code, status):
    client = login(users[role])
    draft = records["draft"]
    response = client.post(
        f"/reporting/rounds/{draft.round_id}/items/{code}/",
        {"value": "62.5", "version": str(draft.version)},
    )
    assert response.status_code == status
    draft.refresh_from_db()
    assert draft.value == (62.5 if status == 302 else 61.0)
