"""Reporting: to-do lists, rounds, data entry, Excel templates, submission and review."""

from __future__ import annotations

import functools
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.web.core.access import get_visible, require, require_role
from planwatch.web.core.confirm import confirm_page, confirmed_reason
from planwatch.web.core.downloads import attachment, file_attachment
from planwatch.web.core.editing import apply_or_report, edit_page, save_form
from planwatch.web.core.error_pages import bad_request_page
from planwatch.web.core.fragments import cache_key, cached_html
from planwatch.web.core.listing import Chain, list_context, offer_choices
from planwatch.web.core.roles import MANAGE, READ_ALL, REVIEW, Role
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history import revision
from planwatch.web.history.services import save_tracked, soft_delete
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Node, Plan, Task
from planwatch.web.reporting import bulk, queue_table, years
from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.duty_table import duty_rows as duty_table
from planwatch.web.reporting.filtersets import DUTY_SORTING, TODO_SORTING, DutyFilter
from planwatch.web.reporting.forms import (
    EvidenceForm,
    KeyProjectForm,
    ObservationForm,
    ProgressForm,
    ReferenceFigureForm,
    ReviewForm,
    RoundForm,
    VerdictForm,
    WorkbookForm,
)
from planwatch.web.reporting.models import (
    Evidence,
    KeyProject,
    ManualVerdict,
    Observation,
    ReferenceFigure,
    ReferenceKind,
    ReportingRound,
    TaskProgress,
)
from planwatch.web.reporting.services import excel, workflow
from planwatch.web.reporting.services.duties import (
    completion,
    current_first,
    duties_of,
    duty_rows,
    open_rounds,
)

#: Roles that enter figures: the Excel template is theirs.
REPORTING = MANAGE | {Role.REPORTER}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def todo(request):
    """Reporters: what their department owes, grouped by round, the current round first.
    Reviewers: each open round's completion and 逾期未报, the overdue duties of all of them.
    Both lists filter, sort and page in the database."""
    user, role = request.user, role_of(request.user)
    if role != Role.REPORTER and role not in REVIEW:
        return redirect("plans:list")
    rounds = current_first(open_rounds())
    department = user.department if role == Role.REPORTER else None
    filterset = DutyFilter(request.GET or None, queryset=Assignment.objects.none())
    sorting = TODO_SORTING if department else DUTY_SORTING
    parts = []
    for r in rounds:
        rows = DutyFilter(request.GET or None, queryset=duty_rows(r, department=department)).qs
        if department is None:
            rows = rows.filter(overdue=True)
        parts.append(sorting.apply(rows, request.GET))
    offer_choices(
        filterset.form,
        "round",
        [(r.pk, f"{r.plan} · {r}") for r in rounds],
        everything=_("全部轮次"),
    )
    plans = {r.plan_id for r in rounds}
    offer_choices(filterset.form, "chapter", chapter_choices(*plans), everything=_("全部章"))
    if department is None:
        departments = Department.all_objects.filter(
            pk__in=Assignment.objects.filter(plan_id__in=plans).values("department_id")
        ).order_by("name")
        offer_choices(
            filterset.form,
            "department",
            departments.values_list("pk", "name"),
            everything=_("全部部门"),
        )
        del filterset.form.fields["overdue"]
    else:
        del filterset.form.fields["department"]
    context = {"role": role, **list_context(request.GET, Chain(parts), sorting, filterset)}
    context["duties"] = duties_of({r.pk: r for r in rounds}, context["page"].object_list)
    if department is None:
        context["rounds"] = [(r, completion(r)) for r in rounds]
        context["pending_observations"] = Observation.objects.restrict(user, "review").count()
        context["pending_progress"] = TaskProgress.objects.restrict(user, "review").count()
    return render(request, "reporting/todo.html", context)


