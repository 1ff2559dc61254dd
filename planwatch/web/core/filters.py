"""Filter fields shared by the apps' FilterSets (django-filter)."""

from __future__ import annotations

import django_filters as filters
from django import forms

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
