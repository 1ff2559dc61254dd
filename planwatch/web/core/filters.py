"""Filter fields shared by the apps' FilterSets (django-filter)."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.widgets import BooleanWidget

#: The largest id a database stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(filters.NumberFilter):
    """A row's id: a whole number in the database's range, else a 400 naming the parameter.

    A larger number would reach SQLite inside a subquery and fail there (OverflowError).
    """

    field_class = IdField


class AnyYesNo(BooleanWidget):
    """A yes/no filter's list: 全部 (no filter), 是, 否; django-filter's own offers "未知"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("", _("全部")),
            ("true", pgettext_lazy("filter", "是")),
            ("false", pgettext_lazy("filter", "否")),
        ]


class YesNoFilter(filters.BooleanFilter):
    """A yes/no filter read from ``true``/``false`` (also ``1``/``0``), 全部 when absent."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AnyYesNo)
        super().__init__(*args, **kwargs)
