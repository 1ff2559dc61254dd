"""A member of the public answers a questionnaire on the portal, in Chromium: from the plan's
public page to the questionnaire, the sum the page asks, the thanks, and the results page,
where the answer counts and the free text waits for moderation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.surveys.models import Answer, Question, Response, Survey

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def survey(reported, users):
    today = timezone.localdate()
    made = save_tracked(
        Survey(
            plan=reported.plan,
            title="规划实施满意度调查",
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=10),
            is_published=True,
            author=users["coordinator"],
        )
    )
    for order, kind, text, options in (
        (1, "satisfaction", "对规划实施的总体满意度", ""),
        (2, "choice", "您最关心哪个领域？", "就业\n教育\n环境"),
        (3, "text", "意见建议", ""),
    ):
        save_tracked(Question(survey=made, order=order, kind=kind, text=text, options=options))
    return made


def test_a_visitor_answers_the_questionnaire_on_a_phone(survey, visitors):
    visitor = visitors(PHONE)
    page = visitor.open(f"/public/plans/{survey.plan_id}/")
    page.get_by_role("link", name="参与公众评价问卷").click()
    page.get_by_role("link", name="规划实施满意度调查").click()
    assert page.locator("h1").inner_text() == "规划实施满意度调查"

    page.get_by_role("group", name="对规划实施的总体满意度").get_by_label(
        "满意", exact=True
    ).check()
    page.get_by_role("group", name="您最关心哪个领域？").get_by_label("教育").check()
    page.get_by_label("意见建议").fill("希望公布更多分区县数据")
    question = page.get_by_label(re.compile("请计算"))
    a, b = map(
        int,
        re.findall(
            r"\d+", page.locator(f"label[for='{question.get_attribute('id')}']").inner_text()
        ),
    )
    question.fill(str(a + b))
    page.wait_for_timeout(1200)  # a person takes at least FEEDBACK_MIN_SECONDS (1 s here)
    page.get_by_role("button", name="提交问卷").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "感谢您参与问卷！"
    assert visitor.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    response = Response.objects.get(survey=survey)
    answers = {a.question.order: a for a in Answer.objects.filter(response=response)}
    assert answers[1].rating == 4  # 满意
    assert answers[2].option == 1  # 教育, the second option
    assert (answers[3].text, answers[3].status) == ("希望公布更多分区县数据", "pending")

    page.get_by_role("link", name="查看结果").click()
    results = page.locator("main").inner_text()
    assert "有效答卷 1 份" in results
    assert "希望公布更多分区县数据" not in results  # not moderated yet
