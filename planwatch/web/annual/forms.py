from django.utils.translation import gettext_lazy as _

from planwatch.web.core.forms import NumberField, VersionedForm
from planwatch.web.reporting.models import AnnualTarget, ShareFigure, TargetShare


class AnnualTargetForm(VersionedForm):
    """The coordinator's edit of one year's target; an edit sends it back for confirmation."""

    value = NumberField(label=_("年度目标值"))

    class Meta:
        model = AnnualTarget
        fields = ("value", "comparator", "source")


class ShareFigureForm(VersionedForm):
    value = NumberField(label=_("数值"))

    class Meta:
        model = ShareFigure
        fields = ("value", "source")


class TargetShareForm(VersionedForm):
    """The coordinator's split of an item: who holds the part, its baseline, target, weight."""

    baseline = NumberField(label=_("基期值"), required=False)
    target = NumberField(label=_("目标值"), required=False)
    weight = NumberField(
        label=_("权重"),
        required=False,
        help_text=_("按权重汇总的指标（比重、强度、增速）必填"),
    )

    class Meta:
        model = TargetShare
        fields = (
            "holder_kind",
            "holder_name",
            "department",
            "baseline",
            "target",
            "weight",
            "note",
        )
