from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.plans.choices import NodeLevel


class Plan(Tracked):
    """A plan outline as stored and corrected by the coordinator; several live side by side."""

    title = models.CharField(_("标题"), max_length=300)
    short_title = models.CharField(_("简称"), max_length=100, blank=True)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=200, blank=True)
    base_year = models.PositiveSmallIntegerField(_("基期年"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("目标年"), null=True, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_on = models.DateField(_("发文日期"), null=True, blank=True)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    #: The notes under the main indicator table as printed (``〔〕内为五年累计数``), one each.
    indicator_notes = models.JSONField(_("指标表注"), default=list, blank=True)
    #: The parse result as first read (``Plan.to_dict()``), kept for reference; the rows below
    #: are what counts once the coordinator has corrected them.
    source_json = models.JSONField(_("解析原始结果"), null=True, blank=True, editable=False)
    #: Set when the coordinator has reviewed the parse result and saved it; until then the
    #: plan is a draft that only managers see.
    confirmed_at = models.DateTimeField(_("校核确认时间"), null=True, blank=True)
    is_published = models.BooleanField(_("已公开"), default=False)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("-target_year", "title")
        verbose_name = _("规划")
        verbose_name_plural = _("规划")

    def __str__(self) -> str:
        return self.short_title or self.title

    def history_plan_id(self) -> int | None:
        return self.pk


class Node(Tracked):
    """A heading of the outline: chapter, section, subsection or item, in document order."""

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="nodes", verbose_name=_("规划"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.CharField(_("层级"), max_length=12, choices=NodeLevel.choices)
    number = models.CharField(_("编号"), max_length=20)
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("正文"), blank=True)
    part = models.CharField(_("篇"), max_length=40, blank=True)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ("plan", "order")
        verbose_name = _("章节")
        verbose_name_plural = _("章节")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def history_parent(self):
        return self.plan


class Task(Tracked):
    """A measure opened by a lead phrase (``M1``…); what departments are assigned and report on."""

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="tasks", verbose_name=_("规划"))
    node = models.ForeignKey(Node, models.PROTECT, related_name="tasks", verbose_name=_("所在章节"))
    #: The chapter the task sits in, for per-chapter roll-ups without walking the tree.
    chapter = models.ForeignKey(
        Node, models.PROTECT, related_name="chapter_tasks", verbose_name=_("所在章")
    )
    code = models.CharField(_("编码"), max_length=20)
    title = models.CharField(_("任务"), max_length=300)
    text = models.TextField(_("内容"), blank=True)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ("plan", "order")
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        constraints = (unique_alive("plan", "code", name="task_code_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def history_parent(self):
        return self.plan
