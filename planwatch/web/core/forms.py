"""The base of every edit form (it carries the version it was loaded at), and the number field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planwatch.errors import InputError
from planwatch.web.core.filters import MAX_ID
from planwatch.web.core.numbers import parse_cell_number
from planwatch.web.core.public_text import clean_text


class ReadableBlank:
    """A form whose selects offer 请选择 for "nothing chosen", not Django's dashes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            readable_blank(field)


class VersionedForm(ReadableBlank, forms.ModelForm):
    """Adds the version the editor loaded (hidden) and an optional reason for the change."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                bound_ids(field)

    def clean(self):
        """Names and texts may be shown to the public: invisible controls go (core.public_text)."""
        cleaned = super().clean()
        for name, value in cleaned.items():
            widget = self.fields[name].widget if name in self.fields else None
            # a password is compared as typed at sign-in: never changed behind the user's back
            if isinstance(value, str) and widget and not isinstance(widget, forms.PasswordInput):
                multiline = isinstance(widget, forms.Textarea)
                cleaned[name] = clean_text(value, multiline=multiline)
        return cleaned


#: Django's label for "nothing chosen yet", which means nothing to a reader.
DJANGO_BLANK = "---------"


def readable_blank(field: forms.Field) -> None:
    """The empty choice of a select reads 请选择 (Choose…), not Django's dashes."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = _("请选择")
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DJANGO_BLANK):
            field.choices = [("", _("请选择")), *choices[1:]]


def bound_ids(field: forms.ModelChoiceField) -> None:
    """A choice beyond any database id is an invalid choice, not an OverflowError in SQLite."""
    clean = field.clean

    def bounded(value):
        values = value if isinstance(value, list | tuple) else [value]
        for one in values:
            if isinstance(one, str) and one.strip().isdigit() and int(one) > MAX_ID:
                raise ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": one[:20]},
                )
        return clean(value)

    field.clean = bounded


def number_or_error(value, *, unit: str | None = None) -> float:
    """core.numbers' reading of ``value``, its refusal a ValidationError in the page's language."""
    try:
        return parse_cell_number(value, unit=unit)
    except InputError as exc:
        raise ValidationError(exc.reason_in(get_language())) from None


class NumberField(forms.Field):
    """A figure typed by a person, read by core.numbers (full-width digits, 1,234.5 …)."""

    widget = forms.TextInput

    def __init__(self, *, unit: str | None = None, **kwargs):
        self.unit = unit
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        return number_or_error(value, unit=self.unit)
