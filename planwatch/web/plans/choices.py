"""Choice sets of the plan models; codes match planwatch.outline.model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NodeLevel(models.TextChoices):
    CHAPTER = "chapter", _("章")
    SECTION = "section", _("节")
    SUBSECTION = "subsection", _("目")
    ITEM = "item", _("条")


class ItemKind(models.TextChoices):
    INDICATOR = "indicator", _("主要指标")
    TARGET = "target", _("文中目标")


class Attribute(models.TextChoices):
    ANTICIPATORY = "anticipatory", _("预期性")
    BINDING = "binding", _("约束性")


class Direction(models.TextChoices):
    INCREASE = "increase", _("越大越好")
    DECREASE = "decrease", _("越小越好")


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    LE = "<=", "≤"
    GT = ">", ">"
    LT = "<", "<"
    EQ = "=", "="
    ABOUT = "~", _("左右")


class TargetKind(models.TextChoices):
    LEVEL = "level", _("达到水平")
    INCREMENT = "increment", _("新增")
    COVERAGE = "coverage", _("全覆盖")
    RANK = "rank", _("排名")
    COUNT = "count", _("数量")
    MULTIPLE = "multiple", _("倍增")


class Path(models.TextChoices):
    LINEAR = "linear", _("线性")
    GEOMETRIC = "geometric", _("几何（复合增长）")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    SUPPORT = "support", _("配合")


class Basis(models.TextChoices):
    """Whether a figure is the year's own (当年) or the total since the base year (累计);
    the codes are planwatch.assess.model.Observation.basis'."""

    ANNUAL = "annual", _("当年")
    CUMULATIVE = "cumulative", _("累计")
