"""A questionnaire's results as the viewer may see them: counts per option, mean ratings, and
the free text that passed moderation — the plain data of planwatch.reports.survey_summary."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils import timezone

from planwatch.reports.survey_summary import OptionCount, QuestionResult, SurveyResult
from planwatch.web.evaluation.extras import contribute
from planwatch.web.portal.choices import FeedbackStatus, Rating
from planwatch.web.surveys.models import Answer, Question, QuestionKind, Response, Survey


def results(survey: Survey, user) -> SurveyResult:
    questions = list(Question.objects.restrict(user, "view").filter(survey=survey))
    answers = Answer.objects.restrict(user, "view").filter(question__survey=survey)
    rows = answers.values_list("question_id", "response_id", "rating", "option", "text", "status")
    by_question: dict[int, list[tuple]] = defaultdict(list)
    for row in rows.order_by("pk"):
        by_question[row[0]].append(row)
    return SurveyResult(
        plan_name=survey.plan.short_title or survey.plan.title,
        title=survey.title,
        opens=survey.opens_on.isoformat(),
        closes=survey.closes_on.isoformat(),
        respondents=Response.objects.restrict(user, "view").filter(survey=survey).count(),
        questions=[
            question_result(n, q, by_question[q.pk]) for n, q in enumerate(questions, start=1)
        ],
    )


def question_result(number: int, q: Question, rows: list[tuple]) -> QuestionResult:
    respondents = len({row[1] for row in rows})
    if q.kind == QuestionKind.TEXT:
        texts = [row[4] for row in rows if row[5] == FeedbackStatus.APPROVED]
        return QuestionResult(number, q.text, q.kind, respondents, texts=texts)
    if q.kind == QuestionKind.SATISFACTION:
        counts = Counter(row[2] for row in rows if row[2] is not None)
        labels = [(value, str(label)) for value, label in Rating.choices]
        total = sum(counts.values())
        mean = sum(v * n for v, n in counts.items()) / total if total else None
        options = [OptionCount(label, counts.get(value, 0)) for value, label in labels]
        return QuestionResult(number, q.text, q.kind, respondents, options, mean=mean)
    counts = Counter(row[3] for row in rows if row[3] is not None)
    options = [OptionCount(label, counts.get(i, 0)) for i, label in enumerate(q.option_list)]
    return QuestionResult(number, q.text, q.kind, respondents, options)


def chart_data(result: SurveyResult) -> list[dict]:
    """One bar chart per question with options (what surveys/charts.js draws)."""
    return [
        {
            "id": f"survey-chart-{q.number}",
            "title": q.text,
            "labels": [o.label for o in q.options],
            "counts": [o.count for o in q.options],
        }
        for q in result.questions
        if q.options
    ]


def closed_results(user, plan, year: int) -> list[SurveyResult]:
    """The plan's questionnaires closed by today that had answers, as ``user`` may see them,
    oldest first: what the mid-term report cites (evaluation.extras)."""
    closed = (
        Survey.objects.restrict(user, "view")
        .filter(plan=plan, closes_on__lt=timezone.localdate())
        .select_related("plan")
        .order_by("opens_on", "pk")
    )
    found = [results(survey, user) for survey in closed]
    return [r for r in found if r.respondents]


def register() -> None:
    contribute("surveys", closed_results)
