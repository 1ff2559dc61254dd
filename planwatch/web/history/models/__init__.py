"""Change log models, re-exported."""

from planwatch.web.history.models.change import Action, ChangeRecord

__all__ = ["Action", "ChangeRecord"]
