"""The evaluator's note form: a remark on the plan, one of its items or one of its tasks."""

from __future__ import annotations

from django import forms

from planwatch.web.core.forms import ReadableBlank
from planwatch.web.evaluation.models import EvaluationNote


class NoteForm(ReadableBlank, forms.ModelForm):
    class Meta:
        model = EvaluationNote
        fields = ("item", "task", "text")
        widgets = {"text": forms.Textarea}  # noqa: RUF012

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = plan.items.all()
        self.fields["task"].queryset = plan.tasks.all()
