"""Saving a versioned form: a stale version becomes a form error, never an overwrite."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planwatch.web.core.access import require
from planwatch.web.history.services import EditConflict, save_tracked


def edit_page(request, obj, form_class, *, template: str, success_url: str, context=None):
    """The edit page of one tracked record: the right to change it is checked, the change
    goes through the change log, a stale version comes back as a form error."""
    require(request.user, "change", obj)
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid() and save_form(request, form):
        messages.success(request, _("已保存。"))
        return redirect(success_url)
    return render(request, template, {**(context or {}), "form": form})


def save_form(request, form, *, reason: str | None = None) -> bool:
    """Save ``form.instance`` through the change log; report a conflict on the form."""
    obj = form.save(commit=False)
    expected = form.cleaned_data.get("version") if obj.pk else None
    try:
        save_tracked(
            obj,
            user=request.user,
            reason=reason if reason is not None else form.cleaned_data.get("reason") or "",
            expected_version=expected,
        )
    except EditConflict as exc:
        form.add_error(None, str(exc))
        messages.error(request, _("保存失败：记录已被他人修改。"))
        return False
    return True


def apply_or_report(request, form, action) -> bool:
    """Run a workflow ``action()``; put its refusal on the form instead of raising."""
    try:
        action()
    except EditConflict as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("没有权限。"))
    else:
        return True
    return False
