"""The inbox (newest first, unread marked) and each person's notification settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.history.services import save_tracked
from planwatch.web.notifications.choices import Kind
from planwatch.web.notifications.delivery import wanted
from planwatch.web.notifications.forms import PreferencesForm
from planwatch.web.notifications.models import Notification, Preference
from planwatch.web.notifications.texts import render as render_notice

PAGE_SIZE = 30


@login_required
def inbox(request):
    notices = Notification.objects.restrict(request.user, "view").filter(in_inbox=True)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(n, *render_notice(n.kind, n.params)) for n in page.object_list]
    unread = notices.filter(read_at=None).count()
    context = {"page": page, "rows": rows, "unread": unread}
    return render(request, "notifications/inbox.html", context)


@login_required
def open_notice(request, pk: int):
    """Mark the notice read and go where it points."""
    notice = get_object_or_404(Notification.objects.restrict(request.user, "change"), pk=pk)
    if notice.read_at is None:
        Notification.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    safe = url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None)
    return redirect(notice.url if notice.url and safe else "notifications:inbox")


@require_POST
@login_required
def read_all(request):
    mine = Notification.objects.restrict(request.user, "change").filter(read_at=None)
    count = mine.update(read_at=timezone.now())
    messages.success(request, _("已将%(count)s条通知标为已读。") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    user = request.user
    current = {kind: wanted(user, kind) for kind in Kind}
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, (inbox_on, email_on) in form.choices().items():
            if (inbox_on, email_on) == current[kind]:
                continue
            pref = Preference.objects.filter(user=user, kind=kind).first()
            pref = pref or Preference(user=user, kind=kind)
            pref.inbox, pref.email = inbox_on, email_on
            save_tracked(pref, user=user, reason=_("通知设置"))
        messages.success(request, _("通知设置已保存。"))
        return redirect("notifications:preferences")
    context = {"form": form, "has_email": bool(user.email)}
    return render(request, "notifications/preferences.html", context)
