from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.plans.models.plan import Plan


class OutlineUpload(models.Model):
    """An outline uploaded for import that needs OCR (a scan, an image): read in the background
    worker (plans.tasks.read_outline_upload), its progress shown while it runs.

    The file is kept afterwards: the import review cuts each low-confidence cell out of it
    (``ocr.crop``) to show beside the value read.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队等待")
        RUNNING = "running", _("正在识别")
        DONE = "done", _("已完成")
        FAILED = "failed", _("未能读取")

    name = models.CharField(_("文件名"), max_length=255)
    data = models.BinaryField(_("文件内容"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    #: Pages (or images) read so far, out of how many (0 of 0 until the reading starts).
    done = models.PositiveIntegerField(_("已识别页数"), default=0)
    total = models.PositiveIntegerField(_("总页数"), default=0)
    #: Why the reading failed, in both languages ({"zh": …, "en": …}).
    error = models.JSONField(_("失败原因"), null=True, blank=True)
    plan = models.ForeignKey(Plan, models.SET_NULL, null=True, blank=True, related_name="uploads")

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("待识别的纲要")
        verbose_name_plural = _("待识别的纲要")

    def __str__(self) -> str:
        return self.name

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
