"""The moderation queue: a coordinator decides which public comments are shown."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.web.history.models import Action
from planwatch.web.history.services import save_tracked
from planwatch.web.portal.choices import FeedbackStatus
from planwatch.web.portal.models import Feedback
from planwatch.web.portal.rules import feedback_rule


def can_moderate(user) -> bool:
    return feedback_rule(user, "review") is True


def pending_for(user) -> int | None:
    """Comments waiting for ``user``'s decision; None if ``user`` does not moderate."""
    if not can_moderate(user):
        return None
    return Feedback.objects.restrict(user, "review").filter(status=FeedbackStatus.PENDING).count()


def decide(
    user, feedback: Feedback, status: str, *, note: str = "", expected_version: int | None = None
) -> Feedback:
    """Approve (show) or reject (never show) a comment; the decision is logged and attributed.

    Any public text with the same moderation fields (a survey's free-text answer) is decided
    the same way, under its own model's "review" rule.
    """
    if status not in (FeedbackStatus.APPROVED, FeedbackStatus.REJECTED):
        raise ValueError(f"not a moderation decision: {status!r}")
    if not type(feedback).objects.restrict(user, "review").filter(pk=feedback.pk).exists():
        raise PermissionDenied(_("您不能审核公众评价。"))
    feedback.status = status
    feedback.moderated_by, feedback.moderated_at = user, timezone.now()
    feedback.moderation_note = (note or "").strip()[:300]
    action = Action.APPROVE if status == FeedbackStatus.APPROVED else Action.UPDATE
    return save_tracked(
        feedback,
        user=user,
        reason=feedback.moderation_note,
        action=action,
        expected_version=expected_version,
    )
