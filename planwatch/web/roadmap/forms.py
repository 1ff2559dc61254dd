"""Forms of the roadmap pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.forms import NumberField, VersionedForm
from planwatch.web.core.uploads import WORKBOOK_KINDS, read_upload
from planwatch.web.roadmap.choices import MilestoneState
from planwatch.web.roadmap.models import Milestone

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MilestoneForm(VersionedForm):
    class Meta:
        model = Milestone
        fields = ("what", "due", "evidence")
        widgets = {"due": DATE}  # noqa: RUF012


class RemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("删除原因"), max_length=500)


class MilestoneReportForm(forms.Form):
    state = forms.ChoiceField(label=_("节点状态"), choices=MilestoneState.choices)
    done_on = forms.DateField(label=_("完成日期"), required=False, widget=DATE)
    note = forms.CharField(
        label=_("进展说明"), required=False, max_length=2000, widget=forms.Textarea
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=500)


class ProjectReportForm(forms.Form):
    year_invested = NumberField(label=_("本年完成投资（亿元）"), required=False)
    cumulative_invested = NumberField(label=_("累计完成投资（亿元）"), required=False)
    actual_start = forms.DateField(label=_("实际开工"), required=False, widget=DATE)
    actual_finish = forms.DateField(label=_("实际竣工"), required=False, widget=DATE)
    is_late = forms.BooleanField(label=_("进度滞后"), required=False)
    note = forms.CharField(
        label=_("进展说明"), required=False, max_length=2000, widget=forms.Textarea
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=500)


class RegisterForm(forms.Form):
    file = forms.FileField(label=_("重大项目库（.xlsx）"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.data_bytes, _kind = read_upload(uploaded, WORKBOOK_KINDS)
        return uploaded
