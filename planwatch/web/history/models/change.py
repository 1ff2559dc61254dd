import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    RESTORE = "restore", _("恢复")
    SUBMIT = "submit", _("报送")
    RETURN = "return", _("退回")
    APPROVE = "approve", _("审核通过")
    IMPORT = "import", _("导入")


class ChangeRecord(models.Model):
    """One change to one record: who, when, before and after (JSON), and why.

    Never edited or deleted. ``parent`` lets a child's change show on its parent's history
    (an observation's on its item, an assignment's on its task).
    """

    content_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("对象"), max_length=300)
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    changed_fields = models.JSONField(_("变更字段"), default=list, blank=True)
    reason = models.TextField(_("原因"), blank=True)
    request_id = models.UUIDField(_("请求编号"), null=True, blank=True)
    parent_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent_id = models.PositiveBigIntegerField(null=True, blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("规划"),
    )

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("变更记录")
        verbose_name_plural = _("变更记录")
        indexes = (
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["parent_type", "parent_id"]),
        )

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def delete(self, *args, **kwargs):
        raise TypeError("the change log is append-only")

    @property
    def before_changed(self) -> str:
        """The changed fields' old values, as readable JSON."""
        return _changed_json(self.before, self.changed_fields)

    @property
    def after_changed(self) -> str:
        return _changed_json(self.after, self.changed_fields)


def _changed_json(values: dict | None, keys: list[str]) -> str:
    if values is None:
        return ""
    return json.dumps({k: values.get(k) for k in keys}, ensure_ascii=False, indent=1)
