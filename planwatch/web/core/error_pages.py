"""Error pages in the site's layout and the visitor's language, each with a way back.

Django's own pages are bare and English; these replace them through ``handler400`` … ``handler500``
in the project's urls and ``CSRF_FAILURE_VIEW``. A 403 shows the reason the refusal carried
(``PermissionDenied(reason)``, core.access). An upload over the size limit is Django's
``RequestDataTooBig`` (a 400 to Django): it is answered 413 with the limit. A 500 page never
reads the database if the layout cannot be rendered: it falls back to a plain page.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse
from django.template import loader
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from planwatch.web.core.rules import role_of

log = logging.getLogger(__name__)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    detail = _("请求中的字段过多。") if isinstance(exception, TooManyFieldsSent) else None
    return error_page(
        request,
        400,
        _("请求无法处理"),
        detail or _("请求的内容不完整或格式不对。请返回上一页重新操作。"),
    )


def bad_request_page(request, reason: str) -> HttpResponse:
    """A 400 for a parameter a view refused ("年份应为数字"), in the layout, with the reason."""
    return error_page(request, 400, _("请求无法处理"), reason)


def request_too_large(request):
    limit = getattr(settings, "MAX_UPLOAD_BYTES", 0) // (1024 * 1024)
    return error_page(
        request,
        413,
        _("上传的内容过大"),
        _("一次最多可上传 %(mb)s MB。请缩小文件或分批上传。") % {"mb": limit},
    )


def permission_denied(request, exception=None):
    reason = _reason(exception)
    role = role_of(getattr(request, "user", None))
    hint = (
        _("如确需此权限，请联系规划牵头部门或系统管理员。")
        if role
        else _("请先登录；如确需此权限，请联系规划牵头部门或系统管理员。")
    )
    return error_page(
        request, 403, _("您没有权限进行此操作"), reason or _("此操作不在您的角色权限之内。"), hint
    )


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        _("页面不存在"),
        _("您要找的页面不存在，或者您没有查看它的权限。"),
        _("请检查地址，或从导航栏重新进入。"),
    )


def server_error(request):
    return error_page(
        request,
        500,
        _("服务器出错了"),
        _("处理您的请求时出错，错误已记录。您的数据没有被改动，请稍后重试。"),
        _("如果问题一再出现，请告诉系统管理员出错的时间和页面地址。"),
    )


def error_page(request, status: int, title: str, reason: str, hint: str = "") -> HttpResponse:
    context = {
        "status": status,
        "title": title,
        "reason": reason,
        "hint": hint,
        "back": back_address(request),
    }
    try:
        body = loader.render_to_string("errors/error.html", context, request=request)
    except Exception:  # the layout reads the database; the error may be the database
        log.exception("error page %s could not be rendered in the layout", status)
        body = plain_page(context)
    return HttpResponse(body, status=status)


def back_address(request) -> str | None:
    """The page the visitor came from, if it is on this site (never a foreign address)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the very error this page may be answering
        return None
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(referer)
    here = request.get_full_path()
    back = parts.path + (f"?{parts.query}" if parts.query else "")
    return back if back != here else None


def plain_page(context: dict) -> str:
    """The page without the layout: no template, no database, no static files."""
    lines = [
        "<!DOCTYPE html><html lang='zh-hans'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{escape(context['title'])} · planwatch</title></head><body>",
        f"<h1>{escape(context['title'])}</h1><p>{escape(context['reason'])}</p>",
        f"<p>{escape(context['hint'])}</p>" if context["hint"] else "",
        f"<p><a href='/'>{escape(_('回到首页'))}</a></p></body></html>",
    ]
    return "".join(lines)


def _reason(exception) -> str | None:
    if exception is None or not exception.args:
        return None
    first = exception.args[0]
    return str(first) if first else None
