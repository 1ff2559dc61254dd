"""Request-rate limits of the API, per anonymous address and per signed-in user.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``PLANWATCH_API_ANON_RATE``,
``PLANWATCH_API_USER_RATE``), read on each request rather than once at import as DRF's own
classes do, so a changed setting takes effect. Counts live in the cache of each worker process.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _CurrentRate:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_CurrentRate, AnonRateThrottle):
    """Anonymous callers, by address."""


class UserThrottle(_CurrentRate, UserRateThrottle):
    """Signed-in callers (token or session), by user."""
