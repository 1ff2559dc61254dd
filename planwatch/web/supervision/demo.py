"""The demo's policies, their 落实情况 and the scorecard year (all 示例数据).

Called once from planwatch.web.demo after the rounds are filled. The core demo stamps every
submission of the closed rounds with the time it ran; for :data:`SCORECARD_YEAR` this gives
the submissions a made-up calendar (most a few days before the deadline, every seventh after
it), so the demo scorecard's on-time component has something to show.
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.utils import timezone

from planwatch.web.accounts.models import User
from planwatch.web.history import revision
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Assignment, Department, Plan
from planwatch.web.reporting.choices import Progress, ReviewStatus
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.supervision.models import Policy, PolicyReport, ScoreAdjustment
from planwatch.web.supervision.services.policies import save_policy

#: The year whose scorecard the demo shows (a closed, approved round).
SCORECARD_YEAR = 2022
DEMO = "示例数据"
STATES = (Progress.COMPLETED, Progress.IN_PROGRESS, Progress.DELAYED)


def load_supervision_demo(plan: Plan, departments: list[Department]) -> None:
    coordinator = User.objects.filter(username="coordinator").first()
    round = ReportingRound.objects.filter(plan=plan, year=SCORECARD_YEAR, period="Y").first()
    if coordinator is None or round is None or not departments:
        return
    _submission_calendar(round)
    leads = list(
        Assignment.objects.filter(plan=plan, role="lead", task__isnull=False)
        .select_related("task", "department")
        .order_by("task__order")
    )
    for n, assignment in enumerate(leads[:3]):
        task = assignment.task
        policy = Policy(
            plan=plan,
            title=f"示例政策{n + 1}：关于{task.title.rstrip('。')[:24]}的若干措施",
            document_number=f"示例〔2021〕{n + 1}号",
            department=assignment.department,
            issued_on=dt.date(2021, 3 + n, 1),
            status="issued",
            summary="示例数据：合成的政策措施，仅供演示。",
            is_demo=True,
        )
        items = list(plan.items.filter(assignments__department=assignment.department)[:1])
        save_policy(coordinator, policy, tasks=[task], items=items, reason=DEMO)
        report = PolicyReport(
            round=round,
            policy=policy,
            department=assignment.department,
            progress=STATES[n % len(STATES)],
            narrative=f"示例数据：{SCORECARD_YEAR}年该政策{STATES[n % len(STATES)].label}。",
            status=ReviewStatus.APPROVED,
            submitted_at=timezone.make_aware(dt.datetime(SCORECARD_YEAR + 1, 3, 20)),
            reviewed_by=coordinator,
            reviewed_at=timezone.now(),
            is_demo=True,
        )
        save_tracked(report, user=coordinator, reason=DEMO)
    save_tracked(
        Policy(
            plan=plan,
            title="示例政策4：规划实施监督办法（征求意见稿）",
            department=departments[0],
            status="drafting",
            summary="示例数据：制定中的政策不报送落实情况，也不计入考核。",
            is_demo=True,
        ),
        user=coordinator,
        reason=DEMO,
    )
    target = leads[1].department if len(leads) > 1 else departments[0]
    save_tracked(
        ScoreAdjustment(
            plan=plan,
            year=SCORECARD_YEAR,
            department=target,
            points=2,
            reason="示例数据：承担年度专项督查任务，加2分。",
            author=coordinator,
            is_demo=True,
        ),
        user=coordinator,
        reason=DEMO,
    )


def _submission_calendar(round: ReportingRound) -> None:
    deadline = timezone.make_aware(dt.datetime.combine(round.deadline, dt.time(17)))
    for model in (Observation, TaskProgress):
        for pk in model.objects.filter(round=round, is_demo=True).values_list("pk", flat=True):
            key = zlib.crc32(f"{model.__name__}:{pk}".encode())
            days = -(key % 20) - 1 if key % 7 else 3 + key % 5
            model.objects.filter(pk=pk).update(submitted_at=deadline + dt.timedelta(days=days))
    revision.bump(round.plan_id)  # bulk updates skip save_tracked: caches must still forget
