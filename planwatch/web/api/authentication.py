"""Session sign-in for the API with the CSRF refusal in the user's language.

DRF's SessionAuthentication answers "CSRF Failed: Origin checking failed - … does not match
any trusted origins." in English whatever the page's language; the check itself is Django's and
stays exactly as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme as SpectacularSessionScheme
from rest_framework import authentication, exceptions


class SessionAuthentication(authentication.SessionAuthentication):
    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as refusal:
            reason = str(refusal.detail)
            if "Origin checking failed" in reason or "Referer checking failed" in reason:
                message = _(
                    "请求来自本站以外的页面，已拒绝（CSRF 校验失败）。请从本站页面重新操作。"
                )
            else:
                message = _("页面已过期（CSRF 安全令牌缺失或失效）。请刷新页面后重试。")
            raise exceptions.PermissionDenied(message) from None


class SessionScheme(SpectacularSessionScheme):
    """The schema describes this class as DRF's own session sign-in (cookieAuth)."""

    target_class = "planwatch.web.api.authentication.SessionAuthentication"
