"""View helpers: fetch a row through the access rules, or answer 404 / 403 with a reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from planwatch.web.core.roles import Role
from planwatch.web.core.rules import allowed, role_of, scope


def get_visible(queryset, user, **lookup):
    """The row if the user may see it; 404 otherwise (a forbidden row does not exist for them)."""
    obj = scope(queryset.filter(**lookup), user, "view").first()
    if obj is None:
        raise Http404
    return obj


def require(user, action: str, obj, reason: str | None = None) -> None:
    """403 unless ``user`` may ``action`` ``obj``; the error page shows ``reason``."""
    if not allowed(user, action, obj):
        raise PermissionDenied(reason or refusal_of_change(obj))


def require_role(user, roles, reason: str | None = None) -> None:
    """403 unless the user plays one of ``roles``; the page names the roles that may."""
    if role_of(user) not in roles:
        raise PermissionDenied(reason or only_roles(roles))


def only_roles(roles) -> str:
    """“只有系统管理员、规划牵头部门可以进行此操作。” in the page's language."""
    names = [str(role.label) for role in Role if role in roles]
    return _("只有%(roles)s可以进行此操作。") % {"roles": _("、").join(names)}


def refusal_of_change(obj) -> str:
    return _("您不能修改此%(what)s：只有规划牵头部门或负责的部门可以修改。") % {
        "what": obj._meta.verbose_name
    }
