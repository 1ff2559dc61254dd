"""A plan's own page (``plans:detail``): its header and actions, and the parts above it.

The page shows rounds, figures, verdicts and report downloads — things of the apps above plans,
which plans may not import (tests/web/test_layers.py). So the inversion goes the other way:
plans owns the page and asks whoever registered a part (:func:`contribute`, called from an
app's ``ready()``, as each app registers its access rules) to render it. Plans knows a part
only as "HTML and links"; reporting contributes the rounds and the item statuses, evaluation
its links. A part may refuse the request's parameters (:class:`BadParameter`: a 400).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.safestring import SafeString

from planwatch.web.core.access import get_visible
from planwatch.web.core.error_pages import bad_request_page
from planwatch.web.core.roles import MANAGE, REVIEW
from planwatch.web.core.rules import role_of
from planwatch.web.plans.models import Plan


@dataclass(frozen=True)
class Part:
    """What an app adds to the page: rendered HTML (safe) and links for the action bar."""

    html: tuple[SafeString, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (label, url)


class BadParameter(ValueError):
    """A query parameter a part cannot use (``?year=abc``); the page answers 400 with it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


#: ``(request, plan, shared) -> Part``. ``shared`` carries what one part settles for the
#: later ones (reporting puts the page's ``year`` there).
Contributor = Callable[[HttpRequest, Plan, dict], Part]

_PARTS: dict[str, tuple[int, Contributor]] = {}


def contribute(name: str, order: int, contributor: Contributor) -> None:
    """Register (or replace) the part ``name``; parts are shown by ``order``, lowest first."""
    _PARTS[name] = (order, contributor)


def parts(request: HttpRequest, plan: Plan) -> tuple[list[Part], dict]:
    shared: dict = {}
    found = [c(request, plan, shared) for _, c in sorted(_PARTS.values(), key=lambda p: p[0])]
    return found, shared


@login_required
def plan_detail(request, pk: int):
    """The plan's page: what it is, what can be done with it, and every registered part."""
    plan = get_visible(Plan.objects.defer("source_json"), request.user, pk=pk)
    try:
        found, shared = parts(request, plan)
    except BadParameter as exc:
        return bad_request_page(request, exc.message)
    role = role_of(request.user)
    context = {
        "plan": plan,
        "can_manage": role in MANAGE,
        "can_review": role in REVIEW,
        "links": [link for part in found for link in part.links],
        "sections": [html for part in found for html in part.html],
        **shared,
    }
    return render(request, "plans/overview.html", context)
