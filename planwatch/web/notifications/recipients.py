"""Who is told: the reporters of a department, and the coordinators of the plan."""

from __future__ import annotations

from collections.abc import Iterable

from planwatch.web.accounts.models import User
from planwatch.web.core.roles import Role


def reporters_of(department_ids: Iterable[int]) -> list[User]:
    ids = {d for d in department_ids if d is not None}
    if not ids:
        return []
    rows = User.objects.filter(is_active=True, role=Role.REPORTER, department_id__in=ids)
    return list(rows.order_by("pk"))


def coordinators() -> list[User]:
    """The coordinators (规划牵头部门); the administrators where there is none yet."""
    active = User.objects.filter(is_active=True).order_by("pk")
    found = list(active.filter(role=Role.COORDINATOR))
    return found or list(active.filter(role=Role.ADMINISTRATOR))
