"""The scorecard's key-project facts: of the projects a department is responsible for that are
under way in the year, how many were on schedule at the year's end (planwatch.assess.projects).

Only what was reported up to the year counts: the figures and the 进度滞后 flag of the rounds of
that year and before. A project with no round report at all is late when its register says
进度滞后 (the register is then all there is); once rounds report on it, the latest report up
to the year decides.
"""

from __future__ import annotations

import dataclasses

from django.utils import timezone

from planwatch.assess import projects as rule
from planwatch.web.reporting.choices import Progress
from planwatch.web.reporting.models import KeyProject
from planwatch.web.roadmap import services as roadmap
from planwatch.web.roadmap.models import ProjectReport
from planwatch.web.supervision.services.scorecard import add_facts


def project_facts(plan, year: int, facts) -> None:
    """Fill ``facts[department id].extra["projects"] = (on schedule, judged)``."""
    projects = list(KeyProject.objects.filter(plan=plan, department__isnull=False))
    reported = set(
        ProjectReport.objects.filter(project__in=projects).values_list("project_id", flat=True)
    )
    up_to: dict[int, list[ProjectReport]] = {}
    for r in ProjectReport.objects.filter(
        project__in=projects, round__year__lte=year
    ).select_related("round"):
        up_to.setdefault(r.project_id, []).append(r)
    by_department: dict[int, list[rule.ProjectFacts]] = {}
    for project in projects:
        if project.department_id not in facts:
            continue
        reports = sorted(up_to.get(project.pk, []), key=lambda r: (r.round.year, r.round.deadline))
        late = (
            reports[-1].is_late
            if reports
            else (project.pk not in reported and project.progress == Progress.DELAYED)
        )
        judged = dataclasses.replace(roadmap.project_facts(project, reports), reported_late=late)
        by_department.setdefault(project.department_id, []).append(judged)
    today = timezone.localdate()
    for department_id, listed in by_department.items():
        facts[department_id].extra["projects"] = rule.on_schedule_in_year(listed, year, today)


def register() -> None:
    add_facts("projects", project_facts)
