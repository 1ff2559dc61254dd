"""Destructive actions ask first: a page that says what will happen and asks for a reason.

Cancelling an assignment, deleting evidence and deactivating an account are undoable only
through the change log, so each takes two steps: the button leads to this page (GET, or a
POST without ``confirmed``); the page posts back with ``confirmed`` and the reason the change
log keeps. A missing reason where one is required shows the page again, nothing done.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _


def confirmed_reason(request, *, reason_required: bool = True) -> tuple[bool, str, str]:
    """(go ahead, reason, error): go ahead only for a confirmed POST with a reason if needed."""
    if request.method != "POST" or request.POST.get("confirmed") != "1":
        return False, "", ""
    reason = request.POST.get("reason", "").strip()[:500]
    if reason_required and not reason:
        return False, "", _("请填写原因：变更记录会保存它。")
    return True, reason, ""


def confirm_page(
    request,
    *,
    title: str,
    what: str,
    back: str,
    keep: dict | None = None,
    error: str = "",
    reason_required: bool = True,
    button: str | None = None,
):
    """The confirmation of one destructive action (posted back to the same address)."""
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "what": what,
            "back": back,
            "keep": (keep or {}).items(),
            "error": error,
            "reason_required": reason_required,
            "reason": request.POST.get("reason", "") if request.method == "POST" else "",
            "button": button or title,
        },
        status=400 if error else 200,
    )
