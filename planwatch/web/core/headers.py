"""Response headers Django does not set by itself: Permissions-Policy (settings.PERMISSIONS_POLICY).

Content-Security-Policy comes from django-csp; Referrer-Policy and X-Content-Type-Options from
Django's SecurityMiddleware.
"""

from __future__ import annotations

from django.conf import settings


class PermissionsPolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response
