"""The published county plan with one row of every kind an address can name."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from planwatch.web.history.services import save_tracked

from ..dashboard.progress_data import reported  # noqa: F401  (fixture)


@pytest.fixture
def world(reported, users, departments):  # noqa: F811
    """The published county plan with one row of every kind an address can name."""
    from planwatch.web.evaluation.models import EvaluationNote
    from planwatch.web.plans.models import Assignment, MeasurableItem, Node, Task
    from planwatch.web.portal.models import Feedback
    from planwatch.web.reporting.models import Evidence, KeyProject, Observation, TaskProgress

    plan = reported.plan
    progress = TaskProgress.objects.filter(task__plan=plan, department=departments["science"])
    evidence = Evidence(
        progress=progress.first(),
        original_name="照片.png",
        content_type="image/png",
        size=8,
        uploaded_by=users["reporter"],
    )
    evidence.file.save("photo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    save_tracked(evidence)
    project = save_tracked(
        KeyProject(plan=plan, name="科技孵化器二期", department=departments["science"])
    )
    feedback = save_tracked(
        Feedback(plan=plan, rating=4, comment="很好", challenge="c1", status="approved")
    )
    save_tracked(EvaluationNote(plan=plan, author=users["evaluator"], text="评估意见"))
    item = MeasurableItem.objects.get(plan=plan, code="T1")
    task = Task.objects.get(plan=plan, code="M1")
    round = reported.rounds[2023]
    ids = {
        "users": str(users["reporter"].pk),
        "plans": str(plan.pk),
        "rounds": str(round.pk),
        "items": str(item.pk),
        "tasks": str(task.pk),
        "departments": str(departments["science"].pk),
        "assignments": str(Assignment.objects.filter(plan=plan).first().pk),
        "outline": str(Node.objects.filter(plan=plan).first().pk),
        "evidence": str(evidence.pk),
        "projects": str(project.pk),
        "observations": str(Observation.objects.filter(item__plan=plan).first().pk),
        "moderation": str(feedback.pk),
        "history": "plans.plan",
    }
    codes = {"items": "T1", "tasks": "M1", "reports": "annual"}
    return ids, codes
