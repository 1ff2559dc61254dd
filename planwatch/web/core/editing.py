"""Saving a versioned form: a stale version becomes a form error, never an overwrite."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.web.core.access import require
from planwatch.web.history.services import EditConflict, history_of, save_tracked


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
        show_conflict(form, exc)
        messages.error(request, _("保存失败：记录已被他人修改。"))
        return False
    return True


def show_conflict(form, exc: EditConflict) -> None:
    """Put the other person's saved values, who saved them and when on ``form.conflict``, and
    move the form's version on: the page then offers to keep theirs (reload) or to keep the
    user's own (save again, deliberately over the version just shown)."""
    model = type(exc.obj)
    current = model._base_manager.filter(pk=exc.obj.pk).first()
    if current is None:
        return
    last = history_of(current).first()
    values = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or name in ("reason", "confirmed"):
            continue
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        display = getattr(current, f"get_{name}_display", None)
        value = display() if display else getattr(current, name)
        values.append((field.label, "—" if value in (None, "") else value))
    form.conflict = {
        "values": values,
        "user": last.user if last and last.user else _("系统"),
        "at": timezone.localtime(last.at) if last else None,
        "version": current.version,
    }
    if "version" in form.fields and form.is_bound:
        data = form.data.copy()
        data[form.add_prefix("version")] = current.version
        form.data = data


def apply_or_report(request, form, action) -> bool:
    """Run a workflow ``action()``; put its refusal on the form instead of raising."""
    try:
        action()
    except EditConflict as exc:
        form.add_error(None, str(exc))
        show_conflict(form, exc)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("没有权限。"))
    else:
        return True
    return False
