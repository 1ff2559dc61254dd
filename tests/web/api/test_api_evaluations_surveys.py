"""``/api/evaluations/`` and ``/api/surveys/``: read-only, under the same access rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from planwatch.web.evaluation.models import Commission, CommissionEvaluator, ThirdPartyVerdict
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Task
from planwatch.web.surveys.models import Answer, Question, Response, Survey

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def commission(world, users):
    plan = world.plan
    made = save_tracked(
        Commission(
            plan=plan, title="年度评估", year=2023, scope="M1", commissioned_by=users["coordinator"]
        )
    )
    save_tracked(CommissionEvaluator(commission=made, user=users["evaluator"]))
    save_tracked(
        ThirdPartyVerdict(
            commission=made,
            task=Task.objects.get(plan=plan, code="M1"),
            grade="delayed",
            comment="进度滞后",
            author=users["evaluator"],
        )
    )
    return made


def test_evaluations_are_seen_by_their_evaluator_and_the_coordinator_only(commission, users):
    body = client_for(users["evaluator"]).get("/api/evaluations/").json()
    assert [c["title"] for c in body["results"]] == ["年度评估"]
    verdict = body["results"][0]["verdicts"][0]
    assert (verdict["kind"], verdict["code"], verdict["grade"]) == ("task", "M1", "delayed")
    assert body["results"][0]["evaluators"] == ["evaluator"]
    assert client_for(users["coordinator"]).get("/api/evaluations/").json()["count"] == 1
    for who in (users["reporter"], None):
        assert client_for(who).get("/api/evaluations/").json()["count"] == 0


def test_the_comparison_is_for_the_coordinator_side(commission, users):
    url = f"/api/evaluations/{commission.pk}/comparison/"
    rows = client_for(users["coordinator"]).get(url).json()
    m1 = next(r for r in rows if r["code"] == "M1")
    assert m1["grade"] == "delayed" and m1["differs"] is (m1["self_grade"] != "delayed")
    assert client_for(users["evaluator"]).get(url).status_code == 403


def test_nothing_is_written_through_these_endpoints(commission, users):
    evaluator = client_for(users["evaluator"])
    for method in (evaluator.post, evaluator.put, evaluator.patch, evaluator.delete):
        assert method(f"/api/evaluations/{commission.pk}/", {}, format="json").status_code == 405
    assert client_for().post("/api/surveys/", {}, format="json").status_code in (401, 403, 405)


@pytest.fixture
def survey(world, users):
    today = timezone.localdate()
    made = save_tracked(
        Survey(
            plan=world.plan,
            title="满意度调查",
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=5),
            is_published=True,
            author=users["coordinator"],
        )
    )
    rating = save_tracked(Question(survey=made, order=1, kind="satisfaction", text="总体满意度"))
    text = save_tracked(Question(survey=made, order=2, kind="text", text="意见"))
    for n, (value, words, status) in enumerate(((5, "很好", "approved"), (3, "待审", "pending"))):
        response = save_tracked(Response(survey=made, challenge=f"c{n}"))
        save_tracked(Answer(response=response, question=rating, rating=value, status="approved"))
        save_tracked(Answer(response=response, question=text, text=words, status=status))
    save_tracked(
        Survey(
            plan=world.plan,
            title="未发布",
            opens_on=today,
            closes_on=today,
            author=users["coordinator"],
        )
    )
    return made


def test_the_public_reads_published_surveys_and_their_results(survey):
    body = client_for().get("/api/surveys/").json()
    assert [s["title"] for s in body["results"]] == ["满意度调查"]
    assert [q["kind"] for q in body["results"][0]["questions"]] == ["satisfaction", "text"]
    result = client_for().get(f"/api/surveys/{survey.pk}/results/").json()
    assert result["respondents"] == 2
    rating, text = result["questions"]
    assert [o["count"] for o in rating["options"]] == [0, 0, 1, 0, 1] and rating["mean"] == 4.0
    assert text["texts"] == ["很好"]  # the pending one is not shown


def test_the_schema_names_the_new_endpoints(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()[
        "paths"
    ]
    assert {
        "/api/evaluations/",
        "/api/evaluations/{id}/comparison/",
        "/api/surveys/",
        "/api/surveys/{id}/results/",
    } <= set(paths)
