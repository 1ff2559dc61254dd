"""Forms of the reporting pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.forms import NumberField, VersionedForm, number_or_error
from planwatch.web.core.uploads import EVIDENCE_KINDS, WORKBOOK_KINDS, read_upload
from planwatch.web.plans.choices import Basis
from planwatch.web.reporting.choices import Progress
from planwatch.web.reporting.models import (
    KeyProject,
    ManualVerdict,
    ReferenceFigure,
    ReferenceKind,
    ReportingRound,
)


class ObservationForm(forms.Form):
    value = forms.CharField(label=_("数值"), max_length=40, help_text=_("只填数字，不带单位。"))
    unit = forms.CharField(label=_("单位"), required=False, max_length=40)
    source = forms.CharField(label=_("数据来源"), required=False, max_length=300)
    note = forms.CharField(label=_("说明"), required=False, max_length=2000, widget=forms.Textarea)
    basis = forms.ChoiceField(label=_("口径"), choices=Basis.choices, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("修改原因"),
        required=False,
        max_length=500,
        help_text=_("修改已审核的数据时必填。"),
    )
    #: Hidden until the workflow asks to confirm an unusual jump (ask_confirmation).
    confirmed = forms.BooleanField(
        label=_("确认数值无误"), required=False, widget=forms.HiddenInput
    )

    def ask_confirmation(self) -> None:
        """Show the 确认数值无误 checkbox (after the workflow refused an unconfirmed jump)."""
        self.fields["confirmed"].widget = forms.CheckboxInput()

    def clean(self):
        data = super().clean()
        if "value" in data:
            try:
                data["value"] = number_or_error(data["value"], unit=data.get("unit"))
            except ValidationError as exc:
                self.add_error("value", exc)
        return data


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label=_("推进状态"), choices=Progress.choices)
    percent = forms.IntegerField(label=_("完成比例（%）"), min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("进展情况"), max_length=5000, widget=forms.Textarea, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=500)


class EvidenceForm(forms.Form):
    #: It shares a <form> with the progress fields: 保存草稿 must not need a file.
    use_required_attribute = False

    file = forms.FileField(
        label=_("佐证材料"), help_text=_("PDF、图片（PNG/JPEG）、Word 或 Excel 文件。")
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.data_bytes, self.kind = read_upload(uploaded, EVIDENCE_KINDS)
        return uploaded


class WorkbookForm(forms.Form):
    file = forms.FileField(label=_("填报模板（.xlsx）"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.data_bytes, _kind = read_upload(uploaded, WORKBOOK_KINDS)
        return uploaded


class RoundForm(VersionedForm):
    class Meta:
        model = ReportingRound
        fields = ("name", "year", "period", "opens_on", "deadline", "status", "is_published")
        widgets = {  # noqa: RUF012
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核结果"), choices=(("approve", _("审核通过")), ("return", _("退回修改")))
    )
    comment = forms.CharField(
        label=_("统一审核意见"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("各行未填意见时使用；退回时每条都须有意见。"),
    )


class VerdictForm(VersionedForm):
    class Meta:
        model = ManualVerdict
        fields = ("status", "reason")
        widgets = {"reason": forms.Textarea}  # noqa: RUF012


class ReferenceFigureForm(VersionedForm):
    """An outside reference figure, or a range's bounds, for one year or the whole period."""

    value = NumberField(label=_("参照值"), required=False)
    low = NumberField(label=_("区间下限"), required=False)
    high = NumberField(label=_("区间上限"), required=False)

    class Meta:
        model = ReferenceFigure
        fields = ("value", "low", "high", "source")

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        unused = ("low", "high") if kind == ReferenceKind.REFERENCE else ("value",)
        for name in unused:
            del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if self.kind == ReferenceKind.REFERENCE:
            if cleaned.get("value") is None and "value" not in self.errors:
                self.add_error("value", _("请填写参照值。"))
            return cleaned
        low, high = cleaned.get("low"), cleaned.get("high")
        if low is None and high is None and not self.errors:
            raise ValidationError(_("请至少填写区间下限或上限。"))
        if low is not None and high is not None and low > high:
            self.add_error("high", _("区间上限不能低于下限。"))
        return cleaned


class KeyProjectForm(VersionedForm):
    investment = NumberField(label=_("计划总投资（亿元）"), required=False)
    invested = NumberField(label=_("累计完成投资（亿元）"), required=False)

    class Meta:
        model = KeyProject
        fields = (
            "code",
            "name",
            "task",
            "department",
            "investment",
            "invested",
            "planned_start",
            "planned_finish",
            "actual_start",
            "actual_finish",
            "percent",
            "progress",
            "note",
        )
        widgets = {  # noqa: RUF012
            f: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for f in ("planned_start", "planned_finish", "actual_start", "actual_finish")
        }
