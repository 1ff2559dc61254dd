"""Plans: list, import and review, overview, corrections, assignments, publication."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.forms import modelformset_factory
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.errors import InputError, is_english
from planwatch.outline import parse_outline_bytes
from planwatch.outline.departments import find_departments
from planwatch.outline.model import Plan as OutlinePlan
from planwatch.outline.model import ReadingWarning
from planwatch.outline.ocr import crop, needs_ocr, page_png
from planwatch.outline.ocr.review import FIELD_LABELS
from planwatch.web.core.access import get_visible, require, require_role
from planwatch.web.core.confirm import confirm_page, confirmed_reason
from planwatch.web.core.editing import edit_page, save_form
from planwatch.web.core.fragments import FRAGMENT_SECONDS
from planwatch.web.core.listing import list_context, offer_choices
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history import revision
from planwatch.web.history.services import save_tracked, soft_delete
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.filtersets import ASSIGNMENT_SORTING, AssignmentFilter
from planwatch.web.plans.forms import (
    AssignmentForm,
    DepartmentForm,
    ItemForm,
    ItemReviewForm,
    NodeForm,
    OutlineUploadForm,
    PlanForm,
    TaskForm,
)
from planwatch.web.plans.models import (
    Assignment,
    Department,
    MeasurableItem,
    Node,
    OutlineUpload,
    Plan,
    Task,
)
from planwatch.web.plans.services import reimport
from planwatch.web.plans.services.assigning import SecondLead, assign
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.plans.services.outline import fit
from planwatch.web.plans.services.places import places_for, places_of
from planwatch.web.plans.tasks import read_outline_upload


@login_required
def plan_list(request):
    plans = Plan.objects.restrict(request.user, "view")
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "can_import": role_of(request.user) in MANAGE},
    )


@login_required
def plan_import(request):
    """Upload an outline; the parse result is stored as a draft and shown for review."""
    require_role(request.user, MANAGE)
    form = OutlineUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = Path(form.cleaned_data["file"].name).name
        if needs_ocr(form.data_bytes, name):  # seconds a page: read in the background worker
            upload = OutlineUpload.objects.create(
                name=name, data=form.data_bytes, uploaded_by=request.user
            )
            read_outline_upload.enqueue(upload.pk)
            return redirect("plans:import_progress", pk=upload.pk)
        try:
            parsed = parse_outline_bytes(form.data_bytes, name)
            plan = import_plan(parsed, user=request.user, source_name=name)
        except InputError as exc:
            form.add_error("file", exc.reason_in(get_language()))
        else:
            # The reading report is on the review page, in the reader's language.
            messages.success(request, _("已读取规划纲要，请校核后保存。"))
            return redirect("plans:review", pk=plan.pk)
    return render(request, "plans/plan_import.html", {"form": form})


#: Seconds between reloads of the progress page while the reading runs.
PROGRESS_REFRESH = 3


@login_required
def import_progress(request, pk: int):
    """How far the background reading of an upload got; the review once it is done."""
    require_role(request.user, MANAGE)
    upload = get_object_or_404(OutlineUpload.objects.defer("data"), pk=pk)
    if upload.status == OutlineUpload.Status.DONE and upload.plan_id:
        messages.success(request, _("已读取规划纲要，请校核后保存。"))
        return redirect("plans:review", pk=upload.plan_id)
    error = None
    if upload.status == OutlineUpload.Status.FAILED:
        error = (upload.error or {}).get("en" if is_english(get_language()) else "zh", "")
    context = {"upload": upload, "error": error, "refresh": PROGRESS_REFRESH}
    return render(request, "plans/import_progress.html", context)


@login_required
def cell_crop(request, pk: int, code: str, field: str):
    """The picture of one OCR-read cell of an indicator, cut from the uploaded scan or image,
    as PNG: shown in the import review beside the value read."""
    require_role(request.user, MANAGE)
    plan = get_object_or_404(Plan, pk=pk)
    upload = plan.uploads.order_by("-created_at").first()
    cell, page = _ocr_cell(plan, code, field)
    if upload is None or cell is None:
        raise Http404
    try:
        # A scanned PDF page is rasterised once for all its cells' pictures, not once per cell.
        picture = cache.get_or_set(
            f"ocr-page:{upload.pk}:{page}",
            lambda: page_png(bytes(upload.data), page),
            FRAGMENT_SECONDS,
        )
        png = crop(picture, cell["box"], page)
    except Exception:  # a box outside the picture or a file no longer readable
        raise Http404 from None
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _ocr_cell(plan: Plan, code: str, field: str) -> tuple[dict | None, int | None]:
    for indicator in (plan.source_json or {}).get("indicators") or []:
        if indicator.get("code") == code:
            for cell in indicator.get("ocr_cells") or []:
                if cell.get("field") == field and len(cell.get("box") or ()) == 4:
                    return cell, indicator.get("page")
    return None, None


def ocr_checks(plan: Plan) -> dict[str, list[dict]]:
    """For each indicator code, its low-confidence OCR cells: field label, text read,
    confidence in percent, and the URL of the cell's picture where the upload is kept."""
    english = is_english(get_language())
    has_file = plan.uploads.exists()
    checks: dict[str, list[dict]] = {}
    for indicator in (plan.source_json or {}).get("indicators") or []:
        code = indicator.get("code")
        for cell in indicator.get("ocr_cells") or []:
            if not cell.get("low"):
                continue
            field = cell.get("field", "")
            label = FIELD_LABELS.get(field, (field, field))[1 if english else 0]
            url = reverse("plans:cell_crop", args=[plan.pk, code, field]) if has_file else ""
            checks.setdefault(code, []).append(
                {
                    "field": field,
                    "label": label,
                    "text": cell.get("text", ""),
                    "confidence": round(100 * float(cell.get("confidence") or 0)),
                    "crop": url,
                }
            )
    return checks


