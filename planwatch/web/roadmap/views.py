"""Roadmap pages: a task's (or project's) milestones, the round's milestone and project
reports, the projects' rates and the register upload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.core.access import get_visible, require, require_role
from planwatch.web.core.editing import apply_or_report
from planwatch.web.core.roles import MANAGE, Role
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.plans.models import Plan, Task
from planwatch.web.reporting.models import KeyProject, ReportingRound
from planwatch.web.reporting.services.excel import UploadRejected
from planwatch.web.roadmap import register, services
from planwatch.web.roadmap.forms import (
    MilestoneForm,
    MilestoneReportForm,
    ProjectReportForm,
    RegisterForm,
    RemoveForm,
)
from planwatch.web.roadmap.models import Milestone, MilestoneReport, ProjectReport
from planwatch.web.roadmap.summary import project_summary

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _owner_page(owner) -> str:
    if isinstance(owner, Task):
        return reverse("roadmap:task", args=[owner.plan_id, owner.code])
    return reverse("roadmap:project", args=[owner.plan_id, owner.pk])


def _roadmap_page(request, plan: Plan, owner):
    user = request.user
    milestones = list(services.roadmap_of(owner).order_by("order", "due", "pk"))
    latest = services.latest_reports(milestones)
    today = timezone.localdate()
    for m in milestones:
        m.report = latest.get(m.pk)
        m.overdue = services.rule.is_overdue(services.facts(m, m.report), today)
        m.editable = allowed(user, "change", m)
    state = services.rule.task_state([services.facts(m, m.report) for m in milestones], today)
    may_plan = services.may_plan(user, owner)
    form = MilestoneForm(request.POST or None) if may_plan else None
    if request.method == "POST":
        if not may_plan:
            raise PermissionDenied(_("只有牵头部门或规划牵头部门可以为此任务制定节点。"))
        if form.is_valid():
            data = form.cleaned_data
            if apply_or_report(
                request,
                form,
                lambda: services.add_milestone(
                    user,
                    owner,
                    what=data["what"],
                    due=data["due"],
                    evidence=data["evidence"],
                    reason=data["reason"],
                ),
            ):
                messages.success(request, _("已添加节点。"))
                return redirect(_owner_page(owner))
    return render(
        request,
        "roadmap/roadmap.html",
        {
            "plan": plan,
            "owner": owner,
            "is_task": isinstance(owner, Task),
            "milestones": milestones,
            "state": state,
            "form": form,
        },
    )


@login_required
def task_roadmap(request, plan_pk: int, code: str):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    task = get_visible(Task.objects.all(), request.user, plan=plan, code=code)
    return _roadmap_page(request, plan, task)


@login_required
def project_roadmap(request, plan_pk: int, pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    project = get_visible(KeyProject.objects.all(), request.user, plan=plan, pk=pk)
    return _roadmap_page(request, plan, project)


@login_required
def milestone_edit(request, pk: int):
    milestone = get_visible(
        Milestone.objects.select_related("task", "project"), request.user, pk=pk
    )
    require(request.user, "change", milestone)
    form = MilestoneForm(request.POST or None, instance=milestone)
    owner = milestone.task or milestone.project
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_or_report(
            request,
            form,
            lambda: services.change_milestone(
                request.user,
                Milestone.objects.get(pk=milestone.pk),
                what=data["what"],
                due=data["due"],
                evidence=data["evidence"],
                reason=data["reason"],
                expected_version=data["version"],
            ),
        ):
            messages.success(request, _("已保存。"))
            return redirect(_owner_page(owner))
    return render(
        request,
        "roadmap/milestone_form.html",
        {"milestone": milestone, "form": form, "back": _owner_page(owner)},
    )


@login_required
def milestone_remove(request, pk: int):
    """Delete with confirmation and a reason; the milestone stays in the change log."""
    milestone = get_visible(
        Milestone.objects.select_related("task", "project"), request.user, pk=pk
    )
    require(request.user, "change", milestone)
    owner = milestone.task or milestone.project
    form = RemoveForm(request.POST or None, initial={"version": milestone.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_or_report(
            request,
            form,
            lambda: services.remove_milestone(
                request.user, milestone, reason=data["reason"], expected_version=data["version"]
            ),
        ):
            messages.success(request, _("已删除节点（记录保留在变更记录中）。"))
            return redirect(_owner_page(owner))
    return render(
        request,
        "roadmap/milestone_remove.html",
        {"milestone": milestone, "form": form, "back": _owner_page(owner)},
    )


@login_required
@require_POST
def milestone_move(request, pk: int):
    milestone = get_visible(
        Milestone.objects.select_related("task", "project"), request.user, pk=pk
    )
    step = -1 if request.POST.get("direction") == "up" else 1
    services.move_milestone(request.user, milestone, step)
    return redirect(_owner_page(milestone.task or milestone.project))


@login_required
def round_roadmap(request, round_pk: int):
    """The round's milestones and projects the user reports on (a reporter: their own)."""
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    user = request.user
    milestones = Milestone.objects.restrict(user, "view").filter(plan_id=round.plan_id)
    projects = KeyProject.objects.restrict(user, "view").filter(plan_id=round.plan_id)
    if role_of(user) == Role.REPORTER:
        milestones = milestones.filter(department_id=user.department_id)
        projects = projects.filter(department_id=user.department_id)
    milestones = list(
        milestones.select_related("task", "project", "department").order_by(
            "task__order", "project__code", "order", "pk"
        )
    )
    reports = {r.milestone_id: r for r in MilestoneReport.objects.filter(round=round)}
    today = timezone.localdate()
    for m in milestones:
        m.report = reports.get(m.pk)
        m.overdue = services.rule.is_overdue(services.facts(m, m.report), today)
    tasks = list({m.task_id: m.task for m in milestones if m.task_id}.values())
    states = services.task_states(tasks, today)
    task_rows = [(t, states[t.pk]) for t in sorted(tasks, key=lambda t: t.order)]
    projects = list(projects.select_related("department").order_by("code", "name"))
    figures = {r.project_id: r for r in ProjectReport.objects.filter(round=round)}
    for p in projects:
        p.report = figures.get(p.pk)
        p.planned_this_year = p.planned_in(round.year)
    return render(
        request,
        "roadmap/round.html",
        {
            "round": round,
            "plan": round.plan,
            "milestones": milestones,
            "projects": projects,
            "tasks": task_rows,
            "can_template": role_of(user) in MANAGE | {Role.REPORTER},
        },
    )


