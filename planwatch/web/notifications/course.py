"""Binding indicators and key projects newly off course, told to their lead department and the
coordinators.

The verdicts are the web's own: ``reporting.services.assessment.assess_stored_plan`` — the
assessment the overview, the dashboard and the API show — judged as a coordinator sees the
plan. A key project is off course when its department reports it delayed, or when its planned
completion date has passed unfinished. The last verdict seen is kept (CourseState); a notice
goes out only when a subject moves from on course (or unseen) to off course, and each such
departure is numbered, so two workers checking at once tell each person once.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from planwatch.assess.status import OFF_COURSE
from planwatch.errors import PlanwatchError
from planwatch.web.notifications.choices import Kind
from planwatch.web.notifications.delivery import deliver
from planwatch.web.notifications.models import CourseState
from planwatch.web.notifications.recipients import coordinators, reporters_of
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.choices import Progress
from planwatch.web.reporting.models import KeyProject
from planwatch.web.reporting.services.assessment import assess_stored_plan


def check(plan_id: int, *, today: dt.date | None = None) -> int:
    """Compare the plan's verdicts with the last ones seen; notify each new departure."""
    plan = Plan.objects.filter(pk=plan_id).first()
    managers = coordinators()
    if plan is None or not managers:
        return 0
    today = today or timezone.localdate()
    written = 0
    for subject, off, status, params, department_id, url in verdicts(plan, managers[0], today):
        departure = record(plan, subject, off, status)
        if departure is None:
            continue
        people = {u.pk: u for u in (*reporters_of([department_id]), *managers)}
        for user in people.values():
            key = f"off_course:p{plan.pk}:{subject}:{departure}:u{user.pk}"
            written += deliver(user, Kind.OFF_COURSE, key, params, url) is not None
    return written


def verdicts(plan: Plan, viewer, today: dt.date):
    """(subject, off course?, status, notice parameters, lead department, link) of every
    binding indicator and key project."""
    year = years.default_year(plan, viewer)
    items = []
    if year is not None:
        try:
            items = assess_stored_plan(plan, year, viewer).items
        except PlanwatchError:
            items = []
    leads = dict(
        Assignment.objects.filter(plan=plan, role=AssignmentRole.LEAD, item__isnull=False)
        .values_list("item__code", "department_id")
        .order_by("pk")
    )
    overview = reverse("plans:detail", args=[plan.pk])
    for item in items:
        if not item.binding:
            continue
        params = {
            "variant": "item",
            "plan": plan.title,
            "year": year,
            "subject": f"{item.code} {item.name}",
            "status": item.status,
        }
        off = item.status in OFF_COURSE
        yield f"item:{item.code}", off, item.status, params, leads.get(item.code), overview
    projects = reverse("reporting:key_projects", args=[plan.pk])
    for project in KeyProject.objects.filter(plan=plan).order_by("pk"):
        why = project_problem(project, today)
        params = {"variant": "project", "plan": plan.title, "subject": project.name, "why": why}
        if project.planned_finish:
            params["finish"] = project.planned_finish.isoformat()
        subject, off = f"project:{project.pk}", why is not None
        yield subject, off, why or "", params, project.department_id, projects


def project_problem(project: KeyProject, today: dt.date) -> str | None:
    if project.progress == Progress.DELAYED:
        return "delayed"
    late = project.planned_finish and project.planned_finish < today
    if late and not project.actual_finish and project.progress != Progress.COMPLETED:
        return "late"
    return None


def record(plan: Plan, subject: str, off: bool, status: str) -> int | None:
    """Store the verdict; the departure's number when it has just gone off course."""
    with transaction.atomic():
        state, _ = CourseState.objects.get_or_create(plan=plan, subject=subject)
        state = CourseState.objects.select_for_update().get(pk=state.pk)
        departed = off and not state.off_course
        state.off_course, state.status = off, status
        if departed:
            state.times_off += 1
        state.save()
    return state.times_off if departed else None
