from django.utils.translation import gettext_lazy as _

from planwatch.web.core.forms import NumberField, VersionedForm
from planwatch.web.reporting.models import AnnualTarget, ShareFigure


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
