"""Endpoints contributed by the apps above this one (evaluations, surveys…).

The api app sits below them in INSTALLED_APPS, so it cannot import their models; each of them
registers its viewset here at start-up (AppConfig.ready), as the apps add their parts to the
plan's page (plans.overview). api/urls.py serves them under /api/ with the same rules,
throttling and schema as its own (their viewsets derive from api.views.base).
"""

from __future__ import annotations

#: (URL prefix, viewset, basename), in the order registered.
CONTRIBUTED: list[tuple[str, type, str]] = []


def contribute(prefix: str, viewset: type, basename: str) -> None:
    if all(p != prefix for p, _v, _b in CONTRIBUTED):
        CONTRIBUTED.append((prefix, viewset, basename))
