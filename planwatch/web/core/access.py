"""View helpers: fetch a row through the access rules, or answer 404 / 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from planwatch.web.core.rules import allowed, role_of, scope


def get_visible(queryset, user, **lookup):
    """The row if the user may see it; 404 otherwise (a forbidden row does not exist for them)."""
    obj = scope(queryset.filter(**lookup), user, "view").first()
    if obj is None:
        raise Http404
    return obj


def require(user, action: str, obj) -> None:
    if not allowed(user, action, obj):
        raise PermissionDenied


def require_role(user, roles) -> None:
    if role_of(user) not in roles:
        raise PermissionDenied
