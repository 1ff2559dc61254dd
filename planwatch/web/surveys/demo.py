"""Demo data: one published questionnaire, open around today, with a few answers (示例数据).

Called once from planwatch.web.demo when the demo plan is made. The answers are fixed (not
random) so that the results page shows the same counts on every machine.
"""

from __future__ import annotations

import datetime as dt

from planwatch.web.accounts.models import User
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import Node, Plan
from planwatch.web.portal.choices import FeedbackStatus
from planwatch.web.surveys.models import Answer, Question, QuestionKind, Response, Survey

#: One row per respondent: (rating of chapter 1, of chapter 2, choice, ticks, text or "").
ANSWERS = (
    (5, 4, 0, (0, 1), "示例数据：希望多公布重点项目进展。"),
    (4, 4, 1, (0,), ""),
    (4, 3, 0, (2,), "示例数据：建议增加社区公共服务设施。"),
    (3, 2, 2, (0, 2), ""),
    (5, 4, 1, (1,), "示例数据：待审核的一条意见。"),
    (2, 3, 0, (), ""),
)
#: Texts shown (approved); the others stay in the moderation queue.
APPROVED_TEXTS = 2


def load_demo_survey(plan: Plan, departments, *, today: dt.date) -> Survey | None:
    coordinator = User.objects.filter(username="coordinator").first()
    chapters = list(Node.objects.filter(plan=plan, level=NodeLevel.CHAPTER).order_by("order")[:2])
    if coordinator is None or len(chapters) < 2:
        return None
    survey = save_tracked(
        Survey(
            plan=plan,
            title="规划实施公众满意度调查（示例数据）",
            intro="示例数据：本问卷用于演示公众评价功能，匿名填写。",
            opens_on=today - dt.timedelta(days=10),
            closes_on=today + dt.timedelta(days=20),
            is_published=True,
            is_demo=True,
            author=coordinator,
        ),
        user=coordinator,
        reason="示例数据",
    )
    specs = [
        (QuestionKind.SATISFACTION, f"您对“{c.title}”实施情况的满意度", c, "") for c in chapters
    ] + [
        (QuestionKind.CHOICE, "您最关心规划的哪个方面？", None, "就业和收入\n教育和医疗\n生态环境"),
        (QuestionKind.MULTIPLE, "您通过哪些渠道了解规划？", None, "政府网站\n新闻媒体\n社区宣传"),
        (QuestionKind.TEXT, "您对规划实施有什么意见建议？", None, ""),
    ]
    questions = [
        save_tracked(
            Question(
                survey=survey, order=n, kind=kind, text=text, chapter=chapter, options=options
            ),
            user=coordinator,
            reason="示例数据",
        )
        for n, (kind, text, chapter, options) in enumerate(specs, start=1)
    ]
    shown = 0
    for n, (first, second, choice, ticks, text) in enumerate(ANSWERS):
        response = save_tracked(
            Response(survey=survey, challenge=f"demo-{survey.pk}-{n}", is_demo=True),
            reason="示例数据",
        )
        rows = [
            Answer(question=questions[0], rating=first),
            Answer(question=questions[1], rating=second),
            Answer(question=questions[2], option=choice),
            *(Answer(question=questions[3], option=t) for t in ticks),
        ]
        if text:
            approved = shown < APPROVED_TEXTS
            shown += approved
            rows.append(
                Answer(
                    question=questions[4],
                    text=text,
                    status=FeedbackStatus.APPROVED if approved else FeedbackStatus.PENDING,
                    moderated_by=coordinator if approved else None,
                )
            )
        for row in rows:
            row.response = response
            if row.question.kind != QuestionKind.TEXT:
                row.status = FeedbackStatus.APPROVED
            save_tracked(row, reason="示例数据")
    return survey
