"""Policy register, implementation reports and the scorecard pages."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.assess import scorecard as core
from planwatch.reports.scorecard import scorecard_docx, scorecard_xlsx, title_of
from planwatch.web.core.access import get_visible, require_role
from planwatch.web.core.editing import apply_or_report, save_form
from planwatch.web.core.error_pages import bad_request_page
from planwatch.web.core.roles import MANAGE, REVIEW
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history.services import EditConflict, save_tracked
from planwatch.web.plans.models import Department, Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.forms import ReviewForm
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.services import workflow
from planwatch.web.supervision.forms import (
    AdjustmentForm,
    PolicyForm,
    PolicyReportForm,
    PolicyWorkbookForm,
    WeightsForm,
)
from planwatch.web.supervision.models import (
    Policy,
    PolicyReport,
    ScoreAdjustment,
    ScorecardWeights,
)
from planwatch.web.supervision.rules import is_department, sees_every_department
from planwatch.web.supervision.services import policy_excel
from planwatch.web.supervision.services.policies import record_report, report_refusal, save_policy
from planwatch.web.supervision.services.scorecard import build_scorecard, weights_of, yearly_round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan(request, plan_pk: int) -> Plan:
    return get_visible(Plan.objects.all(), request.user, pk=plan_pk)


# -- policies ---------------------------------------------------------------------------------


@login_required
def policies(request, plan_pk: int):
    """The register, the latest round's 落实情况 of each policy, and the reports to review."""
    plan = _plan(request, plan_pk)
    user = request.user
    rows = (
        Policy.objects.restrict(user, "view")
        .filter(plan=plan)
        .select_related("department")
        .prefetch_related("tasks", "items")
    )
    rounds = ReportingRound.objects.restrict(user, "view").filter(plan=plan, period="Y")
    round = rounds.first()
    reports = {}
    if round is not None:
        reports = {
            r.policy_id: r for r in PolicyReport.objects.restrict(user, "view").filter(round=round)
        }
    context = {
        "plan": plan,
        "policies": [(p, reports.get(p.pk)) for p in rows],
        "round": round,
        "can_manage": role_of(user) in MANAGE,
        "own_department": user.department_id if is_department(user) else None,
    }
    if role_of(user) in REVIEW:
        context["queue"] = (
            PolicyReport.objects.restrict(user, "review")
            .filter(round__plan=plan)
            .select_related("policy", "round", "department")
        )
        context["review_form"] = ReviewForm()
    return render(request, "supervision/policies.html", context)


