"""Moving a model between apps keeps its rows: a database made by the older migrations still
holds its evaluators' notes, and their change log, after migrating forward."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("accounts", "0002_user_version"),
    ("plans", "0003_measurableitem_also_at"),
    ("history", "0002_revision"),
    ("evaluation", None),
]


@pytest.mark.django_db(transaction=True)
def test_notes_written_before_the_move_are_read_by_the_evaluation_app():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([n for n in BEFORE if n[1]]).apps
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="accounts", model="evaluationnote"
    )[0]
    user = old.get_model("accounts", "User").objects.create(username="pj", role="evaluator")
    plan = old.get_model("plans", "Plan").objects.create(
        title="示例规划", base_year=2020, target_year=2025
    )
    note = old.get_model("accounts", "EvaluationNote").objects.create(
        plan=plan, author=user, text="数据来源需注明。"
    )
    old.get_model("history", "ChangeRecord").objects.create(
        content_type=content_type,
        object_id=note.pk,
        object_repr="数据来源需注明。",
        action="create",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.contenttypes.models import ContentType

    from planwatch.web.evaluation.models import EvaluationNote
    from planwatch.web.history.services import history_of

    ContentType.objects.clear_cache()
    moved = EvaluationNote.objects.get(pk=note.pk)
    assert (moved.text, moved.author.username, moved.plan.title) == (
        "数据来源需注明。",
        "pj",
        "示例规划",
    )
    assert [r.object_repr for r in history_of(moved)] == ["数据来源需注明。"]