def _pending_key(plan: Plan) -> str:
    return f"reimport:{plan.pk}"


@login_required
def plan_reimport(request, pk: int):
    """Upload a corrected outline for a stored plan: shown as new / changed / removed first."""
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    require(request.user, "change", plan)
    form = OutlineUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = Path(form.cleaned_data["file"].name).name
        try:
            parsed = parse_outline_bytes(form.data_bytes, name)
            comparison = reimport.compare(plan, parsed, source_name=name)
        except InputError as exc:
            form.add_error("file", exc.reason_in(get_language()))
        else:
            request.session[_pending_key(plan)] = {
                "parsed": parsed.to_dict(),
                "name": name,
                "revision": revision.current(plan.pk).every,
            }
            report_reading(request, parsed)
            return _preview(request, comparison)
    return render(request, "plans/plan_reimport.html", {"plan": plan, "form": form})


@login_required
@require_POST
def plan_reimport_confirm(request, pk: int):
    """Carry out the re-import the coordinator has seen — unless the plan changed since."""
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    require(request.user, "change", plan)
    pending = request.session.get(_pending_key(plan))
    if not pending:
        messages.error(request, _("没有待确认的重新导入，请重新上传纲要。"))
        return redirect("plans:reimport", pk=plan.pk)
    parsed = OutlinePlan.from_dict(pending["parsed"])
    comparison = reimport.compare(plan, parsed, source_name=pending["name"])
    if revision.current(plan.pk).every != pending["revision"]:
        pending["revision"] = revision.current(plan.pk).every
        request.session[_pending_key(plan)] = pending
        messages.error(request, _("预览之后规划数据有了变化，请核对更新后的对比再确认。"))
        return _preview(request, comparison)
    reimport.apply(comparison, user=request.user, reason=request.POST.get("reason", ""))
    del request.session[_pending_key(plan)]
    messages.success(
        request,
        _("已重新导入：新增 %(added)d 项，修改 %(changed)d 项，移除 %(removed)d 项。")
        % {
            "added": len(comparison.added),
            "changed": len(comparison.changed),
            "removed": len(comparison.removed),
        },
    )
    return redirect("plans:detail", pk=plan.pk)


def _preview(request, comparison):
    return render(
        request,
        "plans/plan_reimport_preview.html",
        {"plan": comparison.plan, "comparison": comparison},
    )


#: The reading report is shown on the review page; past this many, the rest are counted.
SHOWN_WARNINGS = 20


def report_reading(request, parsed: OutlinePlan) -> None:
    """What the reader could not take as text (image tables, targets without a unit …), for the
    coordinator to check against the document, in the user's language."""
    language = get_language()
    warnings = list(getattr(parsed, "warnings", ()))
    for warning in warnings[:SHOWN_WARNINGS]:
        messages.warning(request, warning.render(language))
    if len(warnings) > SHOWN_WARNINGS:
        messages.warning(
            request,
            _("另有 %(n)d 条读取提示未列出。") % {"n": len(warnings) - SHOWN_WARNINGS},
        )


ItemReviewFormSet = modelformset_factory(MeasurableItem, form=ItemReviewForm, extra=0)


