"""Account models, re-exported."""

from planwatch.web.accounts.models.login import LoginFailure
from planwatch.web.accounts.models.user import User

__all__ = ["LoginFailure", "User"]
