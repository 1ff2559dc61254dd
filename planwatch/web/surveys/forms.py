"""The coordinator's builder forms, and the public answer form built from the questions.

The answer form carries the portal's protections (portal.abuse): the signed question, the
honeypot and the link limit; the view adds the rate limit and the one-use challenge.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.forms import VersionedForm
from planwatch.web.core.public_text import clean_text
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import Node
from planwatch.web.portal import abuse
from planwatch.web.portal.choices import Rating
from planwatch.web.surveys.models import TEXT_MAX, Question, QuestionKind, Survey


class SurveyForm(VersionedForm):
    class Meta:
        model = Survey
        fields = ("title", "intro", "opens_on", "closes_on", "is_published")
        widgets = {  # noqa: RUF012
            "intro": forms.Textarea(attrs={"rows": 3}),
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("截止日期不能早于开始日期。"))
        return cleaned


class QuestionForm(VersionedForm):
    class Meta:
        model = Question
        fields = ("order", "kind", "text", "chapter", "options", "required")
        widgets = {"options": forms.Textarea(attrs={"rows": 4})}  # noqa: RUF012
        help_texts = {  # noqa: RUF012
            "options": _("单选题、多选题：每行一个选项。"),
            "chapter": _("满意度题可选：针对规划的某一章。"),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = Node.objects.filter(plan=plan, level=NodeLevel.CHAPTER)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        lines = [x for x in (cleaned.get("options") or "").splitlines() if x.strip()]
        if kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE) and len(lines) < 2:
            self.add_error("options", _("选择题至少需要两个选项（每行一个）。"))
        if kind not in (QuestionKind.CHOICE, QuestionKind.MULTIPLE) and lines:
            self.add_error("options", _("只有单选题和多选题有选项。"))
        return cleaned


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    """One field per question, then the portal's challenge and honeypot."""

    def __init__(self, *args, questions, challenge: abuse.Challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            self.fields[field_name(q)] = self._field(q)
        self.fields["answer"] = forms.IntegerField(
            label=challenge.question,
            min_value=0,
            max_value=99,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
        self.fields["token"] = forms.CharField(widget=forms.HiddenInput)
        self.fields[abuse.HONEYPOT] = forms.CharField(
            label=_("请勿填写此项"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.initial["token"] = challenge.token

    @staticmethod
    def _field(q: Question) -> forms.Field:
        common = {"label": q.text, "required": q.required}
        options = list(enumerate(q.option_list))
        if q.kind == QuestionKind.SATISFACTION:
            return forms.TypedChoiceField(
                choices=Rating.choices, coerce=int, widget=forms.RadioSelect, **common
            )
        if q.kind == QuestionKind.CHOICE:
            return forms.TypedChoiceField(
                choices=options, coerce=int, widget=forms.RadioSelect, **common
            )
        if q.kind == QuestionKind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=options, coerce=int, widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.CharField(
            max_length=TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
            help_text=gettext("最多 %(max)s 字。审核通过后公开显示，请勿填写个人信息。")
            % {"max": TEXT_MAX},
            **common,
        )

    def clean(self):
        cleaned = super().clean()
        for q in self.questions:
            name = field_name(q)
            if q.kind == QuestionKind.TEXT and isinstance(cleaned.get(name), str):
                text = clean_text(cleaned[name]).strip()
                if abuse.count_links(text) > abuse.MAX_LINKS:
                    self.add_error(name, _("意见中的链接过多。"))
                cleaned[name] = text
        if not any(cleaned.get(field_name(q)) not in (None, "", []) for q in self.questions):
            raise forms.ValidationError(_("请至少回答一个问题。"))
        return cleaned

    def renew(self, challenge: abuse.Challenge) -> None:
        """Show a fresh question after a refusal: an answer is never tried twice."""
        data = self.data.copy()
        data["token"], data["answer"] = challenge.token, ""
        self.data = data
        self.fields["answer"].label = challenge.question

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get(abuse.HONEYPOT) or "").strip())
