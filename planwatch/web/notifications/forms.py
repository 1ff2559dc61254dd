"""The notification settings: one row per kind, inbox and e-mail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.web.notifications.choices import Kind


class PreferencesForm(forms.Form):
    """Two checkboxes per kind: ``<kind>_inbox`` and ``<kind>_email``."""

    def __init__(self, *args, current: dict[str, tuple[bool, bool]], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            inbox, email = current[kind]
            self.fields[f"{kind}_inbox"] = forms.BooleanField(
                label=_("通知中心"), required=False, initial=inbox
            )
            self.fields[f"{kind}_email"] = forms.BooleanField(
                label=_("电子邮件"), required=False, initial=email
            )

    def rows(self):
        """(kind label, inbox field, e-mail field) per kind, for the table."""
        return [(kind.label, self[f"{kind}_inbox"], self[f"{kind}_email"]) for kind in Kind]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {kind: (data[f"{kind}_inbox"], data[f"{kind}_email"]) for kind in Kind}