@login_required
def round_create(request, plan_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    require(request.user, "change", plan)
    form = RoundForm(request.POST or None, initial={"name": "", "period": "Y"})
    if request.method == "POST" and form.is_valid():
        form.instance.plan = plan
        if save_form(request, form):
            messages.success(request, _("已建立报送轮次。"))
            return redirect("reporting:round", pk=form.instance.pk)
    return render(request, "reporting/round_form.html", {"plan": plan, "form": form})


@login_required
def round_edit(request, pk: int):
    round = get_object_or_404(ReportingRound, pk=pk)
    return edit_page(
        request,
        round,
        RoundForm,
        template="reporting/round_form.html",
        success_url=reverse("reporting:round", args=[round.pk]),
        context={"plan": round.plan, "round": round},
    )


@login_required
def round_detail(request, pk: int):
    """The round's duties (a reporter sees their own) — filtered, sorted and paged in the
    database —, completion and the review queue."""
    rounds = ReportingRound.objects.select_related("plan").defer("plan__source_json")
    round = get_visible(rounds, request.user, pk=pk)
    data = revision.current(round.plan_id)  # first: fragments never name a newer state
    user, role = request.user, role_of(request.user)
    department = user.department if role == Role.REPORTER else None
    # Duties count drafts and submissions: keyed on every change, the reader's department, the
    # date (overdue) and the reader's powers (links and columns).
    key = cache_key(round.plan, user, data.every, round.pk, timezone.localdate())
    completion_table = functools.cache(lambda: completion(round, department=department))
    departments = functools.cache(lambda: plan_departments(round.plan_id))

    def duties_html() -> str:
        context = duty_list_context(request, round, department, departments)
        context["overdue_count"] = sum(c.overdue for c in completion_table())
        context["is_reporter"] = role == Role.REPORTER
        return render_to_string("reporting/_round_duties.html", context, request=request)

    def completion_html() -> str:
        return render_to_string(
            "reporting/_round_completion.html", {"completion": completion_table()}
        )

    context = {
        "round": round,
        "plan": round.plan,
        "duties_html": cached_html("round-duties", (*key, query_key(request)), duties_html),
        "can_manage": role in MANAGE,
        "can_review": role in REVIEW,
        "is_reporter": role == Role.REPORTER,
        "review_form": ReviewForm(),
    }
    if role in REVIEW or role in READ_ALL:
        context["completion_html"] = cached_html("round-completion", key, completion_html)
    if role in REVIEW:
        # One page of the queue (~1,450 submissions at a real zone's scale), its parameters
        # ``queue-…``; select-all ticks the rows shown.
        queue = bulk.queue_context(request, round, departments())

        def queue_html() -> str:
            return queue_table.queue_rows(
                queue["queue_observations"], queue["queue_progress"], queue["queue_more"]
            )

        context["queue"] = queue
        context["queue_filters"] = render_to_string(
            "includes/list_filters.html", queue, request=request
        )
        context["queue_pager"] = render_to_string("includes/pager.html", queue, request=request)
        context["queue_html"] = cached_html(
            "round-queue", (*key, query_key(request, bulk.QUEUE_PREFIX)), queue_html
        )
        context["back"] = request.GET.urlencode()
        context["archived_submissions"] = archived_submissions(user, round)
    return render(request, "reporting/round_detail.html", context)


def query_key(request, prefix: str = "") -> str:
    """The list's parameters (those starting with ``prefix``), in a stable order: part of a
    cached list's key."""
    return "&".join(
        f"{k}={v}"
        for k, values in sorted(request.GET.lists())
        if k.startswith(prefix)
        for v in values
    )


def duty_list_context(request, round: ReportingRound, department, departments) -> dict:
    """The round's duties as one page: its FilterSet's form, the sort, the page's rows.
    ``departments()``: the (id, name) pairs of the plan's departments, for the filter."""
    rows = duty_rows(round, department=department)
    own = [k for k in request.GET if not k.startswith(bulk.QUEUE_PREFIX)]
    filterset = DutyFilter(request.GET if own else None, queryset=rows)
    if department is None:
        offer_choices(filterset.form, "department", departments(), everything=_("全部部门"))
    else:
        del filterset.form.fields["department"]
    del filterset.form.fields["round"]  # the page's own
    offer_choices(filterset.form, "chapter", chapter_choices(round.plan_id), everything=_("全部章"))
    context = list_context(
        request.GET, DUTY_SORTING.apply(filterset.qs, request.GET), DUTY_SORTING, filterset
    )
    # The review queue's own parameters ride along in this list's filter form.
    context["keep"] = [
        (k, v) for k, vs in request.GET.lists() if k.startswith(bulk.QUEUE_PREFIX) for v in vs
    ]
    page = context["page"]
    context["rows"] = duty_table(duties_of(round, page.object_list), duty_links(round))
    return context


def plan_departments(plan_id: int) -> list[tuple[int, str]]:
    """(id, name) of every department with a duty in the plan, by name."""
    return list(
        Department.all_objects.filter(
            pk__in=Assignment.objects.filter(plan_id=plan_id).values("department_id")
        )
        .order_by("name")
        .values_list("pk", "name")
    )


def chapter_choices(*plan_ids: int) -> list[tuple[int, str]]:
    """The chapters of the plans listed, for a filter (a plan's name first when several)."""
    chapters = (
        Node.objects.filter(plan_id__in=plan_ids, level=NodeLevel.CHAPTER)
        .select_related("plan")
        .only("number", "title", "level", "plan__title", "plan__short_title")
        .order_by("plan_id", "order")
    )
    several = len(plan_ids) > 1
    return [(c.pk, f"{c.plan} · {c}" if several else str(c)) for c in chapters]


def archived_submissions(user, round: ReportingRound) -> int:
    """Submissions of the round on items or tasks a re-import removed: kept, not reviewable."""
    waiting = {"round": round, "status": ReviewStatus.SUBMITTED}
    return (
        Observation.objects.restrict(user, "view")
        .filter(item__deleted_at__isnull=False, **waiting)
        .count()
        + TaskProgress.objects.restrict(user, "view")
        .filter(task__deleted_at__isnull=False, **waiting)
        .count()
    )


def duty_links(round: ReportingRound) -> dict[str, str]:
    """URL prefixes of a duty's pages; a round page links hundreds, reversed once here."""

    def prefix(name: str, *args) -> str:
        return reverse(name, args=[*args, "0"]).removesuffix("0/")

    return {
        "observation": prefix("reporting:observation", round.pk),
        "progress": prefix("reporting:progress", round.pk),
        "observation_history": prefix("history:object", "reporting.observation"),
        "progress_history": prefix("history:object", "reporting.taskprogress"),
    }


@login_required
def observation_edit(request, round_pk: int, code: str):
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    item = get_visible(MeasurableItem.objects.all(), request.user, plan=round.plan, code=code)
    obs = Observation.objects.filter(item=item, year=round.year, period=round.period).first()
    can_edit = workflow.may_record(request.user, round, item)
    initial = {"unit": item.unit, "basis": item.default_basis or "annual"}
    if obs:
        fields = ("value", "unit", "source", "note", "basis", "version")
        initial = {k: getattr(obs, k) for k in fields}
    form = ObservationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(workflow.refusal(request.user, round, item))
        if form.is_valid():
            data = form.cleaned_data

            def save():
                try:
                    workflow.record_observation(
                        request.user,
                        round,
                        item,
                        value=data["value"],
                        unit=data["unit"],
                        source=data["source"],
                        note=data["note"],
                        basis=data["basis"] or None,
                        confirmed=data["confirmed"],
                        reason=data["reason"],
                        expected_version=data["version"] if obs else None,
                    )
                except ValidationError as exc:
                    if workflow.needs_confirmation(exc):
                        form.ask_confirmation()
                    raise

            if apply_or_report(request, form, save):
                messages.success(request, _("已保存为草稿，确认无误后请报送。"))
                return redirect("reporting:round", pk=round.pk)
    return render(
        request,
        "reporting/observation_form.html",
        {"round": round, "item": item, "obs": obs, "form": form, "can_edit": can_edit},
    )


@login_required
def progress_edit(request, round_pk: int, code: str):
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    task = get_visible(Task.objects.all(), request.user, plan=round.plan, code=code)
    user = request.user
    department = user.department if role_of(user) == Role.REPORTER else None
    reports = TaskProgress.objects.restrict(user, "view").filter(round=round, task=task)
    report = reports.filter(department=department).first() if department else None
    can_edit = department is not None and workflow.may_record(
        user, round, task, department=department
    )
    initial = {"progress": "in_progress", "percent": 0}
    if report:
        initial = {k: getattr(report, k) for k in ("progress", "percent", "narrative", "version")}
    # One form, two buttons: 上传佐证材料 posts the progress fields too, so a refused upload
    # (or a successful one) shows them as the user left them, saved or not.
    uploading = request.method == "POST" and "upload" in request.POST
    posted_progress = (
        request.method == "POST" and not uploading and "progress-progress" in request.POST
    )
    if uploading:
        initial = {**initial, **typed_progress(request.POST, initial)}
    form = ProgressForm(
        request.POST if posted_progress else None, initial=initial, prefix="progress"
    )
    evidence_form = EvidenceForm(prefix="evidence")
    if posted_progress:
        if not can_edit:
            raise PermissionDenied(
                workflow.refusal(user, round, task, department=department)
                if department
                else _("只有牵头或配合部门的填报员可以填报任务进展。")
            )
        if form.is_valid():
            data = form.cleaned_data

            def save():
                workflow.record_progress(
                    user,
                    round,
                    task,
                    narrative=data["narrative"],
                    percent=data["percent"],
                    progress=data["progress"],
                    department=department,
                    reason=data["reason"],
                    expected_version=data["version"] if report else None,
                )

            if apply_or_report(request, form, save):
                messages.success(request, _("已保存为草稿，确认无误后请报送。"))
                return redirect("reporting:progress", round_pk=round.pk, code=task.code)
    elif request.method == "POST":
        evidence_form = EvidenceForm(request.POST, request.FILES, prefix="evidence")
        if report is None or not allowed(user, "change", report):
            raise PermissionDenied(_("请先保存本部门的进展报告草稿，再上传佐证材料。"))
        if evidence_form.is_valid():
            attach_evidence(user, report, evidence_form)
            messages.success(request, _("已上传佐证材料。"))
            if not uploading or typed_progress(request.POST, initial) == {
                k: getattr(report, k) for k in ("progress", "percent", "narrative")
            }:
                return redirect("reporting:progress", round_pk=round.pk, code=task.code)
            messages.warning(request, _("进展内容有改动尚未保存，请点击“保存草稿”。"))
        else:
            messages.error(request, _("佐证材料未上传；进展内容保持您填写的样子，尚未保存。"))
    return render(
        request,
        "reporting/progress_form.html",
        {
            "round": round,
            "task": task,
            "report": report,
            "reports": reports,
            "form": form,
            "evidence_form": evidence_form,
            "can_edit": can_edit,
            "evidence": Evidence.objects.restrict(user, "view").filter(progress__in=reports),
        },
    )


def typed_progress(post, initial: dict) -> dict:
    """The progress fields as typed in the page's one form (stored values where absent)."""
    typed = {}
    for name in ("progress", "percent", "narrative"):
        value = post.get(f"progress-{name}")
        if value is None:
            continue
        if name == "percent":
            value = int(value) if value.strip().isdigit() else initial.get("percent")
        typed[name] = value
    return typed


def attach_evidence(user, report: TaskProgress, form: EvidenceForm) -> Evidence:
    uploaded = form.cleaned_data["file"]
    evidence = Evidence(
        progress=report,
        original_name=uploaded.name[:255],
        content_type=form.kind.content_type,
        size=len(form.data_bytes),
        uploaded_by=user,
    )
    evidence.file.save(f"evidence{form.kind.extension}", ContentFile(form.data_bytes), save=False)
    return save_tracked(evidence, user=user)


@login_required
def evidence_download(request, pk: int):
    evidence = get_visible(Evidence.objects.all(), request.user, pk=pk)
    return file_attachment(
        evidence.file.open("rb"),
        evidence.original_name,
        evidence.content_type or mimetypes.guess_type(evidence.original_name)[0],
    )


@login_required
def evidence_remove(request, pk: int):
    """Delete evidence: confirmed, with the reason the change log keeps."""
    evidence = get_visible(Evidence.objects.all(), request.user, pk=pk)
    require(request.user, "change", evidence)
    report = evidence.progress
    go, reason, error = confirmed_reason(request)
    if not go:
        return confirm_page(
            request,
            title=_("删除佐证材料"),
            what=_("将删除佐证材料“%(name)s”（%(task)s）。文件保留在变更记录中。")
            % {"name": evidence.original_name, "task": report.task},
            back=reverse("reporting:progress", args=[report.round_id, report.task.code]),
            error=error,
        )
    soft_delete(evidence, user=request.user, reason=reason)
    messages.success(request, _("已删除佐证材料（记录保留在变更记录中）。"))
    return redirect("reporting:progress", round_pk=report.round_id, code=report.task.code)


@login_required
def template_download(request, round_pk: int):
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    require_role(request.user, REPORTING)
    data = excel.template_workbook(request.user, round)
    return attachment(data, template_filename(request.user, round), XLSX)


def template_filename(user, round: ReportingRound) -> str:
    """``2024年度-高新区经济发展局-填报模板.xlsx``: what a department files the template as."""
    department = user.department.name if role_of(user) == Role.REPORTER else _("各部门")
    return f"{round.name}-{department}-{_('填报模板')}.xlsx".replace("/", "-")


@login_required
def upload(request, round_pk: int):
    """Upload a filled template: every rejected cell listed, nothing saved unless all pass."""
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    require_role(request.user, REPORTING)
    form = WorkbookForm(request.POST or None, request.FILES or None)
    problems, result, status = [], None, 200
    if request.method == "POST" and form.is_valid():
        try:
            name = form.cleaned_data["file"].name
            result = excel.apply_upload(request.user, round, form.data_bytes, name)
        except excel.UploadRejected as exc:
            problems, status = exc.problems, 409 if exc.only_conflicts else 422
            messages.error(
                request,
                _("上传未保存：发现 %(n)d 处问题，请修改后重新上传。") % {"n": len(problems)},
            )
        else:
            messages.success(
                request,
                _(
                    "已导入：新增 %(created)d 条，更新 %(updated)d 条，未变 %(unchanged)d 条；"
                    "任务进展保存 %(progress)d 条。"
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "progress": result.progress,
                },
            )
    return render(
        request,
        "reporting/upload.html",
        {"round": round, "form": form, "problems": problems, "result": result},
        status=status,
    )


@login_required
def verdict_edit(request, plan_pk: int, code: str):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    item = get_visible(MeasurableItem.objects.all(), request.user, plan=plan, code=code)
    try:
        year = years.parse_year(request.GET.get("year") or request.POST.get("year"), plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    if year is None:
        return bad_request_page(request, _("请指定年份。"))
    verdict = ManualVerdict.objects.filter(item=item, year=year).first()
    require_role(request.user, MANAGE)
    form = VerdictForm(
        request.POST or None, instance=verdict or ManualVerdict(item=item, year=year)
    )
    if request.method == "POST" and form.is_valid():
        form.instance.author = request.user
        if save_form(request, form, reason=form.cleaned_data["reason"]):
            messages.success(request, _("已记录人工判断。"))
            return redirect(f"{plan_url(plan)}?year={year}")
    return render(
        request,
        "reporting/verdict_form.html",
        {"plan": plan, "item": item, "year": year, "form": form, "verdict": verdict},
    )


@login_required
def reference_edit(request, plan_pk: int, code: str):
    """The outside reference figures and range bounds of an item whose target is in words
    (快于全省平均水平, 保持在合理区间): one per year, or one for the whole period."""
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    item = get_visible(MeasurableItem.objects.all(), request.user, plan=plan, code=code)
    require_role(request.user, MANAGE)
    asked = [k for k in ReferenceKind.values if any(w.get("kind") == k for w in item.word_targets)]
    if not asked:
        return bad_request_page(
            request,
            _(
                "该指标的目标不需要外部参照值或合理区间（只有“快于全省平均水平”“保持在合理区间”这类文字目标需要）。"
            ),
        )
    kind = request.GET.get("kind") or request.POST.get("kind") or asked[0]
    if kind not in asked:
        return bad_request_page(request, _("该指标的目标不需要这类记录。"))
    raw_year = request.GET.get("year") or request.POST.get("year") or ""
    try:
        year = years.parse_year(raw_year, plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    found = ReferenceFigure.objects.filter(item=item, kind=kind, year=year).first()
    form = ReferenceFigureForm(
        request.POST or None,
        instance=found or ReferenceFigure(item=item, kind=kind, year=year),
        kind=kind,
    )
    if request.method == "POST" and form.is_valid() and save_form(request, form):
        messages.success(request, _("已记录。"))
        return redirect(reverse("reporting:reference", args=[plan.pk, item.code]))
    recorded = ReferenceFigure.objects.filter(item=item).order_by("kind", "year")
    return render(
        request,
        "reporting/reference_form.html",
        {
            "plan": plan,
            "item": item,
            "kind": kind,
            "kinds": [(k, ReferenceKind(k).label) for k in asked],
            "year": year,
            "form": form,
            "found": found,
            "recorded": recorded,
            "words": [w.get("text") for w in item.word_targets],
        },
    )


def plan_url(plan: Plan) -> str:
    return reverse("plans:detail", args=[plan.pk])


@login_required
def key_projects(request, plan_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    rows = (
        KeyProject.objects.restrict(request.user, "view")
        .filter(plan=plan)
        .select_related("department", "task")
    )
    # Only the projects the user may change are links to their form (the page is read-only).
    editable = set(
        KeyProject.objects.restrict(request.user, "change")
        .filter(plan=plan)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "reporting/key_projects.html",
        {
            "plan": plan,
            "projects": rows,
            "editable": editable,
            "can_add": role_of(request.user) in MANAGE,
        },
    )


@login_required
def key_project_edit(request, plan_pk: int, pk: int | None = None):
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    project = get_object_or_404(KeyProject, pk=pk, plan=plan) if pk else KeyProject(plan=plan)
    if pk:
        require(request.user, "change", project)
    else:
        require_role(request.user, MANAGE)
    form = KeyProjectForm(request.POST or None, instance=project)
    form.fields["task"].queryset = plan.tasks.all()
    if request.method == "POST" and form.is_valid() and save_form(request, form):
        messages.success(request, _("已保存。"))
        return redirect("reporting:key_projects", plan_pk=plan.pk)
    return render(
        request, "reporting/key_project_form.html", {"plan": plan, "form": form, "project": project}
    )
