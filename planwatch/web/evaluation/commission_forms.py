"""Forms of third-party evaluation: the commission (coordinator), a verdict (evaluator)."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planwatch.assess.status import STATUSES
from planwatch.web.accounts.models import User
from planwatch.web.core.forms import VersionedForm
from planwatch.web.core.roles import Role
from planwatch.web.core.uploads import DOCX, EVIDENCE_KINDS, PDF, read_upload
from planwatch.web.evaluation import scope as scopes
from planwatch.web.evaluation.models import Commission, ThirdPartyVerdict
from planwatch.web.reporting.choices import Progress


class CommissionForm(VersionedForm):
    evaluators = forms.ModelMultipleChoiceField(
        User.objects.none(),
        label=_("评估人员"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("角色为“第三方评估”的账号。"),
    )

    class Meta:
        model = Commission
        fields = ("title", "agency", "year", "due_on", "scope")
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}  # noqa: RUF012
        help_texts = {  # noqa: RUF012
            "scope": _(
                "章（如“第二章”）、指标编码（如“I5”）或任务编码（如“M12”），以空格分隔；"
                "留空为规划全文。"
            ),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["evaluators"].queryset = User.objects.filter(
            role=Role.EVALUATOR, is_active=True
        ).order_by("username")
        if self.instance.pk and not self.is_bound:
            self.initial["evaluators"] = [e.user_id for e in self.instance.evaluators.all()]

    def clean_scope(self) -> str:
        text = self.cleaned_data.get("scope") or ""
        scopes.resolve(self.plan, text)  # a ValidationError names the unknown words
        return text.strip()

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        first, last = self.plan.base_year, self.plan.target_year
        if first and last and not first < year <= last:
            raise forms.ValidationError(
                _("评估年份应在规划期 %(first)s–%(last)s 年内。")
                % {"first": first + 1, "last": last}
            )
        return year


class VerdictForm(VersionedForm):
    class Meta:
        model = ThirdPartyVerdict
        fields = ("grade", "comment")
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}  # noqa: RUF012

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        choices = (
            [(s.code, s.label(get_language() or "zh-hans")) for s in STATUSES]
            if kind == "item"
            else Progress.choices
        )
        self.fields["grade"] = forms.ChoiceField(label=_("评估结论"), choices=choices)


class FileForm(forms.Form):
    """A file the evaluator uploads, through the same checks as departments' evidence."""

    title = forms.CharField(label=_("说明"), max_length=200, required=False)
    file = forms.FileField(label=_("文件"))

    kinds = None  # evidence kinds unless a subclass narrows them

    def clean_file(self):
        from_kinds = self.kinds or EVIDENCE_KINDS
        uploaded = self.cleaned_data["file"]
        self.data_bytes, self.kind = read_upload(uploaded, from_kinds)
        return uploaded


class FinalReportForm(FileForm):
    """The final report: a Word or PDF document."""

    kinds = (DOCX, PDF)
