"""Many records in one step: a department's task progress on one page, the confirmed submission
of its drafts, and the review of a selection with a comment per row.

Every write goes through services.workflow (same permissions, history and version checks as the
one-record pages); a page of many rows saves all of them or none, so a conflict on one row
leaves every row as the user typed it, with the other person's value shown beside it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.core.access import get_visible, require_role
from planwatch.web.core.listing import Chain, list_context, offer_choices
from planwatch.web.core.roles import REVIEW, Role
from planwatch.web.core.rules import role_of
from planwatch.web.history.services import EditConflict, history_of
from planwatch.web.reporting import reviewables
from planwatch.web.reporting.choices import EDITABLE
from planwatch.web.reporting.filtersets import QUEUE_SORTING, QueueFilter
from planwatch.web.reporting.forms import ProgressForm, ReviewForm
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.reporting.services import workflow
from planwatch.web.reporting.services.duties import round_duties


class BulkProgressForm(ProgressForm):
    """One row of the bulk page: the task it is for rides along hidden."""

    task = forms.CharField(widget=forms.HiddenInput)
    reason = None  # a draft needs no reason; approved reports are not on the page

    def changes(self, report: TaskProgress | None) -> bool:
        data = self.cleaned_data
        wanted = (data["narrative"] or "", data["percent"], data["progress"])
        if report is None:
            return (
                bool(data["narrative"])
                or data["percent"] != 0
                or data["progress"] != ("in_progress")
            )
        return wanted != (report.narrative, report.percent, report.progress)


BulkFormSet = forms.formset_factory(BulkProgressForm, extra=0)


def other_saved(report: TaskProgress) -> dict:
    """What the conflict shows: the stored value, who saved it and when (Beijing time)."""
    last = history_of(report).first()
    return {
        "report": report,
        "user": (last.user if last and last.user else _("系统")),
        "at": timezone.localtime(last.at) if last else None,
    }


@login_required
def progress_bulk(request, round_pk: int):
    """All the department's task reports of the round on one page, saved together."""
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    user = request.user
    if role_of(user) != Role.REPORTER:
        raise PermissionDenied(_("只有牵头或配合部门的填报员可以填报任务进展。"))
    department = user.department
    duties = [d for d in round_duties(round, department=department) if d.kind == "task"]
    reports = {
        p.task_id: p for p in TaskProgress.objects.filter(round=round, department=department)
    }
    # Who may edit which row, decided for all rows at once (workflow.refusal's rules).
    recordable = workflow.recordable_tasks(user, round, [d.target for d in duties])
    editable = [d for d in duties if d.target.pk in recordable]
    locked = [d for d in duties if d not in editable]
    initial = []
    for duty in editable:
        report = reports.get(duty.target.pk)
        row = {"task": duty.target.code, "progress": "in_progress", "percent": 0}
        if report:
            row.update(
                progress=report.progress,
                percent=report.percent,
                narrative=report.narrative,
                version=report.version,
            )
        initial.append(row)
    formset = BulkFormSet(request.POST or None, initial=initial, prefix="rows")
    conflicts: dict[int, dict] = {}
    if request.method == "POST" and formset.is_valid():
        saved = save_rows(request, round, editable, reports, formset, conflicts)
        if saved is not None:
            messages.success(
                request, _("已保存 %(n)d 条任务进展草稿，确认无误后请报送。") % {"n": saved}
            )
            return redirect("reporting:progress_bulk", round_pk=round.pk)
    rows = [
        (duty, form, reports.get(duty.target.pk), conflicts.get(i))
        for i, (duty, form) in enumerate(zip(editable, formset.forms, strict=True))
    ]
    return render(
        request,
        "reporting/progress_bulk.html",
        {"round": round, "formset": formset, "rows": rows, "locked": locked, "reports": reports},
    )


def save_rows(request, round, duties, reports, formset, conflicts) -> int | None:
    """Save every changed row in one transaction; on any refusal none is saved and the
    refusals are put on their rows (conflicts with the other person's value)."""
    saved, failed = 0, False
    try:
        with transaction.atomic():
            for i, (duty, form) in enumerate(zip(duties, formset.forms, strict=True)):
                if form.cleaned_data["task"] != duty.target.code:
                    raise ValidationError(_("页面已过期，请刷新后重新填写。"))
                report = reports.get(duty.target.pk)
                if not form.changes(report):
                    continue
                data = form.cleaned_data
                try:
                    workflow.record_progress(
                        request.user,
                        round,
                        duty.target,
                        narrative=data["narrative"],
                        percent=data["percent"],
                        progress=data["progress"],
                        department=duty.department,
                        expected_version=(data["version"] or 0) if report else None,
                    )
                except EditConflict as exc:
                    form.add_error(None, str(exc))
                    current = TaskProgress.objects.filter(pk=report.pk).first()
                    if current is not None:
                        conflicts[i] = other_saved(current)
                    failed = True
                except (ValidationError, PermissionDenied) as exc:
                    for message in getattr(exc, "messages", [str(exc)]):
                        form.add_error(None, message)
                    failed = True
                else:
                    saved += 1
            if failed:
                raise _Rollback
    except _Rollback:
        messages.error(request, _("未保存：有的行未通过检查，请看各行的说明。所填内容仍在页面上。"))
        return None
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return None
    return saved


