"""Pages: a plan's annual targets (propose, edit, confirm, approve), a department's year,
an item's shares with their roll-up, and the year's implementation plan as .docx / .xlsx."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.reports import annual_plan as document
from planwatch.web.annual import services
from planwatch.web.annual.forms import AnnualTargetForm, ShareFigureForm, TargetShareForm
from planwatch.web.core.access import get_visible, require
from planwatch.web.core.editing import save_form
from planwatch.web.core.error_pages import bad_request_page
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import role_of
from planwatch.web.history.services import EditConflict
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.models import AnnualTarget, ShareFigure, TargetShare, TargetState


def _year(request, plan: Plan) -> int | None:
    """The year asked for (GET or POST), else the year pages open at (reporting.years)."""
    raw = request.GET.get("year") or request.POST.get("year")
    return years.year_asked(raw, plan, request.user)


@login_required
def targets(request, plan_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    try:
        year = _year(request, plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    user = request.user
    rows = list(
        AnnualTarget.objects.restrict(user, "view")
        .filter(item__plan=plan, year=year, item__deleted_at__isnull=True)
        .select_related("item", "confirmed_by", "approved_by")
    )
    items = services.core_items(plan)
    confirmable = _ids(user, "submit", rows)
    approvable = _ids(user, "review", rows)
    return render(
        request,
        "annual/targets.html",
        {
            "plan": plan,
            "year": year,
            "years": years.years(plan),
            "rows": [(t, services.target_phrase(items.get(t.item.code), t)) for t in rows],
            "confirmable": confirmable,
            "approvable": approvable,
            "manager": role_of(user) in MANAGE,
            "departments": _departments(plan),
        },
    )


def _ids(user, action: str, rows) -> set[int]:
    ids = [r.pk for r in rows]
    return set(
        AnnualTarget.objects.restrict(user, action).filter(pk__in=ids).values_list("pk", flat=True)
    )


def _departments(plan: Plan):
    ids = Assignment.objects.filter(plan=plan).values("department_id")
    return Department.objects.filter(pk__in=ids).order_by("name")


@login_required
@require_POST
def propose(request, plan_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    try:
        year = _year(request, plan)  # checked first: a bad year changes nothing
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    created, kept = services.propose_all(plan, request.user)
    messages.success(
        request,
        _("已按规划路径测算 %(created)s 个年度目标；已有的 %(kept)s 个保持不变。")
        % {"created": created, "kept": kept},
    )
    return redirect(reverse("annual:targets", args=[plan.pk]) + f"?year={year}")


@login_required
def target_edit(request, pk: int):
    target = get_visible(AnnualTarget.objects.select_related("item__plan"), request.user, pk=pk)
    require(request.user, "change", target)
    form = AnnualTargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        form.instance.state = TargetState.PROPOSED  # changed: to be confirmed and approved again
        form.instance.confirmed_by = form.instance.approved_by = None
        if save_form(request, form):
            messages.success(request, _("已保存；修改后的年度目标须重新确认和批准。"))
            return redirect(_targets_url(target))
    return render(request, "annual/target_form.html", {"form": form, "target": target})


def _targets_url(target: AnnualTarget) -> str:
    return reverse("annual:targets", args=[target.item.plan_id]) + f"?year={target.year}"


@login_required
@require_POST
def target_step(request, pk: int, step: str):
    if step not in ("confirm", "approve"):
        raise Http404
    target = get_visible(AnnualTarget.objects.select_related("item"), request.user, pk=pk)
    version = request.POST.get("version")
    expected = int(version) if version and version.isdigit() else None
    action = services.confirm if step == "confirm" else services.approve
    try:
        action(request.user, target, expected)
    except EditConflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已确认。") if step == "confirm" else _("已批准。"))
    return redirect(_targets_url(target))


@login_required
@require_POST
def approve_all(request, plan_pk: int):
    """The coordinator approves every confirmed target of the year at once."""
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    if role_of(request.user) not in MANAGE:
        raise PermissionDenied(_("只有规划牵头部门可以批准年度目标。"))
    try:
        year = _year(request, plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    rows = AnnualTarget.objects.filter(item__plan=plan, year=year, state=TargetState.CONFIRMED)
    count = 0
    for target in rows:
        services.approve(request.user, target)
        count += 1
    messages.success(request, _("已批准 %(n)s 个年度目标。") % {"n": count})
    return redirect(reverse("annual:targets", args=[plan.pk]) + f"?year={year}")


@login_required
def department(request, plan_pk: int, department_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    dept = get_visible(Department.objects.all(), request.user, pk=department_pk)
    try:
        year = _year(request, plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    part = services.department_year(plan, dept, year, request.user)
    shares = (
        TargetShare.objects.restrict(request.user, "view")
        .filter(item__plan=plan, department=dept)
        .select_related("item")
    )
    return render(
        request,
        "annual/department.html",
        {"plan": plan, "department": dept, "year": year, "part": part, "shares": shares},
    )


@login_required
def download(request, plan_pk: int, year: int, fmt: str):
    if fmt not in ("docx", "xlsx"):
        raise Http404
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    try:
        year = years.parse_year(str(year), plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    content = services.annual_plan(plan, year, request.user)
    out = io.BytesIO()
    if fmt == "docx":
        document.write_docx(content, out)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        document.write_xlsx(content, out)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(out.getvalue(), content_type=kind)
    name = f"{year}年度实施计划.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    return quote(name)


@login_required
def shares(request, item_pk: int):
    item = get_visible(MeasurableItem.objects.select_related("plan"), request.user, pk=item_pk)
    try:
        year = _year(request, item.plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    rollup, rows = services.shares_rollup(item, year, request.user)
    reportable = set(
        TargetShare.objects.restrict(request.user, "report")
        .filter(item=item)
        .values_list("pk", flat=True)
    )
    results = dict(zip([s.pk for s in rows], rollup.shares, strict=True)) if rollup else {}
    return render(
        request,
        "annual/shares.html",
        {
            "item": item,
            "plan": item.plan,
            "year": year,
            "rollup": rollup,
            "rows": [(s, results.get(s.pk)) for s in rows],
            "reportable": reportable,
            "manager": role_of(request.user) in MANAGE,
        },
    )


@login_required
def share_figure(request, share_pk: int):
    """The share's department (or the coordinator) enters the share's figure for a year."""
    share = get_visible(TargetShare.objects.select_related("item__plan"), request.user, pk=share_pk)
    require(request.user, "report", share)
    try:
        year = _year(request, share.item.plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    figure = ShareFigure.objects.filter(share=share, year=year).first() or ShareFigure(
        share=share, year=year
    )
    form = ShareFigureForm(request.POST or None, instance=figure)
    if request.method == "POST" and form.is_valid():
        form.instance.share, form.instance.year = share, year
        form.instance.entered_by = request.user
        if save_form(request, form):
            messages.success(request, _("已保存。"))
            return redirect(reverse("annual:shares", args=[share.item_id]) + f"?year={year}")
    return render(request, "annual/share_figure.html", {"form": form, "share": share, "year": year})


@login_required
def share_edit(request, item_pk: int, pk: int | None = None):
    """The coordinator adds or changes one share of an item (versioned like every record)."""
    item = get_visible(MeasurableItem.objects.select_related("plan"), request.user, pk=item_pk)
    share = (
        get_visible(TargetShare.objects.all(), request.user, pk=pk, item=item)
        if pk
        else TargetShare(item=item)
    )
    if pk is None and role_of(request.user) not in MANAGE:
        raise PermissionDenied(_("只有规划牵头部门可以分解指标目标。"))
    if pk is not None:
        require(request.user, "change", share)
    form = TargetShareForm(request.POST or None, instance=share)
    if request.method == "POST" and form.is_valid() and save_form(request, form):
        messages.success(request, _("已保存。"))
        return redirect(reverse("annual:shares", args=[item.pk]))
    return render(request, "annual/share_form.html", {"form": form, "item": item, "share": share})