@login_required
def plan_review(request, pk: int):
    """The parse result side by side with editable fields; saving confirms the plan."""
    require_role(request.user, MANAGE)
    plan = get_object_or_404(Plan, pk=pk)
    items = MeasurableItem.objects.filter(plan=plan).order_by("kind", "order")
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, instance=plan, prefix="plan")
    formset = ItemReviewFormSet(data, queryset=items, prefix="items")
    places = places_for(f.instance for f in formset.forms)
    checks = ocr_checks(plan)
    for f in formset.forms:
        f.instance.place, f.instance.restated_at = places[f.instance.pk]
        f.instance.ocr_checks = checks.get(f.instance.code, [])
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            ok = save_form(request, form, reason=_("导入校核"))
            for item_form in formset.forms:
                if ok and item_form.has_changed():
                    ok = save_form(request, item_form, reason=_("导入校核"))
            if ok and plan.confirmed_at is None:
                plan.refresh_from_db()
                plan.confirmed_at = timezone.now()
                save_tracked(plan, user=request.user, reason=_("导入校核完成"))
            if not ok:
                transaction.set_rollback(True)
        if ok:
            messages.success(request, _("规划已保存。"))
            return redirect("plans:detail", pk=plan.pk)
    tasks = Task.objects.filter(plan=plan).select_related("chapter").order_by("order")
    context = {"plan": plan, "form": form, "formset": formset, "tasks": tasks}
    context["reading_warnings"] = reading_warnings(plan)
    return render(request, "plans/plan_review.html", context)


def reading_warnings(plan: Plan) -> list[dict]:
    """The reading report kept with the parse result, each in the reader's language (every
    warning is a bilingual core text), for as long as the review page is open — the messages
    of the import are gone after one page."""
    language = get_language()
    found = []
    for data in (plan.source_json or {}).get("warnings") or []:
        warning = ReadingWarning(data.get("code", ""), data.get("zh", ""), data.get("en", ""))
        found.append({"code": warning.code, "message": warning.render(language)})
    return found


