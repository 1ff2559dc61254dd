"""Sign-in with throttling; sign-out."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from planwatch.web.accounts import throttle


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
