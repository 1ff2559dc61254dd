"""Public questionnaires: built by the coordinator, answered anonymously within their period,
protected like feedback (challenge, one use, rate limit, honeypot), free text moderated before it
shows, results counted (hand-checked) and exported."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Node
from planwatch.web.portal import abuse
from planwatch.web.surveys.models import Answer, Question, Response, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(reported, users, login):
    """Built through the pages: four questions, published, open today."""
    plan = reported.plan
    plan.is_published = True
    save_tracked(plan)
    today = timezone.localdate()
    coordinator = login(users["coordinator"])
    coordinator.post(
        reverse("surveys:manage", args=[plan.pk]),
        {
            "title": "规划实施满意度调查",
            "opens_on": (today - dt.timedelta(days=1)).isoformat(),
            "closes_on": (today + dt.timedelta(days=10)).isoformat(),
            "is_published": "on",
        },
    )
    made = Survey.objects.get()
    chapter = Node.objects.filter(plan=plan, level="chapter").first()
    for order, kind, text, options, extra in (
        (1, "satisfaction", "对创新驱动工作的满意度", "", {"question-chapter": chapter.pk}),
        (2, "choice", "您最关心哪个领域？", "就业\n教育\n环境", {}),
        (3, "multiple", "您了解规划的渠道", "网站\n报纸\n社区", {}),
        (4, "text", "意见建议", "", {}),
    ):
        response = coordinator.post(
            reverse("surveys:edit", args=[made.pk]),
            {
                "add_question": "1",
                "question-order": order,
                "question-kind": kind,
                "question-text": text,
                "question-options": options,
                **extra,
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    coordinator.logout()
    return made


def questions(survey):
    return {q.order: q for q in Question.objects.filter(survey=survey)}


def filled(survey, *, rating=None, choice=None, ticks=(), text="", age=60, **extra) -> dict:
    q = questions(survey)
    challenge = abuse.new_challenge(now=time.time() - age)
    data = {
        "answer": str(challenge.a + challenge.b),
        "token": challenge.token,
        "website": "",
        f"q{q[1].pk}": "" if rating is None else str(rating),
        f"q{q[2].pk}": "" if choice is None else str(choice),
        f"q{q[3].pk}": [str(t) for t in ticks],
        f"q{q[4].pk}": text,
    }
    data.update(extra)
    return data


def send(client, survey, data, **headers):
    return client.post(reverse("surveys:answer", args=[survey.pk]), data, **headers)


def test_an_unknown_option_count_is_refused_by_the_builder(survey, users, login):
    coordinator = login(users["coordinator"])
    response = coordinator.post(
        reverse("surveys:edit", args=[survey.pk]),
        {
            "add_question": "1",
            "question-order": 5,
            "question-kind": "choice",
            "question-text": "只有一个选项",
            "question-options": "是",
        },
    )
    assert "选择题至少需要两个选项" in response.content.decode()
    assert Question.objects.filter(survey=survey).count() == 4


def test_answers_are_kept_and_counted(survey, client, users, login):
    # Hand-built: ratings 5, 4, 4, 2; choices 教育, 教育, 环境, (none); ticks {网站, 社区}, {网站}.
    for n, (rating, choice, ticks) in enumerate(
        ((5, 1, (0, 2)), (4, 1, (0,)), (4, 2, ()), (2, None, ()))
    ):
        response = send(
            client,
            survey,
            filled(survey, rating=rating, choice=choice, ticks=ticks),
            REMOTE_ADDR=f"10.0.0.{n + 1}",
        )
        assert response.status_code == 302
    assert Response.objects.filter(survey=survey).count() == 4
    coordinator = login(users["coordinator"])
    from planwatch.web.surveys.results import results

    result = results(survey, users["coordinator"])
    by_number = {q.number: q for q in result.questions}
    rating = by_number[1]
    assert [o.count for o in rating.options] == [0, 1, 0, 2, 1]  # 很不满意…很满意
    assert rating.answered == 4 and rating.mean == pytest.approx(15 / 4)
    assert [o.count for o in by_number[2].options] == [0, 2, 1] and by_number[2].answered == 3
    assert [o.count for o in by_number[3].options] == [2, 0, 1] and by_number[3].answered == 2
    page = coordinator.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "有效答卷 4 份" in page and 'id="survey-charts"' in page

    sheet = load_workbook(
        io.BytesIO(coordinator.get(reverse("surveys:summary", args=[survey.pk, "xlsx"])).content)
    ).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=4)]
    assert (1, "对创新驱动工作的满意度", "满意", 2, "50.0%", 3.75) in rows
    assert (2, "您最关心哪个领域？", "教育", 2, "66.7%", None) in rows
    text = "\n".join(
        p.text
        for p in Document(
            io.BytesIO(
                coordinator.get(reverse("surveys:summary", args=[survey.pk, "docx"])).content
            )
        ).paragraphs
    )
    assert "共收到有效答卷4份" in text
    # 满意 2 + 很满意 1 of 4 answers: 75.0 %; mean 3.75
    assert "对创新驱动工作的满意度：4人作答，满意（含很满意）占75.0%，平均3.75分" in text


def test_free_text_waits_for_moderation(survey, client, users, login):
    send(client, survey, filled(survey, rating=3, text="建议增加公交线路"))
    answer = Answer.objects.get(question__kind="text")
    assert answer.status == "pending"
    results_url = reverse("surveys:results", args=[survey.pk])
    assert "建议增加公交线路" not in client.get(results_url).content.decode()
    coordinator = login(users["coordinator"])
    assert "建议增加公交线路" in coordinator.get(results_url).content.decode()  # the queue
    coordinator.post(
        reverse("surveys:moderate", args=[answer.pk]),
        {"decision": "approve", "version": answer.version},
    )
    coordinator.logout()
    assert "建议增加公交线路" in client.get(results_url).content.decode()


def test_the_rejected_text_never_shows_and_only_coordinators_moderate(survey, client, users, login):
    send(client, survey, filled(survey, text="广告广告"))
    answer = Answer.objects.get(question__kind="text")
    evaluator = login(users["evaluator"])
    url = reverse("surveys:moderate", args=[answer.pk])
    assert evaluator.post(url, {"decision": "approve"}).status_code == 404
    evaluator.logout()
    coordinator = login(users["coordinator"])
    coordinator.post(url, {"decision": "reject", "version": answer.version})
    coordinator.logout()
    answer.refresh_from_db()
    assert answer.status == "rejected"
    assert (
        "广告广告" not in client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    )


@pytest.mark.parametrize("shift", [dt.timedelta(days=5), dt.timedelta(days=-30)])
def test_answers_only_within_the_period(survey, client, shift):
    today = timezone.localdate()
    survey.opens_on = today + shift
    survey.closes_on = survey.opens_on + dt.timedelta(days=3)
    save_tracked(survey)
    page = client.get(reverse("surveys:answer", args=[survey.pk])).content.decode()
    assert ("问卷尚未开始" if shift.days > 0 else "问卷已结束") in page
    assert 'name="token"' not in page
    response = send(client, survey, filled(survey, rating=5))
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_the_challenge_is_required(survey, client):
    wrong = filled(survey, rating=5)
    wrong["answer"] = str(int(wrong["answer"]) + 1)
    assert send(client, survey, wrong).status_code == 400
    missing = filled(survey, rating=5)
    del missing["token"]
    assert send(client, survey, missing).status_code == 400
    too_fast = filled(survey, rating=5, age=0)
    page = send(client, survey, too_fast)
    assert page.status_code == 400 and "提交过快" in page.content.decode()
    assert not Response.objects.exists()


def test_a_challenge_is_used_once(survey, client):
    data = filled(survey, rating=5)
    assert send(client, survey, data).status_code == 302
    again = send(client, survey, data, REMOTE_ADDR="10.9.9.9")
    assert again.status_code == 400 and "已经提交过" in again.content.decode()
    assert Response.objects.count() == 1


def test_the_rate_limit_per_address(survey, client, settings):
    settings.FEEDBACK_PER_HOUR = 2
    for _n in range(2):
        assert send(client, survey, filled(survey, rating=4)).status_code == 302
    third = send(client, survey, filled(survey, rating=4))
    assert third.status_code == 429 and "提交次数过多" in third.content.decode()
    assert Response.objects.count() == 2
    # another address has its own allowance
    assert send(client, survey, filled(survey, rating=4), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_a_robot_is_thanked_and_ignored(survey, client):
    response = send(client, survey, filled(survey, rating=1, website="http://spam.example"))
    assert response.status_code == 302 and not Response.objects.exists()


def test_too_many_links_in_free_text_are_refused(survey, client):
    text = "http://a.example http://b.example http://c.example"
    assert send(client, survey, filled(survey, text=text)).status_code == 400
    assert not Response.objects.exists()


def test_an_unpublished_survey_does_not_exist_for_the_public(survey, client):
    survey.is_published = False
    save_tracked(survey)
    assert client.get(reverse("surveys:answer", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 404


def test_the_portal_links_to_the_questionnaires(survey, client):
    page = client.get(reverse("portal:plan", args=[survey.plan_id])).content.decode()
    listing = reverse("surveys:public_list", args=[survey.plan_id])
    assert listing in page
    assert "规划实施满意度调查" in client.get(listing).content.decode()


def test_the_mid_term_report_cites_the_closed_questionnaire(survey, client, users, login):
    """The four answers of the hand-built set (ratings 5, 4, 4, 2): 满意 2 + 很满意 1 of 4 =
    75.0 %, mean 15/4 = 3.75. While the survey runs the report says nothing of it; once closed
    the mid-term report has 公众评价 citing the summary, the annual report does not."""
    from tests.web.evaluation.test_downloads import docx_text, url

    for n, rating in enumerate((5, 4, 4, 2)):
        send(client, survey, filled(survey, rating=rating), REMOTE_ADDR=f"10.0.1.{n + 1}")
    coordinator = login(users["coordinator"])
    midterm = url(survey.plan, "midterm")
    assert "公众评价" not in docx_text(coordinator.get(midterm).content)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Survey.objects.filter(pk=survey.pk).update(closes_on=yesterday)
    text = docx_text(coordinator.get(midterm).content)
    section = text[text.index("、公众评价") : text.index("存在的问题")]
    opens = survey.opens_on
    assert (
        f"{opens.year}年{opens.month}月{opens.day}日至"
        f"{yesterday.year}年{yesterday.month}月{yesterday.day}日，通过规划公开平台开展"
        "“规划实施满意度调查”问卷调查，共收到有效答卷4份；对创新驱动工作的满意度满意（含很满意）"
        f"占75.0%（详见《〈{survey.plan.title}〉公众评价问卷结果》）。" in section
    )
    assert "“规划实施满意度调查”满意度" in section  # the table's caption
    assert "对创新驱动工作的满意度\n4\n75.0%\n3.75" in text  # its row, cell by cell
    assert "公众评价" not in docx_text(coordinator.get(url(survey.plan, "annual")).content)
