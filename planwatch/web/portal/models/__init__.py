"""Portal models, re-exported."""

from planwatch.web.portal.models.feedback import Feedback

__all__ = ["Feedback"]
