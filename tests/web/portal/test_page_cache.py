"""Public pages stored whole per (page, scope, language, revision): an unchanged page comes
from stored bytes, yet every visitor gets their own CSRF token and feedback challenge, a signed-in
reader's page is never stored, and a tracked change is seen at once."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from planwatch.web.history import revision
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Plan
from planwatch.web.portal import abuse
from planwatch.web.portal.models import Feedback

pytestmark = pytest.mark.django_db


def _field(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def _question(html: str) -> tuple[int, int]:
    a, b = re.search(r"请计算：(\d+) 加 (\d+) 等于几？", html).groups()
    return int(a), int(b)


def test_a_new_revision_serves_the_new_page(reported, client):
    plan = reported.plan
    url = reverse("portal:plan", args=[plan.pk])
    assert plan.title in client.get(url).content.decode()
    # Changed behind the tracked services' back: no new revision, the stored page is sent.
    Plan.objects.filter(pk=plan.pk).update(title="改过的标题")
    assert "改过的标题" not in client.get(url).content.decode()
    stored = Plan.objects.get(pk=plan.pk)
    stored.title = "新的规划标题"
    save_tracked(stored)
    assert "新的规划标题" in client.get(url).content.decode()


def test_each_visitor_gets_a_fresh_challenge_and_csrf_token_that_work(reported, settings):
    settings.FEEDBACK_MIN_SECONDS = 0
    plan = reported.plan
    url = reverse("portal:plan", args=[plan.pk])
    pages = [Client(enforce_csrf_checks=True).get(url) for _ in range(3)]
    htmls = [p.content.decode() for p in pages]
    tokens = {_field(h, "token") for h in htmls}
    assert len(tokens) == 3  # three signed challenges, none reused
    assert len({_field(h, "csrfmiddlewaretoken") for h in htmls}) == 3
    assert "__planwatch_slot_" not in "".join(htmls)
    # The last page, from the store, is a working form: its CSRF token, its own question.
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(url).content.decode()
    a, b = _question(html)
    challenge = abuse.read_challenge(_field(html, "token"))
    assert (challenge.a, challenge.b) == (a, b)
    response = visitor.post(
        reverse("portal:feedback", args=[plan.pk]),
        {
            "csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"),
            "token": _field(html, "token"),
            "answer": str(a + b),
            "rating": "4",
            "comment": "数据很及时",
            "website": "",
            "item": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:300]
    assert Feedback.objects.get().comment == "数据很及时"
    # The thank-you message is shown once, on the next page, although that page is stored.
    shown = visitor.get(url).content.decode()
    assert "感谢您的评价" in shown
    assert "感谢您的评价" not in visitor.get(url).content.decode()


def test_a_signed_in_reader_never_gets_or_leaves_stored_bytes(reported, client, login, users):
    url = reverse("portal:plan", args=[reported.plan.pk])
    branding = reverse("portal:branding", args=[reported.plan.pk])
    assert branding not in client.get(url).content.decode()  # stored for the public
    coordinator = login(users["coordinator"]).get(url).content.decode()
    assert branding in coordinator and str(users["coordinator"]) in coordinator
    public = Client().get(url).content.decode()
    assert branding not in public and str(users["coordinator"]) not in public


def test_the_language_separates_stored_pages(reported):
    url = reverse("portal:indicators", args=[reported.plan.pk])
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(2):
        zh = Client().get(url)
        en = english.get(url)
        assert '<html lang="zh-hans"' in zh.content.decode()
        assert '<html lang="en"' in en.content.decode()
        assert zh.content != en.content


def test_a_stored_page_carries_the_security_policy(reported, client):
    url = reverse("portal:plan", args=[reported.plan.pk])
    first, second = client.get(url), client.get(url)
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_the_stored_portal_index_reads_the_revision_once_and_sees_a_change(
    reported, client, django_assert_num_queries
):
    """The index finds the published plan and shows its stored page from one read of the
    revision rows (revision.snapshot), and a tracked change is still seen at once."""
    plan = reported.plan
    url = reverse("portal:index")
    assert plan.title in client.get(url).content.decode()
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200 and plan.title in again.content.decode()
    stored = Plan.objects.get(pk=plan.pk)
    stored.title = "新的规划标题"
    save_tracked(stored)
    assert "新的规划标题" in client.get(url).content.decode()


def test_a_snapshot_names_each_plan_as_current_does(reported):
    plan = reported.plan
    assert revision.snapshot().plan(plan.pk) == revision.current(plan.pk)
    assert revision.snapshot().everything == revision.everything()
    before = revision.snapshot()
    revision.bump(plan.pk)
    after = revision.snapshot()
    assert after.plan(plan.pk) != before.plan(plan.pk) and after.everything != before.everything
