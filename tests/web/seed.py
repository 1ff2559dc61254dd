"""``python -m tests.web.seed``: data for the tests that run planwatch as separate processes.

Into an already migrated database: the hand-built plan of ``conftest.outline_plan``, three
departments, a user per role (password ``conftest.PASSWORD``, an address each), assignments, an
open round whose deadline is three days away, two draft figures and three submitted progress
reports. Prints the ids and API tokens the tests need, as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from planwatch.web.accounts.models import User
    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Task
    from planwatch.web.plans.services.importer import import_plan
    from planwatch.web.reporting.models import ReportingRound
    from planwatch.web.reporting.services import workflow
    from tests.web.conftest import PASSWORD, outline_plan

    with transaction.atomic():
        plan = import_plan(outline_plan(), source_name="county.txt")
        plan.confirmed_at = timezone.now()
        save_tracked(plan)
        departments = {
            key: save_tracked(Department(name=name, is_coordinator=key == "econ"))
            for key, name in (
                ("econ", "县发展和改革局"),
                ("science", "县科学技术局"),
                ("env", "县生态环境分局"),
            )
        }
        users = {}
        for username, role, dept in (
            ("coordinator", "coordinator", "econ"),
            ("reporter", "reporter", "science"),
            ("other_reporter", "reporter", "env"),
        ):
            user = User(username=username, role=role, department=departments[dept])
            user.email = f"{username}@example.invalid"
            user.set_password(PASSWORD)
            user.save()
            users[username] = user
        items = {i.code: i for i in MeasurableItem.objects.filter(plan=plan)}
        tasks = {t.code: t for t in Task.objects.filter(plan=plan)}
        for dept, role, code in (
            ("econ", "lead", "I1"),
            ("science", "lead", "I2"),
            ("science", "lead", "T1"),
            ("science", "lead", "M1"),
            ("science", "lead", "M2"),
            ("env", "lead", "I3"),
            ("env", "lead", "M3"),
            ("env", "lead", "M4"),
            ("env", "support", "I2"),
        ):
            target = {"item": items[code]} if code in items else {"task": tasks[code]}
            save_tracked(Assignment(plan=plan, department=departments[dept], role=role, **target))
        round = save_tracked(
            ReportingRound(
                plan=plan,
                name="2023年度",
                year=2023,
                status="open",
                deadline=timezone.localdate() + dt.timedelta(days=3),
            )
        )
        reporter, other = users["reporter"], users["other_reporter"]
        drafts = {
            code: workflow.record_observation(reporter, round, items[code], value=value)
            for code, value in (("I2", 61.0), ("T1", 120))
        }
        i1 = workflow.record_observation(users["coordinator"], round, items["I1"], value=6.0)
        progress = [
            workflow.record_progress(
                reporter, round, tasks["M1"], narrative="推进", percent=40, progress="in_progress"
            ),
            workflow.record_progress(
                reporter, round, tasks["M2"], narrative="推进", percent=50, progress="in_progress"
            ),
            workflow.record_progress(
                other, round, tasks["M3"], narrative="推进", percent=60, progress="in_progress"
            ),
        ]
        workflow.submit(reporter, progress[:2])
        workflow.submit(other, progress[2:])
    print(
        json.dumps(
            {
                "plan": plan.pk,
                "round": round.pk,
                "drafts": {code: o.pk for code, o in drafts.items()},
                "i1": i1.pk,
                "progress": [p.pk for p in progress],
                "tokens": {
                    name: Token.objects.get_or_create(user=user)[0].key
                    for name, user in users.items()
                },
                "password": PASSWORD,
            }
        )
    )


if __name__ == "__main__":
    main()
