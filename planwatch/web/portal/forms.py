"""The public feedback form: a rating and a comment on the plan or one of its items."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.public_text import clean_text
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.portal import abuse
from planwatch.web.portal.choices import Rating
from planwatch.web.portal.models.feedback import COMMENT_MAX


class FeedbackForm(forms.Form):
    item = forms.ModelChoiceField(
        MeasurableItem.objects.none(),
        label=_("评价对象"),
        required=False,
        empty_label=_("规划总体"),
    )
    rating = forms.TypedChoiceField(
        label=_("满意程度"), choices=Rating.choices, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见建议"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
    )
    answer = forms.IntegerField(
        label=_("验证题"),
        min_value=0,
        max_value=99,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("请勿填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, plan: Plan, challenge: abuse.Challenge, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = MeasurableItem.objects.filter(plan=plan)
        if item is not None:
            self.fields["item"].initial = item.pk
        self.fields["answer"].label = challenge.question
        self.fields["comment"].help_text = gettext(
            "选填，最多 %(max)s 字。审核通过后公开显示，请勿填写姓名、电话等个人信息。"
        ) % {"max": COMMENT_MAX}
        self.initial["token"] = challenge.token

    def renew(self, challenge: abuse.Challenge) -> None:
        """Show a fresh question after a refusal: an answer is never tried twice."""
        data = self.data.copy()
        data["token"], data["answer"] = challenge.token, ""
        self.data = data
        self.fields["answer"].label = challenge.question

    def clean_comment(self) -> str:
        text = clean_text(self.cleaned_data.get("comment") or "").strip()
        if abuse.count_links(text) > abuse.MAX_LINKS:
            raise forms.ValidationError(_("意见中的链接过多。"))
        return text

    @property
    def is_robot(self) -> bool:
        """The honeypot is filled in: a person cannot see it, so a program did."""
        return bool((self.data.get(abuse.HONEYPOT) or "").strip())
