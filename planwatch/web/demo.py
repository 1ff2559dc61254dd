"""``planwatch serve --demo``: the bundled outline with departments, users and 示例数据.

Idempotent: a second run finds the demo plan and only makes sure the demo users exist. Every
synthetic record is flagged ``is_demo`` and its source reads 示例数据, so every page that shows it
can say so.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.hashers import get_hasher, identify_hasher, make_password
from django.db import transaction
from django.utils import timezone

from planwatch.assess.plausibility import value_kind
from planwatch.outline.departments import find_departments
from planwatch.web.accounts.models import User
from planwatch.web.annual.demo import load_annual_demo
from planwatch.web.core.roles import Role
from planwatch.web.evaluation.demo import load_demo_commission
from planwatch.web.history import revision
from planwatch.web.history.services import create_tracked_many, save_tracked
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Plan, Task
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.portal.demo import load_portal_demo
from planwatch.web.reporting.choices import Progress, ReviewStatus, RoundStatus
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.roadmap.demo import load_roadmap_demo
from planwatch.web.supervision.demo import load_supervision_demo
from planwatch.web.surveys.demo import load_demo_survey

DEMO_PASSWORD = "planwatch-demo"
#: DEMO_PASSWORD hashed once by Django 5.2's production hasher (PBKDF2-SHA256, 1,000,000
#: iterations, a salt drawn then): the password is printed for everyone to read, so one hash
#: made once serves every demo account of every installation. Used only while it is what the
#: configured hasher would make (the same algorithm, nothing to update); otherwise the demo
#: hashes the password afresh. Real accounts are hashed one by one as usual.
DEMO_PASSWORD_HASH = (
    "pbkdf2_sha256$1000000$eW56t9BBINEeGelXGqu6D9$5LFsLVI29Ol1N6SSQUEeut+as1Hrdnat3cvDY1713sY="
)
DEMO_SOURCE = "示例数据（系统生成，非真实统计）"
DEMO_YEARS = (2021, 2022, 2023)
#: The round left open for reporting; earlier ones are closed, approved and published.
OPEN_YEAR = 2023


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    department: str


def load_demo(path: Path | None = None, *, today: dt.date | None = None) -> list[DemoLogin]:
    """Import the demo plan once, then make sure its users exist; return the logins."""
    from planwatch.outline import parse_outline, sample_outline_path

    path = path or sample_outline_path()
    today = today or timezone.localdate()
    if Plan.objects.filter(is_demo=True, source_name=path.name).exists():
        # A restart: no need to read the outline again (a third of a second) to know it is in.
        with transaction.atomic():
            return _users(list(Department.objects.filter(is_demo=True)))
    parsed = parse_outline(path)
    # One transaction, one revision bump at its end: the ~1,300 records each log a change (and
    # the notifications read those) but caches forget once, not once per record.
    with transaction.atomic(), revision.deferred():
        plan = Plan.objects.filter(is_demo=True, title=parsed.title).first()
        if plan is None:
            plan = import_plan(parsed, source_name=path.name, is_demo=True, reason="示例数据")
            plan.confirmed_at = timezone.now()
            plan.is_published, plan.published_at = True, timezone.now()
            save_tracked(plan, reason="示例数据")
            _word_targets_demo(plan)
            departments = _departments(path)
            _assign(plan, departments)
            logins = _users(departments)
            _rounds_and_data(plan, today)
            load_supervision_demo(plan, departments)
            load_annual_demo(plan, departments)
            load_demo_commission(plan, departments, year=OPEN_YEAR - 1)
            load_demo_survey(plan, departments, today=today)
            load_portal_demo(plan)
        else:
            logins = _users(list(Department.objects.filter(is_demo=True)))
    return logins


#: Targets in words for rows the sample's table leaves blank (——), in the forms of the national
#: 14th outline's main table, so the demo shows a relative verdict: subject → cell. Demo data
#: only, labelled as such in the cell itself.
DEMO_WORD_TARGETS = {
    "全员劳动生产率增长": "高于GDP增长",
    "居民人均可支配收入增长": "与GDP增长基本同步",
}
DEMO_WORDS_LABEL = "（示例数据）"


def _word_targets_demo(plan: Plan) -> None:
    """Give the blank rows named in DEMO_WORD_TARGETS their target in words, read and resolved
    by the outline reader as a printed cell would be; rows that have figures are left alone."""
    from dataclasses import asdict

    from planwatch.outline.words import read_word_targets, referenced_row, subject_rows
    from planwatch.web.plans.services.outline import to_indicator

    items = list(MeasurableItem.objects.filter(plan=plan, kind="indicator"))
    rows = [to_indicator(i) for i in items]
    by_code = {i.code: i for i in items}
    for subject, cell in DEMO_WORD_TARGETS.items():
        for row in subject_rows(subject, rows):
            item = by_code[row.code]
            blank = (item.baseline_value, item.target_value, item.growth_value)
            if item.word_targets or any(v is not None for v in blank):
                continue
            words = read_word_targets(cell)
            for w in words:
                if w.kind == "relative":
                    w.reference = referenced_row(w.reference_name or "", rows, row.code)
            item.word_targets = [asdict(w) for w in words]
            item.growth_text = cell + DEMO_WORDS_LABEL
            save_tracked(item, reason="示例数据")


def _departments(path: Path) -> list[Department]:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    found = find_departments(text)
    departments = []
    for f in found:
        dept = Department.objects.filter(name=f.name).first() or save_tracked(
            Department(name=f.name, is_coordinator=f.coordinates, is_demo=True),
            reason="示例数据",
        )
        departments.append(dept)
    if not any(d.is_coordinator for d in departments) and departments:
        departments[0].is_coordinator = True
        save_tracked(departments[0], reason="示例数据")
    return departments


def _assign(plan: Plan, departments: list[Department]) -> None:
    """Round-robin lead and support, the coordinator first: enough to show every screen."""
    if not departments:
        return
    ordered = sorted(departments, key=lambda d: not d.is_coordinator)
    rows = []
    targets = [*MeasurableItem.objects.filter(plan=plan), *Task.objects.filter(plan=plan)]
    for i, target in enumerate(targets):
        kind = "item" if isinstance(target, MeasurableItem) else "task"
        lead = ordered[i % len(ordered)]
        rows.append(
            Assignment(plan=plan, department=lead, role=AssignmentRole.LEAD, **{kind: target})
        )
        if len(ordered) > 1:
            support = ordered[(i + 1) % len(ordered)]
            rows.append(
                Assignment(
                    plan=plan, department=support, role=AssignmentRole.SUPPORT, **{kind: target}
                )
            )
    Assignment.objects.bulk_create(rows)
    revision.bump(plan.pk)  # bulk rows skip save_tracked: caches must still forget


def _users(departments: list[Department]) -> list[DemoLogin]:
    coordinator_dept = next((d for d in departments if d.is_coordinator), None)
    wanted = [
        ("admin", Role.ADMINISTRATOR, None, "系统管理员"),
        ("coordinator", Role.COORDINATOR, coordinator_dept, "规划科（示例）"),
        ("leader", Role.LEADER, None, "分管领导（示例）"),
        ("evaluator", Role.EVALUATOR, None, "第三方评估机构（示例）"),
    ]
    for n, dept in enumerate(departments, start=1):
        wanted.append((f"reporter{n}", Role.REPORTER, dept, f"{dept.name}填报员（示例）"))
    logins = []
    hashed = None
    for username, role, dept, full_name in wanted:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, role=role, department=dept, full_name=full_name)
            user.email = f"{username}@demo.invalid"  # the demo's e-mail goes to the console
            user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
            # One production hash for all of them, made once (DEMO_PASSWORD_HASH): ~0.2 s
            # each otherwise.
            hashed = hashed or demo_password_hash()
            user.password = hashed
            user.save()
        logins.append(DemoLogin(username, user.get_role_display(), str(user.department or "")))
    return logins


def demo_password_hash() -> str:
    """DEMO_PASSWORD_HASH while the configured hasher would make such a hash, else a new one."""
    hasher = get_hasher()
    try:
        same = identify_hasher(DEMO_PASSWORD_HASH).algorithm == hasher.algorithm
    except ValueError:
        same = False
    if same and not hasher.must_update(DEMO_PASSWORD_HASH):
        return DEMO_PASSWORD_HASH
    return make_password(DEMO_PASSWORD)


def _rounds_and_data(plan: Plan, today: dt.date) -> None:
    coordinator = User.objects.filter(username="coordinator").first()
    items = list(MeasurableItem.objects.filter(plan=plan))
    task_assignments = list(
        Assignment.objects.filter(plan=plan, task__isnull=False).select_related(
            "task", "department"
        )
    )
    leads = {
        a.item_id: a.department
        for a in Assignment.objects.filter(
            plan=plan, item__isnull=False, role="lead"
        ).select_related("department")
    }
    for year in DEMO_YEARS:
        is_open = year == OPEN_YEAR
        round = save_tracked(
            ReportingRound(
                plan=plan,
                name=f"{year}年度",
                year=year,
                opens_on=dt.date(year + 1, 1, 1) if not is_open else today - dt.timedelta(30),
                deadline=dt.date(year + 1, 3, 31) if not is_open else today - dt.timedelta(2),
                status=RoundStatus.OPEN if is_open else RoundStatus.CLOSED,
                is_published=not is_open,
                is_demo=True,
            ),
            reason="示例数据",
        )
        figures = []
        for n, item in enumerate(items):
            value = synthetic_value(item, year, plan)
            if value is None or (is_open and n % 3 == 2):
                continue  # some figures still missing in the open round: overdue on screen
            status = ReviewStatus.APPROVED if not is_open else _open_status(n)
            figures.append(
                _demo_record(
                    Observation(
                        round=round,
                        item=item,
                        year=year,
                        value=value,
                        unit=item.unit,
                        source=DEMO_SOURCE,
                        department=leads.get(item.pk),
                    ),
                    status,
                    coordinator,
                )
            )
        # Each logged as save_tracked logs it, in one INSERT for the rows and one for the log.
        create_tracked_many(figures, user=coordinator, reason="示例数据")
        reports = []
        for n, a in enumerate(task_assignments):
            if is_open and n % 3 == 2:
                continue
            percent = min(100, 20 * (year - 2020) + (zlib.crc32(a.task.code.encode()) % 25))
            reports.append(
                _demo_record(
                    TaskProgress(
                        round=round,
                        task=a.task,
                        department=a.department,
                        percent=percent,
                        progress=Progress.COMPLETED if percent >= 100 else Progress.IN_PROGRESS,
                        narrative=f"示例数据：{year}年{a.task.title}有序推进，完成年度计划约{percent}%。",
                    ),
                    ReviewStatus.APPROVED if not is_open else _open_status(n),
                    coordinator,
                )
            )
        create_tracked_many(reports, user=coordinator, reason="示例数据")
    load_roadmap_demo(plan, coordinator, today)


def _compared_demo(item: MeasurableItem, year: int, plan: Plan) -> float | None:
    """A row with a relative target in words moves with the row it is compared with: a little
    above it for 高于, a little below for 同步 (within the band), a year below for variety."""
    word = next((w for w in item.word_targets or [] if w.get("reference")), None)
    if word is None:
        return None
    other = MeasurableItem.objects.filter(plan=plan, code=word["reference"]).first()
    theirs = synthetic_value(other, year, plan) if other is not None else None
    if theirs is None:
        return None
    step = {"above": 0.6, "not_below": 0.3, "in_step": -0.2}.get(word.get("relation"), 0.0)
    if year % 3 == 0:
        step -= 0.8  # one year falls short: the verdict then says which
    return theirs + step


def _open_status(n: int) -> str:
    return ReviewStatus.SUBMITTED if n % 3 == 0 else ReviewStatus.DRAFT


def _demo_record(record, status: str, reviewer):
    record.is_demo = True
    record.status = status
    if status in (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED):
        record.submitted_at = timezone.now()
    if status == ReviewStatus.APPROVED:
        record.reviewed_by, record.reviewed_at = reviewer, timezone.now()
    return record


def synthetic_value(item: MeasurableItem, year: int, plan: Plan) -> float | None:
    """A made-up but plausible figure: each item moves at its own steady pace toward its target."""
    rng = random.Random(zlib.crc32(f"{item.code}:{year}".encode()))
    pace = 0.4 + (zlib.crc32(item.code.encode()) % 90) / 100  # 0.4 … 1.3 of the needed pace
    base_year = item.baseline_year or plan.base_year or 2020
    target_year = item.target_year or plan.target_year or 2025
    base, target = item.baseline_value, item.target_value
    if base is not None and target is not None and target_year > base_year:
        share = (year - base_year) / (target_year - base_year)
        value = base + (target - base) * share * pace * rng.uniform(0.95, 1.05)
    elif item.growth_value is not None and base is None:
        value = item.growth_value * pace * rng.uniform(0.9, 1.1)
    elif base is not None:
        value = base * (1 + 0.03 * (pace - 0.5)) ** (year - base_year)
    elif (compared := _compared_demo(item, year, plan)) is not None:
        value = compared
    elif target is not None:
        value = target * min(1.0, 0.6 + 0.1 * (year - base_year) * pace)
    else:
        return None
    if value_kind(item.name, item.unit) == "rank":
        return float(max(1, round(value)))  # a rank is a whole position, 1 at best
    return round(value, 2)
