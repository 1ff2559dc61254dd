"""The demo: the evaluator's commission with a few verdicts, and one published questionnaire
with a few answers — every text labelled 示例数据."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_has_a_commission_and_a_survey(client):
    from planwatch.web.demo import load_demo
    from planwatch.web.evaluation.models import Commission
    from planwatch.web.surveys.demo import ANSWERS, APPROVED_TEXTS
    from planwatch.web.surveys.models import Answer, Survey
    from planwatch.web.surveys.results import results

    load_demo(today=dt.date(2024, 5, 1))
    commission = Commission.objects.get()
    assert "示例数据" in commission.title
    assert [e.user.username for e in commission.evaluators.all()] == ["evaluator"]
    verdicts = list(commission.verdicts.all())
    assert len(verdicts) >= 4 and all(v.comment.startswith("示例数据") for v in verdicts)

    survey = Survey.objects.get()
    assert survey.is_published and survey.is_open_on(dt.date(2024, 5, 1))
    assert "示例数据" in survey.title
    texts = Answer.objects.filter(question__kind="text")
    assert all(a.text.startswith("示例数据") for a in texts)
    shown = results(survey, None)
    assert shown.respondents == len(ANSWERS)
    first = shown.questions[0]
    assert [o.count for o in first.options] == [0, 1, 1, 2, 2]  # ratings 5,4,4,3,5,2
    assert len(shown.questions[-1].texts) == APPROVED_TEXTS

    client.login(username="evaluator", password="planwatch-demo")
    page = client.get(reverse("evaluation:commission", args=[commission.pk]))
    assert page.status_code == 200 and "示例数据" in page.content.decode()