@login_required
def policy_edit(request, plan_pk: int, pk: int | None = None):
    plan = _plan(request, plan_pk)
    require_role(request.user, MANAGE)
    policy = get_object_or_404(Policy, pk=pk, plan=plan) if pk else Policy(plan=plan)
    form = PolicyForm(request.POST or None, instance=policy, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            save_policy(
                request.user,
                form.save(commit=False),
                tasks=data["tasks"],
                items=data["items"],
                reason=data.get("reason") or "",
                expected_version=data.get("version") if policy.pk else None,
            )

        if apply_or_report(request, form, save):
            messages.success(request, _("已保存。"))
            return redirect("supervision:policies", plan_pk=plan.pk)
    return render(
        request, "supervision/policy_form.html", {"plan": plan, "form": form, "policy": policy}
    )


@login_required
def policy_template(request, plan_pk: int):
    plan = _plan(request, plan_pk)
    require_role(request.user, MANAGE)
    response = HttpResponse(policy_excel.template_workbook(plan), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="planwatch-{plan.pk}-policies.xlsx"'
    return response


@login_required
def policy_import(request, plan_pk: int):
    """Upload the register: every problem listed by row and column, nothing saved unless all
    rows pass."""
    plan = _plan(request, plan_pk)
    require_role(request.user, MANAGE)
    form = PolicyWorkbookForm(request.POST or None, request.FILES or None)
    problems, result, status = [], None, 200
    if request.method == "POST" and form.is_valid():
        try:
            result = policy_excel.apply_upload(
                request.user, plan, form.data_bytes, form.cleaned_data["file"].name
            )
        except policy_excel.ImportRejected as exc:
            problems, status = exc.problems, 422
            messages.error(
                request,
                _("导入未保存：发现 %(n)d 处问题，请修改后重新上传。") % {"n": len(problems)},
            )
        except (ValidationError, PermissionDenied, EditConflict) as exc:
            problems, status = [policy_excel.Problem(None, None, str(exc))], 422
        else:
            messages.success(
                request,
                _("已导入：新增 %(created)d 项，更新 %(updated)d 项。")
                % {"created": result.created, "updated": result.updated},
            )
    return render(
        request,
        "supervision/policy_import.html",
        {"plan": plan, "form": form, "problems": problems, "result": result},
        status=status,
    )


@login_required
def policy_report(request, round_pk: int, pk: int):
    """The issuing department enters a policy's 落实情况 for the round, and submits it."""
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    policy = get_visible(Policy.objects.select_related("department"), request.user, pk=pk)
    user = request.user
    report = PolicyReport.objects.restrict(user, "view").filter(round=round, policy=policy).first()
    why = report_refusal(user, round, policy)
    initial = {"progress": "in_progress"}
    if report:
        initial = {k: getattr(report, k) for k in ("progress", "narrative", "version")}
    form = PolicyReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and "submit" in request.POST:
        if report is None or not allowed(user, "submit", report):
            raise PermissionDenied(_("没有可报送的落实情况草稿。"))
        workflow.submit(user, [report])
        messages.success(request, _("已报送。"))
        return redirect("supervision:policies", plan_pk=round.plan_id)
    if request.method == "POST":
        if why is not None:
            raise PermissionDenied(why)
        if form.is_valid():
            data = form.cleaned_data

            def save():
                record_report(
                    user,
                    round,
                    policy,
                    progress=data["progress"],
                    narrative=data["narrative"],
                    reason=data["reason"],
                    expected_version=data["version"] if report else None,
                )

            if apply_or_report(request, form, save):
                messages.success(request, _("已保存为草稿，确认无误后请报送。"))
                return redirect("supervision:policy_report", round_pk=round.pk, pk=policy.pk)
    return render(
        request,
        "supervision/policy_report.html",
        {
            "round": round,
            "plan": round.plan,
            "policy": policy,
            "report": report,
            "form": form,
            "can_edit": why is None,
            "refusal": why,
            "can_submit": report is not None and allowed(user, "submit", report),
        },
    )


@login_required
@require_POST
def policy_review(request, plan_pk: int):
    """Approve or return the ticked implementation reports."""
    plan = _plan(request, plan_pk)
    require_role(request.user, REVIEW)
    form = ReviewForm(request.POST)
    records = list(
        PolicyReport.objects.restrict(request.user, "review").filter(
            round__plan=plan, pk__in=request.POST.getlist("report")
        )
    )
    if not form.is_valid() or not records:
        messages.error(request, _("请选择要审核的记录和审核结果。"))
        return redirect("supervision:policies", plan_pk=plan.pk)
    comment = form.cleaned_data["comment"]
    try:
        if form.cleaned_data["decision"] == "approve":
            count = workflow.approve(request.user, records, comment)
            messages.success(request, _("已审核通过 %(n)d 条。") % {"n": count})
        else:
            count = workflow.return_for_revision(request.user, records, comment)
            messages.success(request, _("已退回 %(n)d 条。") % {"n": count})
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    return redirect("supervision:policies", plan_pk=plan.pk)


# -- scorecard --------------------------------------------------------------------------------


def _scorecard_year(request, plan: Plan) -> int | None:
    return years.year_asked(request.GET.get("year"), plan, request.user)


def _visible_card(user, plan: Plan, year: int) -> core.Scorecard:
    """The whole ranking for leaders and the coordinator; a department's own row only."""
    card = build_scorecard(plan, year)
    if sees_every_department(user):
        return card
    if is_department(user):
        own = user.department.name
        card.rows = [r for r in card.rows if r.department == own]
        return card
    raise PermissionDenied(_("只有领导、规划牵头部门和被考核部门可以查看考核结果。"))


def _is_demo(plan: Plan, year: int) -> bool:
    round = yearly_round(plan, year)
    return plan.is_demo or bool(round and round.is_demo)


@login_required
def scorecard(request, plan_pk: int):
    plan = _plan(request, plan_pk)
    try:
        year = _scorecard_year(request, plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    if year is None:
        return bad_request_page(request, _("规划没有基期年和目标年，无法考核。"))
    card = _visible_card(request.user, plan, year)
    weights, stored = weights_of(plan)
    can_manage = role_of(request.user) in MANAGE
    adjustments = ScoreAdjustment.objects.restrict(request.user, "view").filter(
        plan=plan, year=year
    )
    return render(
        request,
        "supervision/scorecard.html",
        {
            "plan": plan,
            "year": year,
            "years": years.years(plan),
            "card": card,
            "components": list(core.COMPONENTS.values()),
            "weights": weights,
            "weights_record": stored,
            "adjustments": adjustments.select_related("department", "author"),
            "can_manage": can_manage,
            "whole": sees_every_department(request.user),
            "is_demo": _is_demo(plan, year),
            "grade_points": core.GRADE_POINTS,
            "progress_points": core.PROGRESS_POINTS,
        },
    )


@login_required
def scorecard_export(request, plan_pk: int, ext: str):
    plan = _plan(request, plan_pk)
    try:
        year = _scorecard_year(request, plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    if year is None or ext not in ("xlsx", "docx"):
        return bad_request_page(request, _("没有这种导出。"))
    card = _visible_card(request.user, plan, year)
    _weights, stored = weights_of(plan)
    reason = stored.reason if stored else ""
    demo = _is_demo(plan, year)
    name = str(plan.short_title or plan.title)
    if ext == "xlsx":
        content, kind = scorecard_xlsx(name, card, reason, demo), XLSX
    else:
        issuer = Department.objects.filter(is_coordinator=True).order_by("name").first()
        content = scorecard_docx(name, issuer.name if issuer else None, card, reason, demo)
        kind = DOCX
    response = HttpResponse(content, content_type=kind)
    filename = f"{title_of(name, card)}.{ext}".replace("/", "_")
    fallback = f"planwatch-plan{plan.pk}-scorecard-{year}.{ext}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


@login_required
def weights_edit(request, plan_pk: int):
    """The coordinator sets the weights and writes down why (kept in the change log)."""
    plan = _plan(request, plan_pk)
    require_role(request.user, MANAGE, _("只有规划牵头部门可以设定考核权重。"))
    weights, stored = weights_of(plan)
    initial = {f"w_{code}": value for code, value in weights.items()}
    if stored:
        initial.update(reason=stored.reason, version=stored.version)
    form = WeightsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        record = stored or ScorecardWeights(plan=plan)
        record.weights = form.cleaned_data["weights"]
        record.reason = form.cleaned_data["reason"]
        try:
            save_tracked(
                record,
                user=request.user,
                reason=record.reason,
                expected_version=form.cleaned_data.get("version") if stored else None,
            )
        except EditConflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存考核权重。"))
            return redirect("supervision:scorecard", plan_pk=plan.pk)
    return render(request, "supervision/weights_form.html", {"plan": plan, "form": form})


@login_required
def adjustment_edit(request, plan_pk: int, pk: int | None = None):
    """A manual adjustment of a department's total for a year, with its reason."""
    plan = _plan(request, plan_pk)
    require_role(request.user, MANAGE, _("只有规划牵头部门可以调整考核结果。"))
    try:
        year = years.parse_year(request.GET.get("year") or request.POST.get("year"), plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    adjustment = get_object_or_404(ScoreAdjustment, pk=pk, plan=plan) if pk else None
    if adjustment is not None:
        year = adjustment.year
    if year is None:
        return bad_request_page(request, _("请指定年份。"))
    instance = adjustment or ScoreAdjustment(plan=plan, year=year)
    form = AdjustmentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.instance.author = request.user
        if save_form(request, form, reason=form.cleaned_data["reason"]):
            messages.success(request, _("已记录考核调整。"))
            return redirect(f"{reverse('supervision:scorecard', args=[plan.pk])}?year={year}")
    return render(
        request,
        "supervision/adjustment_form.html",
        {"plan": plan, "form": form, "year": year, "adjustment": adjustment},
    )
