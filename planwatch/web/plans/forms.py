"""Forms of the plan pages (edit forms are core.forms.VersionedForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.forms import ReadableBlank, VersionedForm
from planwatch.web.core.uploads import OUTLINE_KINDS, read_upload
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Department, MeasurableItem, Node, Plan, Task


class OutlineUploadForm(forms.Form):
    file = forms.FileField(
        label=_("规划纲要文件"),
        help_text=_(
            "可接受 .txt（UTF-8 或 GB18030）、.docx、.html、.pdf；扫描件 PDF 和图片"
            "（.png、.jpg）在后台进行文字识别。"
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        data, kind = read_upload(uploaded, OUTLINE_KINDS)
        self.data_bytes, self.kind = data, kind
        return uploaded


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = (
            "title",
            "short_title",
            "document_number",
            "issuer",
            "base_year",
            "target_year",
            "issued_on",
            "published_on",
        )
        widgets = {  # noqa: RUF012
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        base, target = data.get("base_year"), data.get("target_year")
        if base and target and target <= base:
            self.add_error("target_year", _("目标年须晚于基期年。"))
        return data


ITEM_REVIEW_FIELDS = (
    "name",
    "unit",
    "category",
    "attribute",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "target_comparator",
)


class ItemReviewForm(VersionedForm):
    """One row of the review table: the fields a parse most often gets wrong."""

    reason = None

    class Meta:
        model = MeasurableItem
        fields = ITEM_REVIEW_FIELDS


class ItemForm(VersionedForm):
    class Meta:
        model = MeasurableItem
        fields = (
            *ITEM_REVIEW_FIELDS,
            "baseline_text",
            "target_text",
            "growth_value",
            "growth_comparator",
            "growth_text",
            "cumulative_value",
            "cumulative_comparator",
            "cumulative_text",
            "target_kind",
            "path_override",
            "later_target_value",
            "later_target_comparator",
            "later_target_year",
            "later_target_note",
        )


class AssignmentForm(ReadableBlank, forms.Form):
    """Assign many items and tasks to one department in one go."""

    department = forms.ModelChoiceField(Department.objects.all(), label=_("部门"))
    role = forms.ChoiceField(choices=AssignmentRole.choices, label=_("分工"))
    items = forms.ModelMultipleChoiceField(
        MeasurableItem.objects.none(),
        required=False,
        label=_("指标"),
        widget=forms.CheckboxSelectMultiple,
    )
    tasks = forms.ModelMultipleChoiceField(
        Task.objects.none(),
        required=False,
        label=_("任务"),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)
    #: Shown once a second lead was refused: confirms turning the old lead into support.
    replace_lead = forms.BooleanField(
        label=_("将原牵头部门改为配合"), required=False, widget=forms.HiddenInput
    )
    join_open_rounds = forms.BooleanField(
        label=_("也加入当前轮次"),
        required=False,
        help_text=_("已开启的轮次在开启时确定了各部门的事项；不勾选时，新分工从下一轮次起计入。"),
    )

    def __init__(self, plan: Plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = MeasurableItem.objects.filter(plan=plan)
        self.fields["tasks"].queryset = Task.objects.filter(plan=plan)

    def offer_replace_lead(self) -> None:
        """Show the 将原牵头部门改为配合 checkbox (after a second lead was refused)."""
        self.fields["replace_lead"].widget = forms.CheckboxInput()

    def clean(self):
        data = super().clean()
        if not data.get("items") and not data.get("tasks"):
            raise forms.ValidationError(_("请至少选择一个指标或任务。"))
        return data


class DepartmentForm(VersionedForm):
    class Meta:
        model = Department
        fields = ("name", "short_name", "is_coordinator")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Department.objects.filter(name=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("已有同名部门。"))
        return name


class TaskForm(VersionedForm):
    class Meta:
        model = Task
        fields = ("title", "text")


class NodeForm(VersionedForm):
    """A heading of the outline: its title and text. Its number stays, since prose targets'
    locations and the dashboards' chapter filters refer to it."""

    class Meta:
        model = Node
        fields = ("title", "text")