class _Rollback(Exception):
    """Undo the page's writes: one row was refused."""


# -- submission -------------------------------------------------------------------------------


@login_required
def submit(request, round_pk: int):
    """报送本部门全部草稿: first what would be submitted, then (confirmed) exactly that."""
    round = get_visible(ReportingRound.objects.select_related("plan"), request.user, pk=round_pk)
    observations = list(
        Observation.objects.restrict(request.user, "submit")
        .filter(round=round, status__in=EDITABLE)
        .select_related("item")
    )
    progress = list(
        TaskProgress.objects.restrict(request.user, "submit")
        .filter(round=round, status__in=EDITABLE)
        .select_related("task")
    )
    # What the apps above register (roadmap: milestone reports), submitted with the rest.
    others = [
        {"key": f"{kind.key}-{r.pk}", "record": r, "subject": kind.subject(r),
         "content": kind.content(r)}
        for kind, r in reviewables.drafts(request.user, round)
    ]  # fmt: skip
    if request.method == "POST" and request.POST.get("confirm"):
        wanted = set(request.POST.getlist("record"))
        chosen = [o for o in observations if f"observation-{o.pk}" in wanted]
        chosen += [p for p in progress if f"progress-{p.pk}" in wanted]
        chosen += [row["record"] for row in others if row["key"] in wanted]
        if len(chosen) != len(wanted):
            messages.warning(request, _("部分记录在确认前已变化（已报送或已删除），未包括在内。"))
        try:
            count = workflow.submit(request.user, chosen)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            if count:
                messages.success(request, _("已报送 %(n)d 条。") % {"n": count})
            else:
                messages.warning(request, _("没有待报送的草稿。"))
        return redirect("reporting:round", pk=round.pk)
    return render(
        request,
        "reporting/submit_confirm.html",
        {
            "round": round,
            "observations": observations,
            "progress": progress,
            "others": others,
            "count": len(observations) + len(progress) + len(others),
        },
    )


# -- review -----------------------------------------------------------------------------------


@login_required
@require_POST
def review(request, round_pk: int):
    """Approve or return the ticked submissions in one step, each with its own comment (the
    row's) or the shared one; a return without any comment is refused and nothing changes."""
    round = get_visible(ReportingRound.objects.all(), request.user, pk=round_pk)
    require_role(request.user, REVIEW)
    back = round_page(round, request.POST.get("back", ""))
    form = ReviewForm(request.POST)
    picked = []
    models = [("observation", Observation), ("progress", TaskProgress)]
    models += [(kind.key, kind.model) for kind in reviewables.kinds()]
    for kind, model in models:
        ids = [i for i in request.POST.getlist(kind) if i.isdigit()]
        rows = model.objects.restrict(request.user, "review").filter(round=round, pk__in=ids)
        picked += [(r, request.POST.get(f"comment-{kind}-{r.pk}", "").strip()) for r in rows]
    if not form.is_valid() or not picked:
        messages.error(request, _("请选择要审核的记录和审核结果。"))
        return redirect(back)
    shared = form.cleaned_data["comment"].strip()
    approve = form.cleaned_data["decision"] == "approve"
    try:
        with transaction.atomic():
            for record, comment in picked:
                comment = comment or shared
                if approve:
                    workflow.approve(request.user, [record], comment)
                else:
                    if not comment:
                        raise ValidationError(
                            _("退回“%(record)s”须填写审核意见（本行或统一意见）。")
                            % {"record": record}
                        )
                    workflow.return_for_revision(request.user, [record], comment)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect(back)
    if approve:
        messages.success(request, _("已审核通过 %(n)d 条。") % {"n": len(picked)})
    else:
        messages.success(request, _("已退回 %(n)d 条。") % {"n": len(picked)})
    return redirect(back)


def round_page(round: ReportingRound, query: str) -> str:
    """The round page with the lists' parameters the review was sent from (re-encoded: only a
    query string of this page, never another address), so the queue stays where it was."""
    params = QueryDict(query[:2000]).urlencode()
    return reverse("reporting:round", args=[round.pk]) + (f"?{params}" if params else "")


