"""Sign-in with throttling; sign-out; the administrator's user management."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.accounts import throttle
from planwatch.web.accounts.forms import UserForm
from planwatch.web.accounts.models import User
from planwatch.web.core.access import get_visible, require
from planwatch.web.core.confirm import confirm_page, confirmed_reason
from planwatch.web.core.editing import save_form
from planwatch.web.core.rules import may_manage_users, scope
from planwatch.web.history.services import EditConflict, save_tracked


class ThrottledAuthenticationForm(auth_views.AuthenticationForm):
    """Refuses to even check the password once a username+address pair is locked out."""

    def clean(self):
        username = (self.data.get("username") or "").strip()
        address = throttle.client_address(self.request)
        if username and throttle.is_locked(username, address):
            raise forms.ValidationError(
                _("登录失败次数过多，请 %(minutes)s 分钟后再试。")
                % {"minutes": settings.LOGIN_LOCK_MINUTES},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.record_failure(username, address)
            raise
        throttle.clear_failures(username, address)
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


# -- user management ---------------------------------------------------------------------------


@login_required
def user_list(request):
    """Every account the viewer may see; the administrator adds and changes them here."""
    users = scope(
        User.objects.select_related("department").order_by("-is_active", "role", "username"),
        request.user,
        "view",
    )
    return render(
        request,
        "accounts/users.html",
        {"users": users, "can_manage": may_manage_users(request.user)},
    )


@login_required
def user_create(request):
    if not may_manage_users(request.user):
        raise PermissionDenied(_("只有系统管理员可以管理用户。"))
    form = UserForm(request.POST or None, editor=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_form(request, form, reason=form.cleaned_data.get("reason") or _("新建账号"))
    ):
        messages.success(request, _("已新建账号 %(name)s。") % {"name": form.instance})
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "account": None})


@login_required
def user_edit(request, pk: int):
    account = get_visible(User.objects.select_related("department"), request.user, pk=pk)
    require(request.user, "change", account)
    form = UserForm(request.POST or None, instance=account, editor=request.user)
    if request.method == "POST" and form.is_valid() and save_form(request, form):
        messages.success(request, _("已保存。"))
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "account": account})


@login_required
@require_POST
def user_active(request, pk: int):
    """Deactivate (or reactivate) an account: it can no longer sign in, its history stays."""
    account = get_visible(User.objects.all(), request.user, pk=pk)
    require(request.user, "change", account)
    active = request.POST.get("active") == "1"
    if account.pk == request.user.pk and not active:
        messages.error(request, _("不能停用自己的账号。"))
        return redirect("accounts:user_edit", pk=account.pk)
    version = request.POST.get("version", "")
    if not active:
        go, _reason, error = confirmed_reason(request)
        if not go:
            return confirm_page(
                request,
                title=_("停用账号"),
                what=_("将停用账号“%(name)s”：不能再登录，其填报、审核和变更记录全部保留。")
                % {"name": account},
                back=reverse("accounts:user_edit", args=[account.pk]),
                keep={"active": "0", "version": version},
                error=error,
            )
    account.is_active = active
    try:
        save_tracked(
            account,
            user=request.user,
            reason=request.POST.get("reason", "")[:500] or (_("启用") if active else _("停用")),
            expected_version=int(version) if version.isdigit() else None,
        )
    except EditConflict as exc:
        messages.error(request, str(exc))
        return redirect("accounts:user_edit", pk=account.pk)
    messages.success(request, _("已启用账号。") if active else _("已停用账号，其变更记录保留。"))
    return redirect("accounts:users")
