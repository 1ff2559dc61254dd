"""Entering, submitting, approving and returning figures and progress reports.

Each function checks the access rules (core.rules) itself, so the web forms, the Excel
upload, the API and the demo loader all obey the same policy. They raise
``PermissionDenied`` for a forbidden action, ``ValidationError`` for bad input and
``EditConflict`` when someone else saved first.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.assess.plausibility import check_value, value_kind
from planwatch.assess.units import UnitError, convert, is_day_share, normalise_unit
from planwatch.errors import Text
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import allowed, role_of, scope
from planwatch.web.history.models import Action
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import Basis
from planwatch.web.plans.models import Assignment, MeasurableItem, Task
from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.reporting.models.base import Reviewed

#: Fields a reporter fills in on an observation and on a progress report.
OBSERVATION_FIELDS = ("value", "unit", "source", "note", "basis")
PROGRESS_FIELDS = ("narrative", "percent", "progress")


def may_record(user, round: ReportingRound, target, *, department=None, year=None) -> bool:
    """Whether ``user`` may enter (or correct) the figure of an item, or a department's progress
    on a task, in ``round``: the one rule of the pages, the Excel upload, the API and here."""
    return refusal(user, round, target, department=department, year=year) is None


def refusal(user, round: ReportingRound, target, *, department=None, year=None) -> str | None:
    """Why ``user`` may not record ``target`` in ``round`` (in Chinese), or None if they may.

    ``target`` is a MeasurableItem (its figure for ``year``, by default the round's) or a Task
    (the progress of ``department``, by default the user's own; without one, nothing to record).
    """
    if isinstance(target, Task):
        department = department or getattr(user, "department", None)
        if department is None:
            return _("请指定填报部门。")
        existing = TaskProgress.objects.filter(round=round, task=target, department=department)
        existing = existing.first()
        if existing is not None:
            if allowed(user, "change", existing):
                return None
            return _("您不能修改这份进展报告（已报送、已审核或轮次已关闭）。")
        if not Task.objects.restrict(user, "report").filter(pk=target.pk).exists():
            return _("该任务未分配给您的部门。")
    else:
        year = round.year if year is None else year
        existing = Observation.objects.filter(item=target, year=year, period=round.period).first()
        if existing is not None:
            if allowed(user, "change", existing):
                return None
            return _("您不能修改这条数据（已报送、已审核或轮次已关闭）。")
        if not MeasurableItem.objects.restrict(user, "report").filter(pk=target.pk).exists():
            return _("该指标未由您的部门牵头填报。")
    if not (round.is_open or role_of(user) in MANAGE):
        return _("本轮次未开放填报。")
    return None


def recordable_tasks(user, round: ReportingRound, tasks: Iterable[Task], *, department=None):
    """The ids of ``tasks`` whose progress ``user`` may record in ``round`` for ``department``
    (by default the user's own): :func:`refusal` for many tasks at once, the same answers in
    three queries however many tasks (the bulk page lists a department's 164 duties)."""
    department = department or getattr(user, "department", None)
    ids = {t.pk for t in tasks}
    if department is None or not ids:
        return set()
    existing = dict(
        TaskProgress.objects.filter(round=round, task_id__in=ids, department=department)
        .order_by()
        .values_list("task_id", "pk")
    )
    # A stored report: whatever the rules let the user change (as ``allowed`` decides).
    changeable = set(
        scope(TaskProgress._base_manager.filter(pk__in=existing.values()), user, "change")
        .order_by()
        .values_list("task_id", flat=True)
    )
    fresh = ids - existing.keys()
    if not fresh or not (round.is_open or role_of(user) in MANAGE):
        return changeable
    reportable = Task.objects.restrict(user, "report").filter(pk__in=fresh).order_by()
    return changeable | set(reportable.values_list("pk", flat=True))


def record_observation(
    user,
    round: ReportingRound,
    item: MeasurableItem,
    *,
    value: float,
    year: int | None = None,
    unit: str = "",
    source: str = "",
    note: str = "",
    expected_version: int | None = None,
    reason: str = "",
    is_demo: bool = False,
    basis: str | None = None,
    confirmed: bool = False,
) -> Observation:
    """Create or update the figure of ``item`` for ``year`` (default: the round's year).

    ``basis`` is 当年/累计 (default: the item's ``default_basis``, else annual). A value
    impossible for the item is refused; an unusual jump against last year's figure is refused
    unless ``confirmed``, and then stored with a ``plausibility_flag`` for the reviewer.
    """
    year = round.year if year is None else year
    _check_year(round, year)
    if item.plan_id != round.plan_id:
        raise ValidationError(_("指标不属于本轮次的规划。"))
    why = refusal(user, round, item, year=year)
    if why is not None:
        raise PermissionDenied(why)
    existing = Observation.objects.filter(item=item, year=year, period=round.period).first()
    if existing is None:
        obs = Observation(
            round=round,
            item=item,
            year=year,
            period=round.period,
            department=lead_department(item),
            is_demo=is_demo,
        )
    else:
        if existing.status == ReviewStatus.APPROVED and not reason:
            raise ValidationError(_("修改已审核的数据须填写原因。"))
        obs = existing
    check_unit(item, value, unit, year)
    flag = check_plausible(item, float(value), unit, year, period=round.period, confirmed=confirmed)
    obs.plausibility_code = flag.code if flag else ""
    obs.plausibility_params = dict(flag.params) if flag else {}
    obs.basis = basis or item.default_basis or Basis.ANNUAL
    obs.value = float(value)
    obs.unit = unit_as_stored(unit, item.unit)
    obs.source, obs.note = source or "", note or ""
    obs.entered_by = user if user and user.is_authenticated else None
    if obs.status == ReviewStatus.RETURNED:
        obs.status = ReviewStatus.DRAFT
    obs.full_clean(exclude=["round", "item", "department", "entered_by"], validate_unique=False)
    return save_tracked(obs, user=user, reason=reason, expected_version=expected_version)


def record_progress(
    user,
    round: ReportingRound,
    task: Task,
    *,
    narrative: str,
    percent: int,
    progress: str,
    department=None,
    expected_version: int | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> TaskProgress:
    """Create or update a department's progress report on ``task`` in ``round``."""
    department = department or getattr(user, "department", None)
    if department is None:
        raise ValidationError(_("请指定填报部门。"))
    if task.plan_id != round.plan_id:
        raise ValidationError(_("任务不属于本轮次的规划。"))
    why = refusal(user, round, task, department=department)
    if why is not None:
        raise PermissionDenied(why)
    report = TaskProgress.objects.filter(round=round, task=task, department=department).first()
    if report is None:
        report = TaskProgress(round=round, task=task, department=department, is_demo=is_demo)
    report.narrative, report.percent, report.progress = narrative or "", int(percent), progress
    report.entered_by = user if user and user.is_authenticated else None
    if report.status == ReviewStatus.RETURNED:
        report.status = ReviewStatus.DRAFT
    report.full_clean(exclude=["round", "task", "department", "entered_by"], validate_unique=False)
    return save_tracked(report, user=user, reason=reason, expected_version=expected_version)


def submit(user, records: Iterable[Reviewed]) -> int:
    """Send drafts (or returned records) for review; all or none."""
    count = 0
    with transaction.atomic():
        for record in records:
            if not allowed(user, "submit", record):
                raise PermissionDenied(_("不能报送：%(record)s") % {"record": record})
            record.status = ReviewStatus.SUBMITTED
            record.submitted_by, record.submitted_at = user, timezone.now()
            save_tracked(record, user=user, action=Action.SUBMIT)
            count += 1
    return count


def approve(user, records: Iterable[Reviewed], comment: str = "") -> int:
    return _review(user, records, ReviewStatus.APPROVED, Action.APPROVE, comment)


def return_for_revision(user, records: Iterable[Reviewed], comment: str) -> int:
    """Send submissions back to the department; the comment says what to fix."""
    if not (comment or "").strip():
        raise ValidationError(_("退回时须填写审核意见。"))
    return _review(user, records, ReviewStatus.RETURNED, Action.RETURN, comment)


def _review(user, records, status: str, action: str, comment: str) -> int:
    count = 0
    with transaction.atomic():
        for record in records:
            if not allowed(user, "review", record):
                raise PermissionDenied(_("不能审核：%(record)s") % {"record": record})
            record.status = status
            record.reviewed_by, record.reviewed_at = user, timezone.now()
            record.review_comment = comment or ""
            save_tracked(record, user=user, action=action, reason=comment)
            count += 1
    return count


def lead_department(item: MeasurableItem):
    assignment = Assignment.objects.filter(item=item, role="lead").select_related("department")
    first = assignment.first()
    return first.department if first else None


def check_unit(item: MeasurableItem, value: float, unit: str, year: int) -> None:
    """Refuse a unit the engine cannot convert exactly into the item's: stored, it would keep
    that figure out of the assessment. The same check (``planwatch.assess.units``) as the engine,
    for the web form, the Excel upload and the API alike."""
    if not unit or not item.unit:
        return
    try:
        convert(
            float(value), unit, item.unit, year=year, day_share=is_day_share(item.name, item.unit)
        )
    except UnitError:
        raise ValidationError(
            {
                "unit": _("单位“%(given)s”无法换算为指标单位“%(wanted)s”。")
                % {"given": unit, "wanted": item.unit}
            }
        ) from None


#: The code of the ValidationError asking to confirm an unusual jump (the form shows a checkbox).
NEEDS_CONFIRMATION = "needs_confirmation"


def check_plausible(
    item: MeasurableItem, value: float, unit: str, year: int, *, period: str, confirmed: bool
) -> Text | None:
    """planwatch.assess.plausibility on ``value`` (in the item's unit): a ValidationError on
    ``value`` for an impossible value or an unconfirmed jump; for a confirmed jump, the flag to
    store for the reviewer (its code and parameters are kept, worded in the reader's language);
    else None. The one check of the form, the Excel upload and the API."""
    kind = value_kind(item.name, item.unit)
    shown = f"{item.code} {item.name}"
    problems = check_value(
        in_item_unit(item, value, unit, year),
        item=shown,
        year=year,
        kind=kind,
        unit=item.unit or None,
        previous=_previous_value(item, year, period),
    )
    if not problems:
        return None
    problem = problems[0]
    if problem.refused:
        raise ValidationError({"value": problem.message.render(get_language())})
    if not confirmed:
        raise ValidationError(
            {
                "value": ValidationError(
                    problem.message.render(get_language()), code=NEEDS_CONFIRMATION
                )
            }
        )
    return problem.message


def needs_confirmation(error: ValidationError) -> bool:
    """Whether ``error`` is check_plausible's request to confirm an unusual jump."""
    details = getattr(error, "error_dict", {}).get("value", [])
    return any(e.code == NEEDS_CONFIRMATION for e in details)


def unit_as_stored(unit: str | None, item_unit: str | None) -> str:
    """The unit a figure is kept with: the item's own when none is given or it is the item's
    unit written otherwise (``％`` for ``%``, spaces), else the one given, trimmed.

    The one rule for storing a figure and for telling whether an uploaded row changed it, so a
    figure entered without a unit reads back unchanged from a template that shows the item's.
    """
    given = normalise_unit(unit)
    if given is None or given == normalise_unit(item_unit):
        return (item_unit or "").strip()
    return unit.strip()


def in_item_unit(item: MeasurableItem, value: float, unit: str, year: int) -> float:
    """``value`` (given in ``unit``) in the item's own unit (check_unit has passed)."""
    if not unit or not item.unit or unit == item.unit:
        return value
    day_share = is_day_share(item.name, item.unit)
    return convert(value, unit, item.unit, year=year, day_share=day_share)


def _previous_value(item: MeasurableItem, year: int, period: str) -> float | None:
    """The item's stored figure for ``year - 1`` in its own unit, if any."""
    previous = Observation.objects.filter(item=item, year=year - 1, period=period).first()
    if previous is None:
        return None
    try:
        return in_item_unit(item, previous.value, previous.unit, year - 1)
    except UnitError:
        return None


def _check_year(round: ReportingRound, year: int) -> None:
    plan = round.plan
    low = plan.base_year or 1900
    high = max(plan.target_year or 2100, round.year)
    if not low <= year <= high:
        raise ValidationError(
            _("年份 %(year)s 不在规划期 %(low)s–%(high)s 内。")
            % {"year": year, "low": low, "high": high}
        )
    if year > round.year:
        raise ValidationError(
            _("不能在 %(round)s 填报 %(year)s 年的数据。") % {"round": round, "year": year}
        )
