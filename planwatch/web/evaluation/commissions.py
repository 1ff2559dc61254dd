"""Third-party evaluation pages: the coordinator's commissions, the evaluator's own space.

The coordinator commissions (scope, year, evaluator accounts), compares and archives; the
evaluator grades items and tasks, uploads evidence, downloads a draft and submits the final
report. Every write goes through the access rules (evaluation.rules): the evaluator's rows are
theirs alone, and nothing here writes a department's record.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.core.access import get_visible, only_roles, require, require_role
from planwatch.web.core.editing import save_form
from planwatch.web.core.roles import MANAGE, READ_ALL, Role
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.evaluation import compare
from planwatch.web.evaluation import scope as scopes
from planwatch.web.evaluation.commission_forms import (
    CommissionForm,
    FileForm,
    FinalReportForm,
    VerdictForm,
)
from planwatch.web.evaluation.models import (
    Commission,
    CommissionEvaluator,
    CommissionState,
    EvaluatorEvidence,
    ThirdPartyVerdict,
)
from planwatch.web.history.services import EditConflict, save_tracked, soft_delete
from planwatch.web.plans.models import Plan

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _commission(request, pk: int) -> Commission:
    return get_visible(Commission.objects.select_related("plan"), request.user, pk=pk)


def is_evaluator_on(user, commission: Commission) -> bool:
    return role_of(user) == Role.EVALUATOR and commission.evaluators.filter(user=user).exists()


@login_required
def commission_list(request, plan_pk: int):
    plan = get_visible(Plan.objects.defer("source_json"), request.user, pk=plan_pk)
    require_role(request.user, READ_ALL)
    can_commission = role_of(request.user) in MANAGE
    form = CommissionForm(request.POST or None, plan=plan) if can_commission else None
    if request.method == "POST":
        if not can_commission:
            raise PermissionDenied(only_roles(MANAGE))
        if form.is_valid():
            commission = form.save(commit=False)
            commission.plan, commission.commissioned_by = plan, request.user
            with transaction.atomic():
                save_form(request, form)
                _set_evaluators(request.user, commission, form.cleaned_data["evaluators"])
            messages.success(request, _("已委托第三方评估。"))
            return redirect("evaluation:commission", pk=commission.pk)
    rows = Commission.objects.restrict(request.user, "view").filter(plan=plan)
    return render(
        request,
        "evaluation/commissions.html",
        {"plan": plan, "commissions": rows.prefetch_related("evaluators__user"), "form": form},
    )


def _set_evaluators(user, commission: Commission, chosen) -> None:
    """Add and remove evaluator rows so that exactly ``chosen`` remain (each change logged)."""
    current = {e.user_id: e for e in commission.evaluators.all()}
    wanted = {u.pk for u in chosen}
    for user_id in wanted - current.keys():
        save_tracked(CommissionEvaluator(commission=commission, user_id=user_id), user=user)
    for user_id in current.keys() - wanted:
        soft_delete(current[user_id], user=user)


@login_required
def commission_edit(request, pk: int):
    commission = _commission(request, pk)
    require(request.user, "change", commission, only_roles(MANAGE))
    form = CommissionForm(request.POST or None, instance=commission, plan=commission.plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if save_form(request, form):
                _set_evaluators(request.user, commission, form.cleaned_data["evaluators"])
                messages.success(request, _("已保存。"))
                return redirect("evaluation:commission", pk=commission.pk)
    return render(
        request, "evaluation/commission_edit.html", {"commission": commission, "form": form}
    )


@login_required
def commission(request, pk: int):
    """The commission's page: for its evaluators their workspace, for the others a read."""
    commission = _commission(request, pk)
    rows = compare.side_by_side(commission, request.user)
    evaluator = is_evaluator_on(request.user, commission)
    context = {
        "commission": commission,
        "rows": rows,
        "evaluators": commission.evaluators.select_related("user"),
        "evidence": EvaluatorEvidence.objects.restrict(request.user, "view").filter(
            commission=commission
        ),
        "is_evaluator": evaluator,
        "can_write": evaluator and commission.is_open,
        "can_manage": allowed(request.user, "change", commission),
        "evidence_form": FileForm() if evaluator and commission.is_open else None,
        "final_form": FinalReportForm() if evaluator and commission.is_open else None,
        "graded": sum(1 for r in rows if r.verdict),
        # The evaluator judges independently: the self-assessment is not shown in their space.
        "show_self": not evaluator,
    }
    return render(request, "evaluation/commission.html", context)


