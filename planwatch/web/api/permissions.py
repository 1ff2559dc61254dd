"""API permissions: the access rules of core.rules, never a policy of the API's own.

Reads need no check here because every queryset is ``restrict(user, "view")``-ed; a row the
caller may not see is a 404. Writes need a signed-in caller, and on an existing record the
rule's answer for the action the endpoint performs.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from planwatch.web.core.rules import allowed

#: Refusal messages per rule action, so the client learns why rather than just "403".
REFUSALS = {
    "change": _("您不能修改这条数据（已报送、已审核或轮次已关闭）。"),
    "submit": _("您不能报送这条数据（不是本部门的草稿，或轮次已关闭）。"),
    "review": _("您不能审核这条数据（仅审核人可审核已报送的数据）。"),
}


class FollowsAccessRules(BasePermission):
    """Anonymous callers read; writes need a user and, per object, ``allowed(user, action)``.

    A view names the rule action of each of its write actions in ``rule_actions``
    (e.g. ``{"partial_update": "change", "approve": "review"}``).
    """

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        action = getattr(view, "rule_actions", {}).get(view.action, "change")
        if allowed(request.user, action, obj):
            return True
        self.message = REFUSALS.get(action, REFUSALS["change"])
        return False
