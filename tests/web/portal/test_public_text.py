"""Bidi overrides and other invisible controls never reach a public page."""

from __future__ import annotations

import pytest

from planwatch.web.core.public_text import clean_text
from planwatch.web.history.services import save_tracked
from planwatch.web.portal.models import Feedback

from .test_feedback import answered, send

RLO = "\u202e"


def test_clean_text_keeps_words_and_line_breaks_and_drops_invisible_controls():
    dirty = f"公交{RLO}线路\u200b太少\u2066（gnp.exe）\u2069\x00\x1b\n第二行\t完"
    assert clean_text(dirty) == "公交线路太少（gnp.exe）\n第二行\t完"
    assert clean_text("名称\n换行", multiline=False) == "名称 换行"
    assert clean_text("emoji 👍🏽 与 à 不变") == "emoji 👍🏽 与 à 不变"


@pytest.mark.django_db
def test_a_comment_loses_its_bidi_controls(reported, client):
    send(client, reported.plan, answered(reported.plan, comment=f"很好{RLO}txt.exe\u2067"))
    assert Feedback.objects.get().comment == "很好txt.exe"


@pytest.mark.django_db
def test_names_shown_on_the_portal_lose_them_too(reported, client):
    """An imported title (never typed into a form) is cleaned on the public page."""
    plan = reported.plan
    plan.title = f"示例县规划{RLO}纲要"
    save_tracked(plan)
    html = client.get(f"/public/plans/{plan.pk}/").content.decode()
    assert "示例县规划纲要" in html and RLO not in html


@pytest.mark.django_db
def test_edit_forms_clean_names(users, departments, login):
    client = login(users["admin"])
    department = departments["science"]
    client.post(
        f"/plans/departments/{department.pk}/",
        {"name": f"县科学{RLO}技术局", "version": department.version, "reason": ""},
    )
    department.refresh_from_db()
    assert department.name == "县科学技术局"