@login_required
def verdict(request, pk: int, kind: str, target_pk: int):
    commission = _commission(request, pk)
    if not is_evaluator_on(request.user, commission):
        raise PermissionDenied(_("只有本项评估的第三方评估人员可以填写评估结论。"))
    if not commission.is_open:
        raise PermissionDenied(_("评估已提交或已归档，不能再修改评估结论。"))
    scope = scopes.resolve(commission.plan, commission.scope)
    targets = {"item": scope.items, "task": scope.tasks}.get(kind)
    target = next((t for t in targets or () if t.pk == target_pk), None)
    if target is None:
        raise Http404
    existing = ThirdPartyVerdict.objects.filter(commission=commission, **{kind: target}).first()
    if existing is not None:
        require(request.user, "change", existing, _("您不能修改这条评估结论。"))
    instance = existing or ThirdPartyVerdict(
        commission=commission, author=request.user, **{kind: target}
    )
    form = VerdictForm(request.POST or None, instance=instance, kind=kind)
    if request.method == "POST" and form.is_valid():
        form.instance.author = request.user
        with transaction.atomic():
            if save_form(request, form):
                if commission.state == CommissionState.COMMISSIONED:
                    commission.state = CommissionState.IN_PROGRESS
                    save_tracked(commission, user=request.user, reason=_("开始评估"))
                messages.success(request, _("已保存评估结论。"))
                return redirect("evaluation:commission", pk=commission.pk)
    return render(
        request,
        "evaluation/verdict.html",
        {"commission": commission, "target": target, "kind": kind, "form": form},
    )


@login_required
@require_POST
def evidence_upload(request, pk: int):
    commission = _commission(request, pk)
    if not (is_evaluator_on(request.user, commission) and commission.is_open):
        raise PermissionDenied(_("只有本项评估的第三方评估人员可以在评估期间上传材料。"))
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        uploaded = form.cleaned_data["file"]
        evidence = EvaluatorEvidence(
            commission=commission,
            title=form.cleaned_data["title"],
            original_name=uploaded.name[:255],
            content_type=form.kind.content_type,
            size=len(form.data_bytes),
            uploaded_by=request.user,
        )
        evidence.file.save(
            f"evidence{form.kind.extension}", ContentFile(form.data_bytes), save=False
        )
        save_tracked(evidence, user=request.user)
        messages.success(request, _("已上传评估材料。"))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("evaluation:commission", pk=commission.pk)


@login_required
def evidence_download(request, pk: int):
    evidence = get_visible(EvaluatorEvidence.objects.all(), request.user, pk=pk)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type or mimetypes.guess_type(evidence.original_name)[0],
    )


@login_required
def draft(request, pk: int):
    commission = _commission(request, pk)
    content = compare.draft_report(commission, request.user)
    name = f"{commission.title}-第三方评估报告初稿.docx"
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = (
        f"attachment; filename=\"third-party-draft.docx\"; filename*=UTF-8''{quote(name)}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def side_by_side(request, pk: int):
    """Self-assessment and third-party verdicts, with the differences listed first."""
    commission = _commission(request, pk)
    require_role(request.user, MANAGE | {Role.LEADER})
    rows = compare.side_by_side(commission, request.user)
    return render(
        request,
        "evaluation/compare.html",
        {"commission": commission, "rows": rows, "differences": compare.differences(rows)},
    )


@login_required
@require_POST
def submit(request, pk: int):
    """The evaluator hands in the final report; the commission is then closed to their edits."""
    commission = _commission(request, pk)
    if not (is_evaluator_on(request.user, commission) and commission.is_open):
        raise PermissionDenied(_("只有本项评估的第三方评估人员可以在评估期间提交报告。"))
    form = FinalReportForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("evaluation:commission", pk=commission.pk)
    uploaded = form.cleaned_data["file"]
    commission.final_report.save(
        f"final{form.kind.extension}", ContentFile(form.data_bytes), save=False
    )
    commission.final_report_name = uploaded.name[:255]
    commission.state = CommissionState.SUBMITTED
    _save_state(request, commission, _("提交正式评估报告"), _("已提交正式评估报告。"))
    return redirect("evaluation:commission", pk=commission.pk)


@login_required
@require_POST
def archive(request, pk: int):
    commission = _commission(request, pk)
    require(request.user, "change", commission, only_roles(MANAGE))
    if commission.state != CommissionState.SUBMITTED:
        messages.error(request, _("评估人员提交正式报告后才能归档。"))
        return redirect("evaluation:commission", pk=commission.pk)
    commission.state = CommissionState.ARCHIVED
    _save_state(request, commission, _("归档"), _("已归档第三方评估。"))
    return redirect("evaluation:commission", pk=commission.pk)


def _save_state(request, commission, reason: str, done: str) -> None:
    version = request.POST.get("version", "")
    try:
        save_tracked(
            commission,
            user=request.user,
            reason=reason,
            expected_version=int(version) if version.isdigit() else None,
        )
    except EditConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, done)


@login_required
def final_report(request, pk: int):
    commission = _commission(request, pk)
    if not commission.final_report:
        raise Http404
    return FileResponse(
        commission.final_report.open("rb"),
        as_attachment=True,
        filename=commission.final_report_name or commission.final_report.name.rsplit("/", 1)[-1],
    )
