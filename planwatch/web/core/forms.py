"""The base of every edit form: it carries the version it was loaded at."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class VersionedForm(forms.ModelForm):
    """Adds the version the editor loaded (hidden) and an optional reason for the change."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
