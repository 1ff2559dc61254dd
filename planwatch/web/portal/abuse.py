"""Keeping the public feedback form usable for people and useless for robots.

Four checks, cheapest first: a size limit on the request, a honeypot field people never see,
a signed arithmetic question that must be answered no sooner than a person could and no later
than a page stays open, and a limit on how many comments one address may send per hour and per
day. Counts live in the database, so every server process sees the same numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.web.portal.models import Feedback

SALT = "planwatch.portal.feedback"

#: A request body larger than this is refused before it is parsed (bytes).
MAX_BODY_BYTES = 16 * 1024
#: Comments with more links than this are refused: they are almost always advertising.
MAX_LINKS = 2
#: Name of the hidden field only robots fill in.
HONEYPOT = "website"


def limits() -> tuple[int, int, int, int]:
    """(per hour, per day, minimum seconds to answer, maximum seconds a form stays valid)."""
    return (
        getattr(settings, "FEEDBACK_PER_HOUR", 5),
        getattr(settings, "FEEDBACK_PER_DAY", 20),
        getattr(settings, "FEEDBACK_MIN_SECONDS", 3),
        getattr(settings, "FEEDBACK_MAX_AGE_SECONDS", 2 * 3600),
    )


@dataclass(frozen=True)
class Challenge:
    a: int
    b: int
    issued: int  # seconds since the epoch
    token: str

    @property
    def question(self) -> str:
        return _("请计算：%(a)s 加 %(b)s 等于几？") % {"a": self.a, "b": self.b}


@dataclass(frozen=True)
class Shown:
    """What a form shows of a challenge: its question and signed token (or their placeholders,
    when the page is stored for every visitor, see ``core.responses``)."""

    question: str
    token: str


def new_challenge(now: float | None = None) -> Challenge:
    a, b = 1 + secrets.randbelow(9), 1 + secrets.randbelow(9)
    issued = int(now if now is not None else time.time())
    token = signing.dumps({"a": a, "b": b, "t": issued, "n": secrets.token_hex(8)}, salt=SALT)
    return Challenge(a, b, issued, token)


class Refused(Exception):
    """The submission is refused; the message says why in words a person can act on."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def read_challenge(token: str) -> Challenge:
    try:
        data = signing.loads(token or "", salt=SALT)
        return Challenge(int(data["a"]), int(data["b"]), int(data["t"]), token)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Refused(_("表单已失效，请重新填写。")) from None


def check_answer(token: str, answer: int | None, now: float | None = None) -> str:
    """The digest of a correctly answered, timely challenge; otherwise :class:`Refused`."""
    challenge = read_challenge(token)
    now = now if now is not None else time.time()
    _per_hour, _per_day, min_seconds, max_age = limits()
    age = now - challenge.issued
    if age > max_age:
        raise Refused(_("页面打开时间过长，请重新填写。"))
    if age < min_seconds:
        raise Refused(_("提交过快，请稍候再提交。"))
    if answer != challenge.a + challenge.b:
        raise Refused(_("验证题答案不正确。"))
    return hashlib.sha256(token.encode()).hexdigest()


def check_rate(address: str | None, now: dt.datetime | None = None, *, sent=None) -> None:
    """Refuse once ``address`` has sent its share of comments this hour or today.

    ``sent``: the records that count (default: feedback); other public forms (surveys) pass
    their own, each with an allowance of its own.
    """
    now = now or timezone.now()
    per_hour, per_day, _min, _max = limits()
    # Senders whose address is unknown share one allowance.
    sent = (Feedback.all_objects.all() if sent is None else sent).filter(
        **({"address": address} if address else {"address__isnull": True})
    )
    if sent.filter(created_at__gte=now - dt.timedelta(hours=1)).count() >= per_hour:
        raise Refused(_("提交次数过多，请一小时后再试。"), status=429)
    if sent.filter(created_at__gte=now - dt.timedelta(days=1)).count() >= per_day:
        raise Refused(_("今天的提交次数已达上限，请明天再试。"), status=429)


def too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_BODY_BYTES


def count_links(text: str) -> int:
    lowered = text.lower()
    return sum(lowered.count(mark) for mark in ("http://", "https://", "www."))
