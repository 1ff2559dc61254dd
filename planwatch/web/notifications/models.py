"""What was sent to whom (the inbox and the delivery log in one), and who wants what.

A notice's ``key`` names the event, the person and (for reminders) the day. It is unique, so a
notice is written once however many workers handle the same event: the second insert is
skipped (``delivery.deliver``), and only the worker whose insert won sends the e-mail.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.rules import scope
from planwatch.web.core.tracked import Tracked
from planwatch.web.notifications.choices import Kind


class NoticeQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        return scope(self, user, action)


class Notification(models.Model):
    """One notice to one person; ``params`` are rendered in the reader's language."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="notifications",
        verbose_name=_("收件人"),
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("投递标识"), max_length=200, unique=True)
    params = models.JSONField(_("内容参数"), default=dict)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    in_inbox = models.BooleanField(_("显示在通知中心"), default=True)
    wants_email = models.BooleanField(_("发送邮件"), default=False)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = (models.Index(fields=["recipient", "in_inbox", "read_at"]),)

    def __str__(self) -> str:
        return self.key


class Preference(Tracked):
    """Whether one person receives one kind of notice in the inbox and by e-mail.

    No row means both: nobody misses a notice for not having visited the settings page.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="notification_preferences",
        verbose_name=_("用户"),
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    inbox = models.BooleanField(_("通知中心"), default=True)
    email = models.BooleanField(_("电子邮件"), default=True)

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")
        constraints = (
            models.UniqueConstraint(fields=["user", "kind"], name="preference_unique_kind"),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


class CourseState(models.Model):
    """The last verdict seen on a binding indicator or key project: ``newly`` off course is a
    change from this. ``times_off`` counts the departures and names each one in the key."""

    plan = models.ForeignKey("plans.Plan", models.PROTECT, related_name="+")
    subject = models.CharField(max_length=60)  # "item:I3", "project:12"
    off_course = models.BooleanField(default=False)
    times_off = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=30, blank=True)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["plan", "subject"], name="course_state_unique"),
        )
