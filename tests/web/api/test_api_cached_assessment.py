"""The assessment is stored serialised per (plan, caller's scope, revision, language): an
unchanged one is sent from the stored bytes, a tracked change is seen at once."""

from __future__ import annotations

import pytest
from django.conf import settings

from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.models import Observation

pytestmark = pytest.mark.django_db


def _item(body, code):
    return next(i for i in [*body["indicators"], *body["targets"]] if i["code"] == code)


def test_a_new_revision_serves_the_new_assessment(world, api):
    url = f"/api/plans/{world.plan.pk}/assessment/"
    first = api().get(url)
    assert first["Content-Type"] == "application/json"
    assert _item(first.json(), "I2")["latest_value"] == 62.0
    # A change behind the tracked services' back bumps no revision: the stored bytes stay.
    Observation.objects.filter(pk=world.published.pk).update(value=63.0)
    assert api().get(url).content == first.content
    published = Observation.objects.get(pk=world.published.pk)
    published.value = 63.5
    save_tracked(published)  # the tracked way: a new revision, a new answer
    assert _item(api().get(url).json(), "I2")["latest_value"] == 63.5


def test_two_scopes_never_share_the_stored_bytes(world, api):
    url = f"/api/plans/{world.plan.pk}/assessment/?year=2023"
    for _ in range(2):  # the second round is served from the store
        coordinator = api("coordinator").get(url).json()
        reporter = api("reporter").get(url).json()
        public = api().get(url).json()
        assert {i["code"] for i in [*reporter["indicators"], *reporter["targets"]]} == {"I2", "T1"}
        assert _item(coordinator, "I2")["latest_value"] == 65.5  # approved, not published
        assert _item(public, "I2")["latest_value"] == 62.0
        assert {i["code"] for i in [*coordinator["indicators"], *coordinator["targets"]]} == {
            "I1",
            "I2",
            "I3",
            "T1",
        }


def test_the_language_separates_stored_assessments(world, api):
    from planwatch.assess.status import OUTLOOKS

    url = f"/api/plans/{world.plan.pk}/assessment/"
    english = api()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(2):
        zh = _item(api().get(url).json(), "I2")
        en = _item(english.get(url).json(), "I2")
        assert zh["outlook_label"] == OUTLOOKS[zh["outlook"]].label_zh
        assert en["outlook_label"] == OUTLOOKS[en["outlook"]].label_en


def test_stored_bytes_never_open_a_plan_to_a_scope_it_is_closed_to(world, api):
    url = f"/api/plans/{world.plan.pk}/assessment/"
    assert api().get(url).status_code == 200
    world.plan.is_published = False
    save_tracked(world.plan)
    assert api("coordinator").get(url).status_code == 200
    for _ in range(2):
        assert api().get(url).status_code == 404