@login_required
def plan_edit(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    return edit_page(
        request,
        plan,
        PlanForm,
        template="plans/plan_edit.html",
        success_url=reverse("plans:detail", args=[plan.pk]),
        context={"plan": plan},
    )


@login_required
@require_POST
def plan_publish(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    require(request.user, "change", plan)
    publish = request.POST.get("publish") == "1"
    if publish and plan.confirmed_at is None:
        messages.error(request, _("规划尚未校核确认，不能公开。"))
        return redirect("plans:detail", pk=plan.pk)
    plan.is_published = publish
    plan.published_at = timezone.now() if publish else None
    save_tracked(plan, user=request.user, reason=_("公开") if publish else _("撤回公开"))
    messages.success(request, _("已公开。") if publish else _("已撤回公开。"))
    return redirect("plans:detail", pk=plan.pk)


@login_required
def item_edit(request, pk: int, code: str):
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    item = get_object_or_404(MeasurableItem, plan=plan, code=code)
    place, restated_at = places_of(item)
    return edit_page(
        request,
        item,
        ItemForm,
        template="plans/item_edit.html",
        success_url=reverse("plans:detail", args=[plan.pk]),
        context={"plan": plan, "item": item, "place": place, "restated_at": restated_at},
    )


@login_required
def assignments(request, pk: int):
    """The division-of-labour table, and bulk assignment for the coordinator."""
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    can_change = allowed(request.user, "change", plan)
    form = AssignmentForm(plan, request.POST or None) if can_change else None
    if request.method == "POST":
        require(request.user, "change", plan)
        if form.is_valid():
            try:
                made = assign(request.user, plan, form.cleaned_data)
            except SecondLead as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                form.offer_replace_lead()
            else:
                messages.success(request, _("已新增 %(n)d 条分工。") % {"n": made})
                return redirect("plans:assignments", pk=plan.pk)
    rows = (
        Assignment.objects.restrict(request.user, "view")
        .filter(plan=plan)
        .select_related("department", "item", "task")
    )
    filterset = AssignmentFilter(request.GET or None, queryset=rows)
    for name in ("plan", "item", "task"):  # the page's plan; codes are searched with q
        del filterset.form.fields[name]
    departments = Department.all_objects.filter(
        pk__in=Assignment.objects.filter(plan=plan).values("department_id")
    ).order_by("name")
    offer_choices(
        filterset.form,
        "department",
        departments.values_list("pk", "name"),
        everything=_("全部部门"),
    )
    chapters = Node.objects.filter(plan=plan, level=NodeLevel.CHAPTER).order_by("order")
    offer_choices(
        filterset.form,
        "chapter",
        [(c.pk, str(c)) for c in chapters.only("number", "title", "level")],
        everything=_("全部章"),
    )
    listed = ASSIGNMENT_SORTING.apply(filterset.qs, request.GET)
    context = list_context(request.GET, listed, ASSIGNMENT_SORTING, filterset)
    context.update(
        plan=plan,
        form=form,
        can_change=can_change,
        rows=context["page"].object_list,
        assignment_type=ContentType.objects.get_for_model(Assignment).pk,
    )
    return render(request, "plans/assignments.html", context)


@login_required
def assignment_remove(request, pk: int, assignment_pk: int):
    """Cancel an assignment: confirmed, with the reason the change log keeps."""
    # The plan first, by its own key: an out-of-range id is a 404, never reaches the database
    # as a foreign key.
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    assignment = get_object_or_404(Assignment, pk=assignment_pk, plan=plan)
    require(request.user, "change", assignment)
    go, reason, error = confirmed_reason(request)
    if not go:
        return confirm_page(
            request,
            title=_("取消分工"),
            what=_("将取消分工“%(assignment)s”。该部门不再负责这一事项；记录保留在变更记录中。")
            % {"assignment": assignment},
            back=reverse("plans:assignments", args=[pk]),
            error=error,
        )
    soft_delete(assignment, user=request.user, reason=reason)
    messages.success(request, _("已取消分工。"))
    return redirect("plans:assignments", pk=pk)


@login_required
def tasks(request, pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    rows = (
        Task.objects.restrict(request.user, "view")
        .filter(plan=plan)
        .select_related("chapter", "node")
        .prefetch_related("assignments__department")
        .order_by("order")
    )
    return render(
        request,
        "plans/tasks.html",
        {"plan": plan, "tasks": rows, "can_change": allowed(request.user, "change", plan)},
    )


@login_required
def outline(request, pk: int):
    """The plan's tree — chapters, sections, subsections, items — with the tasks under each."""
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    nodes = list(
        Node.objects.restrict(request.user, "view").filter(plan=plan).order_by("order", "pk")
    )
    depth: dict[int, int] = {}
    for node in nodes:  # stored in document order, so a parent always comes first
        node.depth = depth[node.pk] = depth.get(node.parent_id, -1) + 1
    tasks: dict[int, list[Task]] = {}
    rows = Task.objects.restrict(request.user, "view").filter(plan=plan).order_by("order")
    for task in rows.only("code", "title", "node_id", "order"):
        tasks.setdefault(task.node_id, []).append(task)
    for node in nodes:
        node.task_list = tasks.get(node.pk, [])
    return render(
        request,
        "plans/outline.html",
        {"plan": plan, "nodes": nodes, "can_change": allowed(request.user, "change", plan)},
    )


@login_required
def node_edit(request, pk: int, node_pk: int):
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    node = get_object_or_404(Node, plan=plan, pk=node_pk)
    return edit_page(
        request,
        node,
        NodeForm,
        template="plans/node_edit.html",
        success_url=f"{reverse('plans:outline', args=[plan.pk])}#node-{node.pk}",
        context={"plan": plan, "node": node},
    )


@login_required
def task_edit(request, pk: int, code: str):
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    task = get_object_or_404(Task, plan=plan, code=code)
    return edit_page(
        request,
        task,
        TaskForm,
        template="plans/task_edit.html",
        success_url=reverse("plans:tasks", args=[plan.pk]),
        context={"plan": plan, "task": task},
    )


@login_required
def departments(request):
    """All departments; managers add them, or take the names found in a plan's text."""
    can_change = role_of(request.user) in MANAGE
    form = DepartmentForm(request.POST or None) if can_change else None
    if request.method == "POST":
        require_role(request.user, MANAGE)
        names = [n.strip() for n in request.POST.getlist("found") if n.strip()]
        if names:
            made = 0
            with transaction.atomic():
                for name in names:
                    if Department.objects.filter(name=name).exists():
                        continue
                    try:  # a name longer than the column is said, never cut short
                        department = Department(name=fit(Department, "name", name, _("部门")))
                    except InputError as exc:
                        messages.error(request, exc.reason_in(get_language()))
                        continue
                    save_tracked(department, user=request.user, reason=_("规划原文"))
                    made += 1
            messages.success(request, _("已新增 %(n)d 个部门。") % {"n": made})
            return redirect("plans:departments")
        if form.is_valid() and save_form(request, form):
            messages.success(request, _("已新增部门。"))
            return redirect("plans:departments")
    existing = set(Department.objects.values_list("name", flat=True))
    found = []
    if can_change:
        for plan in Plan.objects.exclude(source_json=None):
            for dept in find_departments(plan_text(plan.source_json)):
                if dept.name not in existing and dept.name not in [f.name for f, _p in found]:
                    found.append((dept, plan))
    return render(
        request,
        "plans/departments.html",
        {
            "departments": Department.objects.all(),
            "form": form,
            "found": found,
            "can_change": can_change,
        },
    )


@login_required
def department_edit(request, department_pk: int):
    department = get_object_or_404(Department, pk=department_pk)
    require(request.user, "change", department)
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid() and save_form(request, form):
        messages.success(request, _("已保存。"))
        return redirect("plans:departments")
    return render(request, "plans/department_edit.html", {"department": department, "form": form})


def plan_text(data) -> str:
    """Every string in a parse result, one per line: where department names are looked for."""
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        return "\n".join(plan_text(v) for v in data.values())
    if isinstance(data, list):
        return "\n".join(plan_text(v) for v in data)
    return ""
