"""Forms of the supervision pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.assess import scorecard as core
from planwatch.web.core.forms import NumberField, VersionedForm
from planwatch.web.core.uploads import WORKBOOK_KINDS, read_upload
from planwatch.web.reporting.choices import Progress
from planwatch.web.supervision.models import Policy, ScoreAdjustment


class PolicyForm(VersionedForm):
    class Meta:
        model = Policy
        fields = (
            "title",
            "document_number",
            "department",
            "issued_on",
            "status",
            "tasks",
            "items",
            "summary",
        )
        widgets = {  # noqa: RUF012
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tasks": forms.SelectMultiple(attrs={"size": 8}),
            "items": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["tasks"].queryset = plan.tasks.all()
        self.fields["items"].queryset = plan.items.all()


class PolicyReportForm(forms.Form):
    progress = forms.ChoiceField(label=_("落实状态"), choices=Progress.choices)
    narrative = forms.CharField(
        label=_("落实情况"), max_length=5000, widget=forms.Textarea, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=500)


class PolicyWorkbookForm(forms.Form):
    file = forms.FileField(label=_("政策措施登记表（.xlsx）"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.data_bytes, _kind = read_upload(uploaded, WORKBOOK_KINDS)
        return uploaded


class WeightsForm(forms.Form):
    """One number per registered component, and the reason the coordinator documents."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("设定理由"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("说明为什么这样设定权重；将随考核结果一并公开给各部门。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for component in core.COMPONENTS.values():
            self.fields[f"w_{component.code}"] = forms.FloatField(
                label=component.label_zh, min_value=0, max_value=1000
            )

    def clean(self):
        data = super().clean()
        weights = {c: data.get(f"w_{c}") for c in core.COMPONENTS}
        if all(v is not None for v in weights.values()) and not any(weights.values()):
            raise forms.ValidationError(_("权重不能全部为0。"))
        data["weights"] = weights
        return data


class AdjustmentForm(VersionedForm):
    points = NumberField(label=_("加减分"), help_text=_("正数加分，负数减分，−100 至 100。"))
    reason = forms.CharField(label=_("理由"), max_length=2000, widget=forms.Textarea)

    class Meta:
        model = ScoreAdjustment
        fields = ("department", "points", "reason")

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points is None or not -100 <= points <= 100:
            raise forms.ValidationError(_("加减分应在 −100 至 100 之间。"))
        return points
