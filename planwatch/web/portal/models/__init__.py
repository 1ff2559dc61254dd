"""Portal models, re-exported."""

from planwatch.web.portal.models.branding import PortalBranding
from planwatch.web.portal.models.feedback import Feedback
from planwatch.web.portal.models.metadata import ItemMetadata

__all__ = ["Feedback", "ItemMetadata", "PortalBranding"]
