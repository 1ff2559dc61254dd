"""The public portal: what the public sees, even when a signed-in official looks at it.

Every query runs as the anonymous public (``PUBLIC``) through ``Model.objects.restrict``, so
only published plans, published rounds and approved figures appear — a coordinator signed in
sees exactly what a citizen sees.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.accounts import throttle
from planwatch.web.history import revision
from planwatch.web.history.services import EditConflict, save_tracked
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.portal import abuse, pages
from planwatch.web.portal.choices import FeedbackStatus
from planwatch.web.portal.coordinator import can_change
from planwatch.web.portal.forms import FeedbackForm
from planwatch.web.portal.models import Feedback, ItemMetadata, PortalBranding
from planwatch.web.portal.moderation import can_moderate, decide
from planwatch.web.portal.published import PUBLIC, published_plans

#: Approved comments shown on a page, newest first.
COMMENTS_SHOWN = 30


def index(request):
    """The published plan (or the list of them, when there are several). Which plans are
    published is read once per state of all the data (a revision snapshot, read first, which
    also names the plan's own revision: one query for a stored page)."""
    state = revision.snapshot()
    plans = cache.get_or_set(
        "portal-published:" + state.everything, lambda: list(published_plans()), 3600
    )
    if len(plans) == 1:
        return plan_page(request, plans[0], data=state.plan(plans[0].pk))
    return render(request, "portal/index.html", {"plans": plans})


def plan(request, pk: int):
    return plan_page(request, get_object_or_404(published_plans(), pk=pk))


def item(request, pk: int):
    return item_page(request, pages.public_item(pk))


def plan_page(
    request,
    plan: Plan,
    form: FeedbackForm | None = None,
    status: int = 200,
    data: revision.PlanRevision | None = None,
):
    """The plan's home: headline figures, search, navigation; then comments and the form.
    Stored whole per state of the published data (``pages.cached``; ``data``: the plan's
    revision where the caller has read it already); the form's challenge is written in per
    request."""

    def build(challenge) -> HttpResponse:
        context = {
            **pages.chrome(plan, "home"),
            "home_html": pages.home_html(plan),
            "can_edit_branding": can_change(request.user, PortalBranding(plan=plan)),
            "comments": _comments(plan),
            "form": form or _new_form(plan, challenge),
            "item_select": None if form else item_select(plan),
        }
        return render(request, "portal/plan.html", context, status=status)

    if form is not None:  # a refusal, shown with what was typed
        return build(None)
    return _with_challenge(request, "portal-plan", plan, build, data=data)


def item_page(request, stored: MeasurableItem, form=None, status: int = 200):
    """One indicator or target: chart, values, status, metadata, downloads; then feedback."""
    plan = stored.plan

    def build(challenge) -> HttpResponse:
        context = {
            **pages.chrome(plan, "indicators"),
            "item": stored,
            "item_html": pages.item_html(stored),
            "can_edit_metadata": can_change(request.user, ItemMetadata(item=stored)),
            "comments": _comments(plan, item=stored),
            "form": form or _new_form(plan, challenge, item=stored),
            "item_select": None if form else item_select(plan, stored),
        }
        return render(request, "portal/item.html", context, status=status)

    if form is not None:
        return build(None)
    return _with_challenge(request, "portal-item", plan, build, stored.pk)


def _with_challenge(request, name: str, plan: Plan, build, *parts, data=None) -> HttpResponse:
    """The page, stored whole, with a new challenge (question and signed token) per request."""
    challenge = functools.cache(abuse.new_challenge)
    fill = {"question": lambda: challenge().question, "token": lambda: challenge().token}

    def with_values(values: dict[str, str]) -> HttpResponse:
        return build(abuse.Shown(values["question"], values["token"]))

    return pages.cached(request, name, plan, with_values, *parts, fill=fill, data=data)


@require_POST
def feedback(request, pk: int):
    """Take a rating and comment; it waits for moderation before anyone sees it."""
    plan = get_object_or_404(published_plans(), pk=pk)
    if abuse.too_large(request):
        return HttpResponse(_("提交内容过大。"), status=413, content_type="text/plain")
    form = FeedbackForm(request.POST, plan=plan, challenge=abuse.new_challenge())
    valid = form.is_valid()
    item = form.cleaned_data.get("item") if valid else None
    back = _page_of(plan, item or _posted_item(request, plan))
    if form.is_robot:
        messages.success(request, _("感谢您的评价！审核通过后将公开显示。"))
        return redirect(back)
    status = 400
    if valid:
        try:
            digest = abuse.check_answer(form.cleaned_data["token"], form.cleaned_data["answer"])
            if Feedback.all_objects.filter(challenge=digest).exists():
                raise abuse.Refused(_("该表单已经提交过，请勿重复提交。"))
            address = throttle.client_address(request)
            abuse.check_rate(address)
        except abuse.Refused as refusal:
            form.add_error(None, str(refusal))
            status = refusal.status
        else:
            save_tracked(
                Feedback(
                    plan=plan,
                    item=item,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    address=address,
                    challenge=digest,
                    language=(get_language() or "")[:10],
                )
            )
            messages.success(request, _("感谢您的评价！审核通过后将公开显示。"))
            return redirect(back)
    form.renew(abuse.new_challenge())
    shown_item = item or _posted_item(request, plan)
    if shown_item is not None:
        return item_page(request, shown_item, form=form, status=status)
    return plan_page(request, plan, form=form, status=status)


@login_required
def moderation(request):
    if not can_moderate(request.user):
        raise PermissionDenied(_("只有规划牵头部门和系统管理员可以审核公众评价。"))
    queue = Feedback.objects.restrict(request.user, "review").select_related("plan", "item")
    return render(
        request,
        "portal/moderation.html",
        {
            "pending": queue.filter(status=FeedbackStatus.PENDING).order_by("created_at"),
            "decided": queue.exclude(status=FeedbackStatus.PENDING)
            .select_related("moderated_by")
            .order_by("-moderated_at")[:50],
        },
    )


@login_required
@require_POST
def moderate(request, pk: int):
    if not can_moderate(request.user):
        raise PermissionDenied(_("只有规划牵头部门和系统管理员可以审核公众评价。"))
    feedback = get_object_or_404(Feedback.objects.restrict(request.user, "review"), pk=pk)
    decision = {
        "approve": FeedbackStatus.APPROVED,
        "reject": FeedbackStatus.REJECTED,
    }.get(request.POST.get("decision", ""))
    if decision is None:
        raise Http404
    version = request.POST.get("version", "")
    try:
        decide(
            request.user,
            feedback,
            decision,
            note=request.POST.get("note", ""),
            expected_version=int(version) if version.isdigit() else None,
        )
    except EditConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(
            request,
            _("已公开该评价。") if decision == FeedbackStatus.APPROVED else _("已设为不予公开。"),
        )
    return redirect("portal:moderation")


def item_select(plan: Plan, item: MeasurableItem | None = None) -> str:
    """The new form's list of items, rendered once per state of the plan: the one costly part
    of the form; the challenge around it is new on every request."""

    def build() -> str:
        return str(_new_form(plan, abuse.new_challenge(), item=item)["item"])

    return pages.fragment("portal-item-select", plan, build, item.pk if item else None)


def _new_form(plan: Plan, challenge, item: MeasurableItem | None = None) -> FeedbackForm:
    return FeedbackForm(plan=plan, challenge=challenge, item=item)


def _comments(plan: Plan, item: MeasurableItem | None = None):
    comments = Feedback.objects.restrict(PUBLIC, "view").filter(plan=plan).select_related("item")
    if item is not None:
        comments = comments.filter(item=item)
    return comments.order_by("-created_at")[:COMMENTS_SHOWN]


def _posted_item(request, plan: Plan) -> MeasurableItem | None:
    value = request.POST.get("item", "")
    if not value.isdigit():
        return None
    return MeasurableItem.objects.filter(plan=plan, pk=int(value)).first()


def _page_of(plan: Plan, item: MeasurableItem | None) -> str:
    if item is not None:
        return reverse("portal:item", args=[item.pk]) + "#feedback"
    return reverse("portal:plan", args=[plan.pk]) + "#feedback"
