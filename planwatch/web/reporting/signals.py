"""What reporting does when the plans app below it tells of a change."""

from __future__ import annotations

from django.dispatch import receiver

from planwatch.web.plans.services.assigning import assignments_made
from planwatch.web.reporting.services.duties import add_to_open_rounds


@receiver(assignments_made, dispatch_uid="reporting-join-open-rounds")
def join_open_rounds(sender, *, plan, assignments, join_open_rounds: bool, **kwargs) -> None:
    """New assignments count in the open rounds only when the coordinator said so (a round's
    duties are fixed when it opens)."""
    if join_open_rounds:
        add_to_open_rounds(plan, assignments)
