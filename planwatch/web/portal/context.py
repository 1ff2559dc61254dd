"""Template context from the portal: how many public comments wait for this user's moderation.

Pages of other apps (the dashboard) show the count without importing the portal: the value is
computed only when a template reads ``moderation``, once per request.
"""

from __future__ import annotations

from functools import cache

from planwatch.web.portal.moderation import pending_for


def moderation(request) -> dict:
    user = getattr(request, "user", None)
    return {"moderation": cache(lambda: pending_for(user))}
