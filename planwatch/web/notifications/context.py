"""Template context: the signed-in user's unread notices, for the header of every page.

Computed only when a template reads ``inbox_unread``, once per request.
"""

from __future__ import annotations

from functools import cache

from planwatch.web.core.rules import role_of
from planwatch.web.notifications.models import Notification


def unread(user) -> int:
    if role_of(user) is None:
        return 0
    return Notification.objects.restrict(user, "view").filter(in_inbox=True, read_at=None).count()


def inbox(request) -> dict:
    user = getattr(request, "user", None)
    return {"inbox_unread": cache(lambda: unread(user))}
