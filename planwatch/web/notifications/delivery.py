"""Writing a notice once and sending its e-mail once, however many workers try.

``deliver`` inserts the notice under its unique key or, when a row with that key exists,
skips: the insert is the claim. Only the worker whose insert won goes on to the e-mail, and
that too is claimed (``emailed_at`` set by one conditional UPDATE) before it is sent.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from planwatch.web.notifications.models import Notification, Preference
from planwatch.web.notifications.texts import render

logger = logging.getLogger(__name__)


def wanted(user, kind: str) -> tuple[bool, bool]:
    """(inbox, e-mail) for ``user`` and ``kind``; both unless the user said otherwise."""
    pref = Preference.objects.filter(user=user, kind=kind).first()
    return (True, True) if pref is None else (pref.inbox, pref.email)


def deliver(user, kind: str, key: str, params: dict, url: str = "") -> Notification | None:
    """The new notice, or None when it was delivered before (or the user wants none)."""
    inbox, email = wanted(user, kind)
    if not (inbox or email):
        return None
    if Notification.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            notice = Notification.objects.create(
                recipient=user,
                kind=kind,
                key=key,
                params=params,
                url=url,
                in_inbox=inbox,
                wants_email=email and bool(user.email),
            )
    except IntegrityError:  # another worker's insert of the same key won
        return None
    if notice.wants_email:
        send_email(notice)
    return notice


def send_email(notice: Notification) -> bool:
    """Send the notice's e-mail unless another worker already claimed it."""
    claimed = Notification.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    title, body = render(notice.kind, notice.params, settings.LANGUAGE_CODE)
    link = f"{settings.SITE_URL}{notice.url}" if notice.url else settings.SITE_URL + "/"
    settings_link = f"{settings.SITE_URL}/notifications/settings/"
    text = f"{body}\n\n{link}\n\n——\nplanwatch · 通知设置：{settings_link}\n"
    try:
        send_mail(
            settings.EMAIL_SUBJECT_PREFIX + title,
            text,
            None,
            [notice.recipient.email],
        )
    except Exception:  # the mail server is down: release the claim, ``remind`` retries
        Notification.objects.filter(pk=notice.pk).update(emailed_at=None)
        logger.exception("e-mail of notice %s could not be sent", notice.key)
        return False
    return True


def retry_unsent() -> int:
    """Send the e-mails that failed before (the mail server was down)."""
    sent = 0
    unsent = Notification.objects.filter(wants_email=True, emailed_at__isnull=True)
    for notice in unsent.select_related("recipient").order_by("pk")[:500]:
        sent += send_email(notice)
    return sent
