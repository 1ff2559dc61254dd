"""Rendered parts of pages, cached under the data revision: shared, expensive, still exact.

A fragment's key names everything its HTML depends on — the plan's data revision (which every
tracked write replaces, see ``history.revision``), the reader's visibility scope, the language
and the page's own parameters — so a cached fragment is served only while that exact state
holds. Nothing is ever invalidated by hand; a new revision simply makes old keys unreachable,
and the cache forgets them in time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: Seconds a fragment is kept; a new revision makes it unreachable long before.
FRAGMENT_SECONDS = 3600


def cached_html(name: str, key: Iterable, build: Callable[[], str]) -> SafeString:
    """The HTML ``build()`` renders, from the cache when the same key was rendered before."""
    parts = "\x1f".join(str(part) for part in (*key, get_language() or ""))
    cache_key = f"fragment:{name}:{hashlib.sha256(parts.encode()).hexdigest()}"
    html = cache.get(cache_key)
    if html is None:
        html = str(build())
        cache.set(cache_key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # rendered by our own autoescaping templates
