"""Template context every page needs: the demo-data banner and the user's role."""

from __future__ import annotations

from planwatch.web.core.rules import may_manage_users
from planwatch.web.plans.models import Plan


def site(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "demo_data_loaded": demo_data_loaded(request),
        "user_role": getattr(user, "role", None) if user and user.is_authenticated else None,
        "can_manage_users": may_manage_users(user),
    }


def demo_data_loaded(request) -> bool:
    """Whether a demo plan is loaded, asked once per request (a page renders several templates)."""
    loaded = getattr(request, "_demo_data_loaded", None)
    if loaded is None:
        loaded = request._demo_data_loaded = Plan.objects.filter(is_demo=True).exists()
    return loaded
