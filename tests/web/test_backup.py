"""``planwatch backup`` / ``planwatch restore``: a restored database shows the same pages and
history, and running servers' caches follow it without a restart."""

from __future__ import annotations

import re
import sqlite3

import pytest
from django.db import connection

from planwatch.errors import PlanwatchError
from planwatch.web import backup
from planwatch.web.history import revision
from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.services import workflow
from tests.web.test_cli import _run

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _pages(client, plan) -> dict[str, str]:
    """The pages a restore must give back exactly (the CSRF token differs on every page)."""
    item = MeasurableItem.objects.get(plan=plan, code="T1")
    urls = [
        f"/plans/{plan.pk}/?year=2023",
        f"/plans/{plan.pk}/tasks/",
        f"/history/plans/{plan.pk}/",
        f"/dashboard/items/{item.pk}/?year=2023",
        f"/api/items/{item.pk}/",
    ]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = CSRF.sub("", response.content.decode())
    return pages


def _history() -> list[tuple]:
    return list(
        ChangeRecord.objects.order_by("id").values_list("id", "action", "object_repr", "after")
    )


@pytest.mark.django_db(transaction=True)
def test_a_restored_database_shows_the_same_pages_and_history(open_round, users, login, tmp_path):
    t1 = MeasurableItem.objects.get(plan=open_round.plan, code="T1")
    obs = workflow.record_observation(users["reporter"], open_round, t1, value=150)
    workflow.submit(users["reporter"], [obs])
    workflow.approve(users["coordinator"], [obs])
    client = login(users["coordinator"])
    before, history = _pages(client, open_round.plan), _history()
    assert "150" in before[f"/plans/{open_round.plan_id}/?year=2023"]

    backup.backup(tmp_path / "planwatch.backup")
    saved_revision = revision.current(open_round.plan_id)
    obs.refresh_from_db()
    obs.value = 180
    save_tracked(obs, user=users["coordinator"], reason="更正")  # changed after the backup
    changed = _pages(client, open_round.plan)  # …and cached in this process
    assert "180" in changed[f"/plans/{open_round.plan_id}/?year=2023"]

    backup.restore(tmp_path / "planwatch.backup")

    # No restart: the revision differs from both states, so no cached page is served.
    restored_revision = revision.current(open_round.plan_id)
    assert restored_revision.every != saved_revision.every
    assert _pages(client, open_round.plan) == before
    assert _history() == history


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite online backup")
@pytest.mark.django_db(transaction=True)
def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(plan, tmp_path):
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE notes (text)").connection.commit()
    (tmp_path / "text.backup").write_text("not a database", encoding="utf-8")
    for path in (other, tmp_path / "text.backup", tmp_path / "missing.backup"):
        with pytest.raises(PlanwatchError) as refused:
            backup.restore(path)
        assert str(path) in str(refused.value)
    assert "不是 planwatch 的数据库备份" in str(refused.value) or "不存在" in str(refused.value)
    assert MeasurableItem.objects.filter(plan=plan).count() == 4


def test_backup_then_restore_from_the_command_line(tmp_path):
    from planwatch.outline import sample_outline_path

    assert _run(tmp_path, "plan", "import", str(sample_outline_path()), "--confirm").returncode == 0
    made = _run(tmp_path, "backup", str(tmp_path / "one-plan.backup"))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("SQLite 备份已写入")
    assert _run(tmp_path, "plan", "import", str(sample_outline_path())).returncode == 0
    assert _run(tmp_path, "plan", "list").stdout.count("2020–2025") == 2
    restored = _run(tmp_path, "restore", str(tmp_path / "one-plan.backup"))
    assert restored.returncode == 0, restored.stderr
    assert _run(tmp_path, "plan", "list").stdout.count("2020–2025") == 1
    refused = _run(tmp_path, "restore", str(tmp_path / "nothing.backup"))
    assert refused.returncode == 2
    assert refused.stderr.startswith("planwatch: 错误: 备份文件不存在"), refused.stderr
