"""The responsibility scorecard on a hand-built round, checked against numbers worked by hand.

The round (2023, deadline in ten days) of the conftest plan, default weights
(on time 20, returned 10, items 35, tasks 25, policies 10):

县科学技术局 (leads I2, T1, M1, M2; issues one policy)
  duties I2, T1, M1, M2 and the policy's 落实情况: I2, M1 and the policy submitted on time, M2
  late, T1 never → on time 3/5 = 60
  submitted 4, M1 returned once → returned component (4 − 1)/4 = 75
  items: I2 = 66 ≥ 65 (提前完成, achieved: 100); T1 has no figure (数据暂缺: not counted) → 100
  tasks: M1 completed 100, M2 delayed 30 → 65
  policies: one issued, 落实情况 approved "in progress" → 80
  total = (20×60 + 10×75 + 35×100 + 25×65 + 10×80) / 100 = 7875 / 100 = 78.75

县生态环境分局 (leads I3, M3, M4; supports M1)
  duties I3, M3, M4, M1: all but M4 submitted on time → 3/4 = 75; none returned → 100
  items: I3's target is 完成市下达任务 (待明确目标: not counted) → does not apply
  tasks (led only): M3 in progress 80, M4 unreported 0 → 40; policies: none → does not apply
  computed = (20×75 + 10×100 + 25×40) / (20 + 10 + 25) = 3500 / 55 = 63.636
  adjustment +5 → total 68.64

县发展和改革局 (leads I1): its one figure never submitted → on time 0/1 = 0; nothing else
  applies → total 0.

Ranking: 科学技术局 1, 生态环境分局 2, 发展和改革局 3.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from planwatch.web.history.models import Action, ChangeRecord
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem, Task
from planwatch.web.reporting.services import workflow
from planwatch.web.supervision.models import Policy, ScoreAdjustment
from planwatch.web.supervision.services.policies import record_report, save_policy
from planwatch.web.supervision.services.scorecard import build_scorecard

pytestmark = pytest.mark.django_db


def _late(record, days=12):
    """Move the record's submission past the deadline (the round is built by hand)."""
    later = timezone.now() + dt.timedelta(days=days)
    ChangeRecord.objects.filter(
        object_id=record.pk, action=Action.SUBMIT, object_repr=str(record)
    ).update(at=later)
    type(record).objects.filter(pk=record.pk).update(submitted_at=later)


@pytest.fixture
def scored_round(open_round, users, departments):
    plan, round = open_round.plan, open_round
    coordinator, science, env = users["coordinator"], users["reporter"], users["other_reporter"]
    item = {i.code: i for i in MeasurableItem.objects.filter(plan=plan)}
    task = {t.code: t for t in Task.objects.filter(plan=plan)}

    i2 = workflow.record_observation(science, round, item["I2"], value=66, unit="%")
    m1 = workflow.record_progress(
        science, round, task["M1"], narrative="完成", percent=100, progress="completed"
    )
    m2 = workflow.record_progress(
        science, round, task["M2"], narrative="滞后", percent=30, progress="delayed"
    )
    workflow.submit(science, [i2, m1, m2])
    _late(m2)
    workflow.return_for_revision(coordinator, [m1], "请补充佐证")
    m1.refresh_from_db()
    workflow.submit(science, [m1])

    i3 = workflow.record_observation(other := env, round, item["I3"], value=3.1, unit="%")
    m3 = workflow.record_progress(
        other, round, task["M3"], narrative="推进", percent=50, progress="in_progress"
    )
    m1e = workflow.record_progress(
        other, round, task["M1"], narrative="配合", percent=50, progress="in_progress"
    )
    workflow.submit(env, [i3, m3, m1e])

    policy = Policy(
        plan=plan,
        title="关于支持高新技术企业发展的若干措施",
        document_number="示科发〔2022〕3号",
        department=departments["science"],
        status="issued",
        issued_on=dt.date(2022, 5, 1),
    )
    save_policy(coordinator, policy, tasks=[task["M1"]], items=[item["I2"]])
    report = record_report(science, round, policy, progress="in_progress", narrative="落实中")
    workflow.submit(science, [report])

    records = [r for r in (i2, m1, m2, i3, m3, m1e, report)]
    for r in records:
        r.refresh_from_db()
    workflow.approve(coordinator, records)
    save_tracked(
        ScoreAdjustment(
            plan=plan,
            year=2023,
            department=departments["env"],
            points=5,
            reason="承担专项督查任务",
            author=coordinator,
        ),
        user=coordinator,
    )
    return plan


def test_the_scorecard_matches_the_hand_check(scored_round):
    card = build_scorecard(scored_round, 2023)
    rows = {r.department: r for r in card.rows}
    science, env, econ = rows["县科学技术局"], rows["县生态环境分局"], rows["县发展和改革局"]
    scores = {c.code: c.score for c in science.components}
    assert scores["on_time"] == 60
    assert scores["returned"] == 75
    assert scores["items"] == 100
    assert scores["tasks"] == 65
    assert scores["policies"] == 80
    assert science.total == pytest.approx(78.75)

    scores = {c.code: c.score for c in env.components}
    assert scores == {
        "on_time": 75,
        "returned": 100,
        "items": None,
        "tasks": 40,
        "policies": None,
        "milestones": None,
        "projects": None,
    }
    assert env.computed == pytest.approx(3500 / 55)
    assert env.total == pytest.approx(3500 / 55 + 5)

    assert econ.total == 0
    assert [(r.department, r.rank) for r in card.rows] == [
        ("县科学技术局", 1),
        ("县生态环境分局", 2),
        ("县发展和改革局", 3),
    ]


def test_the_scorecard_is_cached_until_a_tracked_write(
    scored_round, users, departments, django_assert_max_num_queries
):
    first = build_scorecard(scored_round, 2023)
    with django_assert_max_num_queries(1):  # the data revision only: the card is cached
        again = build_scorecard(scored_round, 2023)
    assert [(r.department, r.total) for r in again.rows] == [
        (r.department, r.total) for r in first.rows
    ]
    coordinator = users["coordinator"]
    save_tracked(
        ScoreAdjustment(
            plan=scored_round,
            year=2023,
            department=departments["science"],
            points=-10,
            reason="未按要求报送专项材料",
            author=coordinator,
        ),
        user=coordinator,
    )
    science = build_scorecard(scored_round, 2023).row("县科学技术局")
    assert science.total == pytest.approx(78.75 - 10)  # the write made a new revision
