"""A form sent after its security token went stale: show it again, filled in, with a new token.

The token goes stale when the session ended (a working day, or the browser closed) or the user
signed in again in another tab. Django answers with a bare 403 and the typed text is lost. Here
the page that holds the form (the address posted to, else the same-site page the browser came
from) is rendered afresh by a GET of its own view, so it carries a new token and nothing is
saved; the posted values are then written into that form's fields and a notice says the page
had expired. The view never sees the posted data, so this cannot bypass the check. When no
such page can be rendered, the typed texts are listed on the error page so they can be copied.
"""

from __future__ import annotations

import io
import logging
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from planwatch.web.core.error_pages import back_address

log = logging.getLogger(__name__)

#: Posted fields never written back: the stale token itself, and passwords.
_SKIP = {"csrfmiddlewaretoken"}
#: What the fresh GET request keeps of the original one (set by the middleware before us).
_CARRIED = ("session", "user", "_cached_user", "_messages", "LANGUAGE_CODE", "csp_nonce", "id")


def csrf_failure(request, reason: str = "") -> HttpResponse:
    notice = _("页面已过期（安全令牌失效，例如登录已超时）。您填写的内容已保留，请检查后重新提交。")
    if request.method == "POST":
        for path, query in _candidates(request):
            try:
                page = _render_get(request, path, query)
            except Exception:
                log.exception("CSRF failure: could not re-render %s", path)
                continue
            if page is not None:
                filled = refill(page, request.path, request.POST, notice)
                if filled is not None:
                    return HttpResponse(filled, status=403)
    body = loader.render_to_string(
        "errors/csrf.html",
        {
            "status": 403,
            "title": _("页面已过期"),
            "reason": notice.split("。")[0] + "。",
            "hint": _("请返回上一页刷新后重新提交。下面是您刚才填写的内容，可复制后粘贴。"),
            "typed": [
                (name, value)
                for name, value in request.POST.items()
                if name not in _SKIP and "password" not in name and value.strip()
            ],
            "back": back_address(request) or request.path,
        },
        request=request,
    )
    return HttpResponse(body, status=403)


def _candidates(request):
    yield request.path_info, ""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        if parts.path != request.path_info or parts.query:
            yield parts.path, parts.query


def _render_get(request, path: str, query: str) -> str | None:
    """The HTML that a GET of ``path`` shows this user now, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    environ = {
        **request.META,
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": "0",
        "wsgi.input": io.BytesIO(),
    }
    environ.pop("CONTENT_TYPE", None)
    fresh = WSGIRequest(environ)
    for name in _CARRIED:
        if name in request.__dict__:
            fresh.__dict__[name] = request.__dict__[name]
    fresh.resolver_match = match
    response = match.func(fresh, *match.args, **match.kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    # get_token() on the fresh request made the new token: the response must set its cookie.
    for key in ("CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE"):
        if key in fresh.META:
            request.META[key] = fresh.META[key]
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode(response.charset or "utf-8")


def refill(html: str, posted_to: str, data, notice: str) -> str | None:
    """``html`` with the form that posts to ``posted_to`` holding ``data``; None if none does."""
    soup = BeautifulSoup(html, "html.parser")
    form = next((f for f in soup.find_all("form") if _posts_to(f, posted_to)), None)
    if form is None:
        return None
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or name in _SKIP or name not in data:
            continue
        values = data.getlist(name)
        if field.name == "textarea":
            field.string = values[-1]
        elif field.name == "select":
            for option in field.find_all("option"):
                if option.get("value", option.get_text()) in values:
                    option["selected"] = ""
                else:
                    option.attrs.pop("selected", None)
        else:
            kind = (field.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if field.get("value", "on") in values:
                    field["checked"] = ""
                else:
                    field.attrs.pop("checked", None)
            elif kind not in ("password", "file", "submit", "button", "image", "reset"):
                field["value"] = values[-1]
    banner = soup.new_tag("p", attrs={"class": "message warning", "role": "alert"})
    banner.string = notice
    form.insert(0, banner)
    return str(soup)


def _posts_to(form, path: str) -> bool:
    if (form.get("method") or "get").lower() != "post":
        return False
    action = form.get("action")
    return not action or urlsplit(action).path == path