#: The review queue's parameters on the round page (its duty list has the plain ones).
QUEUE_PREFIX = "queue-"


def review_queue(user, round: ReportingRound) -> tuple:
    """What ``user`` may review in ``round``: the submitted figures and the submitted task
    reports, each annotated with its target's code, title and order (the queue's filter and
    sorts read them)."""
    observations = (
        Observation.objects.restrict(user, "review")
        .filter(round=round)
        .select_related("item", "department", "submitted_by")
        .annotate(
            target_code=F("item__code"),
            target_title=F("item__name"),
            target_order=F("item__order"),
        )
    )
    progress = (
        TaskProgress.objects.restrict(user, "review")
        .filter(round=round)
        .select_related("task", "department", "submitted_by")
        .annotate(
            target_code=F("task__code"),
            target_title=F("task__title"),
            target_order=F("task__order"),
        )
    )
    return observations, progress


def queue_context(request, round: ReportingRound, departments) -> dict:
    """The review queue as one page of rows (figures first, then task reports), filtered with
    :class:`QueueFilter` and sorted and paged under the ``queue-`` parameters, so the round's
    duty list below keeps its own. ``departments``: the (id, name) pairs its department filter
    offers. ``waiting`` counts every submission, unfiltered."""
    params = request.GET
    data = params if any(k.startswith(QUEUE_PREFIX) for k in params) else None
    observations, progress = review_queue(request.user, round)
    # One FilterSet (one form) filters both querysets.
    filterset = QueueFilter(data, queryset=observations, prefix=QUEUE_PREFIX.rstrip("-"))
    offer_choices(filterset.form, "department", departments, everything=_("全部部门"))
    filtered = [filterset.qs, filterset.filter_queryset(progress) if data else progress]
    parts = [QUEUE_SORTING.apply(rows, params, QUEUE_PREFIX) for rows in filtered]
    context = list_context(params, Chain(parts), QUEUE_SORTING, filterset, prefix=QUEUE_PREFIX)
    page = context["page"]
    context["waiting"] = (
        page.paginator.count if data is None else observations.count() + progress.count()
    )
    context["queue_observations"] = queue_rows(
        [r for r in page.object_list if isinstance(r, Observation)]
    )
    context["queue_progress"] = [r for r in page.object_list if isinstance(r, TaskProgress)]
    # The registered kinds (roadmap: milestone reports) follow on the first page, under the
    # same department filter and search; a filter on the kind or the flag (items and task
    # reports only) leaves them out.
    filterset.form.is_valid()  # a malformed value is left out, the others still apply
    wanted = getattr(filterset.form, "cleaned_data", {}) if filterset.is_bound else {}
    others = []
    if not (wanted.get("kind") or wanted.get("flagged")):
        department = wanted.get("department")
        others = reviewables.waiting(
            request.user,
            round,
            department=getattr(department, "pk", department),
            q=wanted.get("q") or "",
        )
    context["waiting"] += (
        len(others) if data is None else len(reviewables.waiting(request.user, round))
    )
    context["queue_more"] = [
        {"kind": kind, "record": r, "subject": kind.subject(r), "content": kind.content(r)}
        for kind, r in others
    ] if page.number == 1 else []  # fmt: skip
    return context


def queue_rows(observations) -> list[dict]:
    """Each submitted figure beside last year's (same period), the item's target and the
    change, so a reviewer can judge a row without opening it."""
    observations = list(observations)
    keys = {(o.item_id, o.year - 1, o.period) for o in observations}
    previous = {
        (p.item_id, p.year, p.period): p
        for p in Observation.objects.filter(
            item_id__in={k[0] for k in keys}, year__in={k[1] for k in keys}
        )
    }
    rows = []
    for o in observations:
        before = previous.get((o.item_id, o.year - 1, o.period))
        change = None
        if before is not None and before.unit == o.unit:
            change = o.value - before.value
        rows.append({"obs": o, "previous": before, "change": change, "target": target_of(o.item)})
    return rows


def target_of(item) -> str:
    """The item's target as the outline states it (comparator, value, unit, year); a target in
    words as printed (高于GDP增长, in whichever cell it stands), after the number if both."""
    own = [w["text"] for w in item.word_targets or [] if not w.get("subject")]
    cells = (item.target_text, item.growth_text, item.cumulative_text)
    printed = next((c for c in cells if c and own and own[0] in c), None)
    if item.target_value is None:
        return printed or item.target_text or "—"
    comparator = item.get_target_comparator_display() if item.target_comparator else ""
    value = f"{item.target_value:g}"
    year = f"（{item.target_year}）" if item.target_year else ""
    beside = "".join(f"；“{text}”" for text in own) if printed is None else f"；{printed}"
    return f"{comparator}{value}{item.unit}{year}" + (beside if own else "")
