"""Two background workers on one database send each reminder once (SQLite here, PostgreSQL
when the suite runs on it): the same reminder task is queued twice and both workers run."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.utils import timezone

from tests.web.stack import TASKS, Stack, own_database

pytestmark = pytest.mark.slow


def test_a_reminder_goes_once_per_person_with_two_workers_running(tmp_path):
    with own_database() as url:
        stack = Stack(tmp_path, url)
        try:
            stack.migrate_and_seed()
            day = timezone.localdate().isoformat()  # the seeded deadline is 3 days away
            for _ in range(2):  # e.g. a cron job on two machines
                assert "已排入队列" in stack.run("-m", "planwatch", "remind", "--date", day)
            stack.worker("worker-1")
            stack.worker("worker-2")
            stack.wait_for_tasks()
            reminders = stack.sql(
                "SELECT n.key FROM notifications_notification n WHERE n.kind = 'deadline'"
            )
            done = stack.sql(f"SELECT status FROM {TASKS} WHERE task_path LIKE '%send_reminders'")
        finally:
            stack.close()
        mail = stack.output("worker-1") + stack.output("worker-2")
    assert sorted(s for (s,) in done) == ["SUCCESSFUL", "SUCCESSFUL"]
    # One per reporter with duties still to submit (science and environment), not two.
    assert len(reminders) == 2 and len({k for (k,) in reminders}) == 2
    assert mail.count("本部门还有") == 2, mail[-3000:]
    assert mail.count("To: reporter@example.invalid") == 2  # the round opened, the reminder


def test_remind_refuses_a_bad_date_in_one_chinese_line(tmp_path):
    stack = Stack(tmp_path)
    stack.env["LANG"] = "zh_CN.UTF-8"
    result = subprocess.run(
        [sys.executable, "-m", "planwatch", "remind", "--date", "2024-13-01"],
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "日期“2024-13-01”无效，应为 YYYY-MM-DD" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
