"""English mode: a key project's off-schedule reasons and a proposed annual target's source are
shown in the reader's language (stored as codes), Chinese by default."""

from __future__ import annotations

import pytest
from django.conf import settings

from planwatch.web.annual import services as annual

pytestmark = pytest.mark.django_db


def _page(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answer = client.get(url)
    assert answer.status_code == 200
    return answer.content.decode()


def test_off_schedule_reasons_follow_the_language(roadmap, login):
    # 示例园区 was to start on 2023-01-01 and finish by 2024-12-31 and has done neither.
    client = login(roadmap.users["coordinator"])
    url = f"/roadmap/plans/{roadmap.plan.pk}/projects/"
    chinese = _page(client, url, "zh-hans")
    assert "超过计划开工时间未开工" in chinese and "超过计划竣工时间未竣工" in chinese
    english = _page(client, url, "en")
    assert "not started though its planned start has passed" in english
    assert "not finished though its planned finish has passed" in english
    assert "超过计划竣工时间未竣工" not in english and "超过计划开工时间未开工" not in english


def test_a_proposed_targets_source_follows_the_language(roadmap, login):
    coordinator = roadmap.users["coordinator"]
    annual.propose_all(roadmap.plan, coordinator)
    client = login(coordinator)
    url = f"/annual/plans/{roadmap.plan.pk}/targets/?year=2023"
    assert "按规划路径测算</td>" in _page(client, url, "zh-hans")
    english = _page(client, url, "en")
    assert (
        "Proposed from the plan&#x27;s path</td>" in english
        and "按规划路径测算</td>" not in english
    )
