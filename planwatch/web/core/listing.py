"""Long lists as pages: server-side sorting and paging, their state kept in the query string.

Every list page (a round's duties, 任务分工, 逾期未报, a to-do list, the change log) filters with
its app's FilterSet (django-filter, the same classes the API uses), then sorts and pages here:
``?sort=-department&page=3&per_page=50``. Links keep the other parameters (Django's
``{% querystring %}``), so a filtered, sorted page works without JavaScript and can be
bookmarked. ``includes/pager.html`` and ``includes/sort_header.html`` show them.

A page with two lists (the round page: its review queue above its duties) gives one of them a
``prefix``: its parameters are then ``queue-page``, ``queue-sort``, ``queue-per_page`` (and its
FilterSet's ``queue-q``…), so each list pages and filters without moving the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

#: Rows per page unless ``?per_page=`` names one of the others.
PER_PAGE = 50
PER_PAGE_CHOICES = (20, 50, 100, 200)


@dataclass(frozen=True)
class Sort:
    """One column a list sorts by: its key in ``?sort=`` and the ``order_by`` fields it means
    ascending (a descending sort reverses each; the list's last field breaks ties)."""

    key: str
    fields: tuple[str, ...]
    label: str = ""  # in the form's 排序 list (a phone hides the sortable headers)


class Sorting:
    """The sorts a list offers, the default first; ``?sort=key`` or ``?sort=-key``."""

    def __init__(self, *sorts: Sort, tie_breaker: str = "pk") -> None:
        self.sorts = {s.key: s for s in sorts}
        self.default = sorts[0].key
        self.tie_breaker = tie_breaker

    def chosen(self, params, prefix: str = "") -> str:
        """The ``sort`` parameter if it names an offered sort, else the default (no 400: an
        old bookmark with a sort since removed still opens the list)."""
        wanted = (params.get(f"{prefix}sort") or "").strip()
        return wanted if wanted.lstrip("-") in self.sorts else self.default

    def order_by(self, params, prefix: str = "") -> list[str]:
        chosen = self.chosen(params, prefix)
        descending = chosen.startswith("-")
        fields = [*self.sorts[chosen.lstrip("-")].fields, self.tie_breaker]
        return [_reverse(f) if descending else f for f in fields]

    def apply(self, queryset, params, prefix: str = ""):
        return queryset.order_by(*self.order_by(params, prefix))


def _reverse(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def per_page(params, prefix: str = "") -> int:
    wanted = params.get(f"{prefix}per_page", "")
    return int(wanted) if wanted.isdigit() and int(wanted) in PER_PAGE_CHOICES else PER_PAGE


def page_of(rows: Sequence, params, prefix: str = "") -> Page:
    """The asked-for page of ``rows`` (a queryset or a :class:`Chain`); a page number out of
    range shows the last page, a malformed one the first (a list never answers 404)."""
    return Paginator(rows, per_page(params, prefix)).get_page(params.get(f"{prefix}page"))


class Chain:
    """Several sorted querysets as one sequence for the paginator: each is counted, and only
    the rows of the page asked for are read. The to-do list and 逾期未报 chain one queryset per
    round, the current round first."""

    def __init__(self, parts: Sequence) -> None:
        self.parts = list(parts)
        self._counts: list[int] | None = None

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if start < 0 or stop is None or stop < 0:
            start, stop, _ = index.indices(self.count())
        # Only the parts before the slice are counted: the first 50 rows of a long chain are
        # read without counting it.
        rows, need = [], stop - start
        for n, part in enumerate(self.parts):
            if need <= 0:
                break
            if start > 0:
                size = self.counts()[n] if self._counts else part.count()
                if start >= size:
                    start -= size
                    continue
            chunk = list(part[start : start + need])
            rows.extend(chunk)
            need -= len(chunk)
            start = 0
        return rows


def list_context(
    params, rows, sorting: Sorting | None = None, filterset=None, prefix: str = ""
) -> dict:
    """What ``includes/pager.html``, ``includes/list_filters.html`` and ``sort_link`` read.

    With a ``prefix`` the list's own parameters carry it, and ``keep`` holds the page's other
    parameters: the list's filter form sends them back unchanged (the other list stays put)."""
    return {
        "page": page_of(rows, params, prefix),
        "sort": sorting.chosen(params, prefix) if sorting else "",
        "filter_form": filterset.form if filterset is not None else None,
        "per_page": per_page(params, prefix),
        "per_page_choices": PER_PAGE_CHOICES,
        "sort_choices": sort_choices(sorting) if sorting else [],
        "list_prefix": prefix,
        "keep": other_parameters(params, prefix) if prefix else [],
    }


def other_parameters(params, prefix: str) -> list[tuple[str, str]]:
    """The parameters not of the list ``prefix`` names, as (name, value) pairs."""
    return [
        (name, value)
        for name, values in params.lists()
        if not name.startswith(prefix)
        for value in values
    ]


def sort_choices(sorting: Sorting) -> list[tuple[str, str]]:
    """Every offered sort both ways, for the filter form's 排序 list."""
    from django.utils.translation import gettext as _

    choices = []
    for s in sorting.sorts.values():
        label = str(s.label or s.key)
        choices += [(s.key, _("%(label)s（升序）") % {"label": label})]
        choices += [(f"-{s.key}", _("%(label)s（降序）") % {"label": label})]
    return choices


def offer_choices(form, name: str, choices, *, everything: str) -> None:
    """Show the filter ``name`` (an id) as a list to choose from, ``everything`` first: people
    pick a department or a chapter by its name, the query string still carries its id."""
    field = form.fields[name]
    field.widget = ListSelect(choices=[("", everything), *choices])


class ListSelect(forms.Select):
    """A filter's choice of dozens of departments or chapters, its options written here: the
    template-rendered options cost a round page more than its 50 rows."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)
