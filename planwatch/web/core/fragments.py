"""Rendered parts of pages, cached under the data revision: shared, expensive, still exact.

A fragment's key names everything its HTML depends on — the plan's data revision (which every
tracked write replaces, see ``history.revision``), the reader's scope (:func:`cache_key`, read
off the access rules themselves), the language and the page's own parameters — so a cached
fragment is served only while that exact state holds. Nothing is ever invalidated by hand; a
new revision simply makes old keys unreachable, and the cache forgets them in time.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable

from django.apps import apps
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from planwatch.web.core.rules import ACTIONS, PERSONAL, RULES, decide, role_of

#: Seconds a fragment is kept; a new revision makes it unreachable long before.
FRAGMENT_SECONDS = 3600


def cached_html(name: str, key: Iterable, build: Callable[[], str]) -> SafeString:
    """The HTML ``build()`` renders, from the cache when the same key was rendered before."""
    cache_key = f"fragment:{name}:{digest(key)}"
    html = cache.get(cache_key)
    if html is None:
        html = str(build())
        cache.set(cache_key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # rendered by our own autoescaping templates


def digest(key: Iterable) -> str:
    """The store's name for ``key`` in the active language: every cached thing carries it."""
    parts = "\x1f".join(str(part) for part in (*key, get_language() or ""))
    return hashlib.sha256(parts.encode()).hexdigest()


def cache_key(plan, user, *parts) -> tuple:
    """The key of anything cached for ``user`` about ``plan``: the plan, the user's scope and
    the caller's ``parts`` (data revision, year, filters…). Users share a key exactly when the
    access rules give them the same answers, so no page is ever served across scopes."""
    return (getattr(plan, "pk", plan), scope_of(user), *parts)


def scope_of(user) -> str:
    """A fingerprint of every answer the access rules give ``user`` (personal rules aside)."""
    return _scope(role_of(user), getattr(user, "department_id", None) if role_of(user) else None)


@functools.lru_cache(maxsize=256)
def _scope(role: str | None, department_id: int | None) -> str:
    # Rules read the role and the department only (the personal ones read the person too and
    # are left out), so these two name the scope; the answers themselves make the fingerprint.
    user = _Reader(role, department_id)
    answers = []
    for label in sorted(set(RULES) - PERSONAL):
        model = apps.get_model(label)
        for action in sorted(ACTIONS):
            answer = decide(RULES[label], user, action)
            if not isinstance(answer, bool):
                answer = str(model._base_manager.filter(answer).query)
            answers.append(f"{label}:{action}:{answer}")
    return hashlib.sha256("\n".join(answers).encode()).hexdigest()[:24]


class _Reader:
    """A stand-in with only what the rules read: the role and the department."""

    is_authenticated = property(lambda self: self.role is not None)
    is_active = True
    is_superuser = False

    def __init__(self, role: str | None, department_id: int | None) -> None:
        self.role, self.department_id, self.pk = role, department_id, None
