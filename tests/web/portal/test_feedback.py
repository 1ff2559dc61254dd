"""Public feedback: waits for moderation, shown escaped, and hard to abuse."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from planwatch.web.history.models import ChangeRecord
from planwatch.web.portal import abuse
from planwatch.web.portal.models import Feedback

pytestmark = pytest.mark.django_db


def answered(plan, *, age: float = 60, comment: str = "公交线路太少", item=None, **extra) -> dict:
    """Form data as a person would send it ``age`` seconds after the page was shown."""
    challenge = abuse.new_challenge(now=time.time() - age)
    data = {
        "rating": "2",
        "comment": comment,
        "answer": str(challenge.a + challenge.b),
        "token": challenge.token,
        "website": "",
        "item": str(item.pk) if item else "",
    }
    data.update(extra)
    return data


def send(client, plan, data, **headers):
    return client.post(reverse("portal:feedback", args=[plan.pk]), data, **headers)


def test_a_comment_waits_for_moderation_then_appears(reported, client, login, users):
    plan, item = reported.plan, reported.item("T1")
    response = send(client, plan, answered(plan, item=item, comment="企业培育要加快"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:item", args=[item.pk]) + "#feedback"
    feedback = Feedback.objects.get()
    assert feedback.status == "pending" and feedback.item == item and feedback.rating == 2
    assert "企业培育要加快" not in client.get(response["Location"]).content.decode()

    coordinator = login(users["coordinator"])
    queue = coordinator.get(reverse("portal:moderation")).content.decode()
    assert "企业培育要加快" in queue
    coordinator.post(
        reverse("portal:moderate", args=[feedback.pk]),
        {"decision": "approve", "version": feedback.version},
    )
    coordinator.logout()
    assert "企业培育要加快" in client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "企业培育要加快" in client.get(reverse("portal:index")).content.decode()
    decision = ChangeRecord.objects.get(object_id=feedback.pk, action="approve")
    assert decision.user == users["coordinator"]


def test_a_rejected_comment_is_never_shown(reported, client, login, users):
    send(client, reported.plan, answered(reported.plan, comment="广告内容"))
    feedback = Feedback.objects.get()
    login(users["coordinator"]).post(
        reverse("portal:moderate", args=[feedback.pk]), {"decision": "reject", "note": "广告"}
    )
    feedback.refresh_from_db()
    assert feedback.status == "rejected" and feedback.moderation_note == "广告"
    client.logout()
    assert "广告内容" not in client.get(reverse("portal:index")).content.decode()


def test_comments_are_shown_escaped(reported, client):
    send(client, reported.plan, answered(reported.plan, comment='<script>alert("x")</script>'))
    Feedback.objects.update(status="approved")
    html = client.get(reverse("portal:index")).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html


@pytest.mark.parametrize("role", ["reporter", "leader", "evaluator"])
def test_only_coordinators_moderate(reported, client, login, users, role):
    send(client, reported.plan, answered(reported.plan))
    feedback = Feedback.objects.get()
    official = login(users[role])
    assert official.get(reverse("portal:moderation")).status_code == 403
    url = reverse("portal:moderate", args=[feedback.pk])
    assert official.post(url, {"decision": "approve"}).status_code == 403
    assert Feedback.objects.get().status == "pending"


def test_the_public_cannot_reach_the_queue(reported, client):
    response = client.get(reverse("portal:moderation"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_wrong_answer_is_refused_with_a_new_question(reported, client):
    data = answered(reported.plan)
    data["answer"] = str(int(data["answer"]) + 1)
    response = send(client, reported.plan, data)
    assert response.status_code == 400
    assert "验证题答案不正确" in response.content.decode()
    assert data["token"] not in response.content.decode()  # a fresh question
    assert not Feedback.objects.exists()


def test_an_answer_faster_than_a_person_can_read_is_refused(reported, client, settings):
    settings.FEEDBACK_MIN_SECONDS = 3
    response = send(client, reported.plan, answered(reported.plan, age=0))
    assert response.status_code == 400 and "提交过快" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_stale_or_forged_form_is_refused(reported, client):
    stale = answered(reported.plan, age=3 * 3600)
    assert send(client, reported.plan, stale).status_code == 400
    forged = answered(reported.plan)
    forged["token"] = forged["token"][:-2] + "xx"
    assert send(client, reported.plan, forged).status_code == 400
    assert not Feedback.objects.exists()


def test_one_form_sends_one_comment(reported, client):
    data = answered(reported.plan)
    assert send(client, reported.plan, data).status_code == 302
    response = send(client, reported.plan, data)
    assert response.status_code == 400 and "已经提交过" in response.content.decode()
    assert Feedback.objects.count() == 1


def test_the_honeypot_is_accepted_silently_and_dropped(reported, client):
    response = send(client, reported.plan, answered(reported.plan, website="http://spam.example"))
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_one_address_may_send_only_so_many_an_hour(reported, client, settings):
    settings.FEEDBACK_PER_HOUR = 2
    for _ in range(2):
        assert send(client, reported.plan, answered(reported.plan)).status_code == 302
    response = send(client, reported.plan, answered(reported.plan))
    assert response.status_code == 429 and "提交次数过多" in response.content.decode()
    other = send(client, reported.plan, answered(reported.plan), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    assert Feedback.objects.count() == 3


def test_and_so_many_a_day(reported, client, settings):
    settings.FEEDBACK_PER_HOUR, settings.FEEDBACK_PER_DAY = 10, 1
    assert send(client, reported.plan, answered(reported.plan)).status_code == 302
    assert send(client, reported.plan, answered(reported.plan)).status_code == 429


def test_size_limits(reported, client):
    too_long = answered(reported.plan, comment="长" * 1001)
    assert send(client, reported.plan, too_long).status_code == 400
    links = answered(reported.plan, comment="http://a.cn http://b.cn www.c.cn 看这里")
    assert send(client, reported.plan, links).status_code == 400
    huge = answered(reported.plan, padding="x" * (abuse.MAX_BODY_BYTES + 1))
    assert send(client, reported.plan, huge).status_code == 413
    assert not Feedback.objects.exists()
    longest = answered(reported.plan, comment="好" * 1000)
    assert send(client, reported.plan, longest).status_code == 302


def test_a_rating_is_required_and_must_be_one_to_five(reported, client):
    assert send(client, reported.plan, answered(reported.plan, rating="6")).status_code == 400
    assert send(client, reported.plan, answered(reported.plan, rating="")).status_code == 400
    assert not Feedback.objects.exists()


def test_no_feedback_on_an_unpublished_plan(reported, draft_plan, client):
    response = send(client, draft_plan, answered(draft_plan))
    assert response.status_code == 404
    assert not Feedback.objects.exists()


def test_an_item_of_another_plan_is_refused(reported, draft_plan, client):
    data = answered(reported.plan, item=draft_plan.items.first())
    assert send(client, reported.plan, data).status_code == 400
    assert not Feedback.objects.exists()


def test_the_sender_address_is_kept_but_never_shown(reported, client):
    send(client, reported.plan, answered(reported.plan), REMOTE_ADDR="10.1.2.3")
    Feedback.objects.update(status="approved")
    assert Feedback.objects.get().address == "10.1.2.3"
    assert "10.1.2.3" not in client.get(reverse("portal:index")).content.decode()
    assert not ChangeRecord.objects.filter(after__address="10.1.2.3").exists()
