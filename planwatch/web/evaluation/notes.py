"""The evaluators' notes page of a plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planwatch.web.core.access import get_visible, only_roles
from planwatch.web.core.roles import READ_ALL, Role
from planwatch.web.core.rules import role_of
from planwatch.web.evaluation.forms import NoteForm
from planwatch.web.evaluation.models import EvaluationNote
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Plan


@login_required
def notes(request, plan_pk: int):
    """Evaluation notes: evaluators (and coordinators) write; readers of all see them."""
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    role = role_of(request.user)
    if role not in READ_ALL:
        raise PermissionDenied(only_roles(READ_ALL))
    can_write = role in (READ_ALL - {Role.LEADER})
    form = NoteForm(plan, request.POST or None) if can_write else None
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied(only_roles(READ_ALL - {Role.LEADER}))
        if form.is_valid():
            note = form.save(commit=False)
            note.plan, note.author = plan, request.user
            save_tracked(note, user=request.user)
            messages.success(request, _("已保存评估意见。"))
            return redirect("evaluation:notes", plan_pk=plan.pk)
    rows = (
        EvaluationNote.objects.restrict(request.user, "view")
        .filter(plan=plan)
        .select_related("author", "item", "task")
    )
    return render(request, "evaluation/notes.html", {"plan": plan, "form": form, "notes": rows})
