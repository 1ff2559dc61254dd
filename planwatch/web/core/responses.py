"""Whole responses cached under the data revision: a page that has not changed is sent from
stored bytes, with only its per-request values (CSRF token, CSP nonce, a form's challenge)
written in.

The key is :func:`fragments.cache_key` — the plan, the reader's scope and the caller's parts
(the data revision first) — plus the page's name, its full path (query string included) and the
language, so no part can be left out by a caller. What varies per request never enters the
stored bytes: the page is rendered with placeholders (:func:`slot`) in its place, and every hit
(the first one too) has them replaced with this request's values:

* the CSRF token: every ``csrfmiddlewaretoken`` value becomes one placeholder, replaced with a
  fresh masked token (``get_token``, which also has the middleware send the cookie);
* the CSP nonce, if the page used one: replaced with this request's nonce, which the CSP
  middleware then writes into the header, so the policy always names the nonce of the page;
* the caller's own slots (a feedback form's question and signed token), built per request.

Only GET and HEAD answers with status 200 are stored, and only for a reader who is not signed in
(pages name the signed-in reader in their header) and has no message waiting to be shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape

from planwatch.web.core.fragments import FRAGMENT_SECONDS, digest
from planwatch.web.core.public_text import clean_text

#: Every CSRF token a template writes (``{% csrf_token %}``): a hidden input's value.
_CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')


def slot(name: str) -> str:
    """The placeholder rendered in place of a per-request value named ``name`` (letters only:
    it must pass HTML escaping unchanged)."""
    return f"__planwatch_slot_{name}__"


_CSRF_SLOT = slot("csrf").encode()
_NONCE_SLOT = slot("nonce").encode()


def cacheable(request) -> bool:
    """Whether this request's answer may come from (and go to) the shared store."""
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    # A queued message is shown once, by the page that renders it: never from stored bytes.
    # (Reading them this way does not mark them used.)
    return not (storage is not None and (storage._queued_messages or storage._loaded_messages))


def cached_page(
    request,
    name: str,
    key: Iterable,
    build: Callable[[dict[str, str]], HttpResponse],
    fill: dict[str, Callable[[], str]] | None = None,
) -> HttpResponse:
    """The page ``build(values)`` renders, from stored bytes when the same key was rendered.

    ``key`` is a :func:`fragments.cache_key`; ``fill`` maps each per-request slot to what makes
    its value. ``build`` gets the values to write: placeholders when the answer is stored, the
    real values otherwise (a signed-in reader, a POST, a refusal re-rendered)."""
    fill = fill or {}
    if not cacheable(request):
        return build({name: make() for name, make in fill.items()})
    store_key = "page:" + name + ":" + digest((*key, request.get_full_path()))
    stored = cache.get(store_key)
    if stored is None:
        response = build({each: slot(each) for each in fill})
        if response.status_code != 200 or response.streaming:
            return _filled(response, fill, request)
        body = _CSRF.sub(rb"\1" + _CSRF_SLOT + rb"\2", response.content)
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            body = body.replace(nonce.encode(), _NONCE_SLOT)
        if response["Content-Type"].startswith("text/html"):
            # Stored clean of invisible controls once (public_text); the slots add none.
            body = clean_text(body.decode(response.charset)).encode(response.charset)
        stored = (body, response["Content-Type"])
        cache.set(store_key, stored, FRAGMENT_SECONDS)
    body, content_type = stored
    answer = HttpResponse(_fill(body, request, fill), content_type=content_type)
    answer.text_cleaned = True
    return answer


def _fill(body: bytes, request, fill: dict[str, Callable[[], str]]) -> bytes:
    if _CSRF_SLOT in body:
        body = body.replace(_CSRF_SLOT, get_token(request).encode())
    if _NONCE_SLOT in body:
        body = body.replace(_NONCE_SLOT, str(request.csp_nonce).encode())
    for each, make in fill.items():
        placeholder = slot(each).encode()
        if placeholder in body:
            body = body.replace(placeholder, _escaped(make()).encode())
    return body


def _escaped(value: str) -> str:
    return str(escape(value))


def _filled(response: HttpResponse, fill, request) -> HttpResponse:
    if not response.streaming:
        response.content = _fill(response.content, request, fill)
    return response


def cached_bytes(name: str, key: Iterable, build: Callable[[], bytes]) -> bytes:
    """Serialised bytes (an API payload) ``build()`` makes, stored under the key as they are."""
    store_key = "bytes:" + name + ":" + digest(key)
    data = cache.get(store_key)
    if data is None:
        data = build()
        cache.set(store_key, data, FRAGMENT_SECONDS)
    return data
