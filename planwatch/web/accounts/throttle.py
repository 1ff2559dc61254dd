"""Login throttling: too many failures for one username from one address lock that pair out."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from planwatch.web.accounts.models import LoginFailure


def client_address(request) -> str | None:
    """The client's address; behind the reverse proxy, the one nginx puts first."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR") if settings.HTTPS else None
    address = (forwarded.split(",")[0] if forwarded else request.META.get("REMOTE_ADDR")) or ""
    return address.strip() or None


def _key(username: str) -> str:
    """The name failures are counted under: as typed, without NUL (PostgreSQL refuses it)."""
    return username.replace("\x00", "").lower()[:150]


def _recent(username: str, address: str | None):
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    return LoginFailure.objects.filter(username=_key(username), address=address, at__gte=since)


def is_locked(username: str, address: str | None) -> bool:
    return _recent(username, address).count() >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=_key(username), address=address)
    # Failures older than a day say nothing about a lock-out any more.
    LoginFailure.objects.filter(at__lt=timezone.now() - dt.timedelta(days=1)).delete()


def clear_failures(username: str, address: str | None) -> None:
    LoginFailure.objects.filter(username=_key(username), address=address).delete()
