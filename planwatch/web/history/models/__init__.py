"""Change log models, re-exported."""

from planwatch.web.history.models.change import Action, ChangeRecord
from planwatch.web.history.models.revision import Revision

__all__ = ["Action", "ChangeRecord", "Revision"]