@login_required
def milestone_report(request, round_pk: int, pk: int):
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    milestone = get_visible(
        Milestone.objects.select_related("task", "project"),
        request.user,
        pk=pk,
        plan_id=round.plan_id,
    )
    report = MilestoneReport.objects.filter(round=round, milestone=milestone).first()
    initial = {"state": "in_progress"}
    if report:
        initial = {k: getattr(report, k) for k in ("state", "done_on", "note", "version")}
    form = MilestoneReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_or_report(
            request,
            form,
            lambda: services.record_milestone(
                request.user,
                round,
                milestone,
                state=data["state"],
                note=data["note"],
                done_on=data["done_on"],
                reason=data["reason"],
                expected_version=data["version"] if report else None,
            ),
        ):
            messages.success(request, _("已保存节点进展。"))
            return redirect("roadmap:round", round_pk=round.pk)
    return render(
        request,
        "roadmap/report_form.html",
        {"round": round, "subject": milestone, "report": report, "form": form,
         "history": "roadmap.milestonereport"},
    )  # fmt: skip


@login_required
def project_report(request, round_pk: int, pk: int):
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    project = get_visible(KeyProject.objects.all(), request.user, pk=pk, plan_id=round.plan_id)
    report = ProjectReport.objects.filter(round=round, project=project).first()
    initial = {"actual_start": project.actual_start, "actual_finish": project.actual_finish}
    if report:
        fields = ("year_invested", "cumulative_invested", "actual_start", "actual_finish",
                  "is_late", "note", "version")  # fmt: skip
        initial = {k: getattr(report, k) for k in fields}
    form = ProjectReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_or_report(
            request,
            form,
            lambda: services.record_project(
                request.user,
                round,
                project,
                year_invested=data["year_invested"],
                cumulative_invested=data["cumulative_invested"],
                actual_start=data["actual_start"],
                actual_finish=data["actual_finish"],
                is_late=data["is_late"],
                note=data["note"],
                reason=data["reason"],
                expected_version=data["version"] if report else None,
            ),
        ):
            messages.success(request, _("已保存项目进展。"))
            return redirect("roadmap:round", round_pk=round.pk)
    return render(
        request,
        "roadmap/report_form.html",
        {"round": round, "subject": project, "report": report, "form": form,
         "planned": project.planned_in(round.year), "history": "roadmap.projectreport"},
    )  # fmt: skip


@login_required
def projects(request, plan_pk: int):
    """The plan's projects: each year's 开工率、竣工率、投资完成率 and the off-schedule ones."""
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    summary = project_summary(plan, request.user, timezone.localdate())
    return render(
        request,
        "roadmap/projects.html",
        {"plan": plan, "summary": summary, "can_manage": role_of(request.user) in MANAGE},
    )


@login_required
def register_download(request, plan_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    data = register.register_workbook(request.user, plan)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="planwatch-{plan.pk}-projects.xlsx"'
    return response


@login_required
def register_upload(request, plan_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    require_role(request.user, MANAGE)
    form = RegisterForm(request.POST or None, request.FILES or None)
    problems, result, status = [], None, 200
    if request.method == "POST" and form.is_valid():
        try:
            result = register.import_register(
                request.user, plan, form.data_bytes, form.cleaned_data["file"].name
            )
        except UploadRejected as exc:
            problems, status = exc.problems, 409 if exc.only_conflicts else 422
            messages.error(
                request,
                _("上传未保存：发现 %(n)d 处问题，请修改后重新上传。") % {"n": len(problems)},
            )
        else:
            messages.success(
                request,
                _(
                    "已导入：新增项目 %(created)d 个，更新 %(updated)d 个，"
                    "未变 %(unchanged)d 个，新增节点 %(milestones)d 个。"
                )
                % vars(result),
            )
    return render(
        request,
        "roadmap/register.html",
        {"plan": plan, "form": form, "problems": problems, "result": result},
        status=status,
    )
