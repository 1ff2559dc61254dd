"""Notifications end to end, in Chromium against planwatch as it runs in production: a gunicorn
server and two ``planwatch worker`` processes on one database, mail on the console.

The coordinator opens a round in the browser → the reporter's header counts it unread, the
inbox shows it and the workers print its mail. Then the deadline reminder is queued twice (a
cron job on two machines) with both workers running → the reporter's inbox and the mail hold
it once.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from tests.web.stack import TASKS, Stack, own_database

from ..conftest import PASSWORD
from .conftest import DESKTOP, Session

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_round_opened_and_a_reminder_reach_the_reporter_once(browser, tmp_path):
    with own_database() as url:
        stack = Stack(tmp_path, url)
        sessions: list[Session] = []
        try:
            facts = stack.migrate_and_seed()  # its 2023 round is due in three days
            server = stack.server("web", threads=4)
            stack.worker("worker-1")
            stack.worker("worker-2")
            stack.wait_for_tasks()  # what the seed queued (the 2023 round opened)
            base = f"http://127.0.0.1:{server.port}"

            coordinator = Session(browser, base, DESKTOP)
            sessions.append(coordinator)
            log_in(coordinator, "coordinator")
            page = coordinator.open(f"/reporting/plans/{facts['plan']}/rounds/new/")
            page.get_by_label("名称").fill("2024年度")
            page.get_by_label("年份").fill("2024")
            deadline = timezone.localdate() + dt.timedelta(days=30)  # no reminder due yet
            page.get_by_label("截止日期").fill(deadline.isoformat())
            page.get_by_label("状态").select_option(label="填报中")
            page.get_by_role("button", name="保存", exact=True).click()
            page.wait_for_load_state()
            assert "已建立报送轮次" in page.locator(".messages").inner_text()
            stack.wait_for_tasks()

            reporter = Session(browser, base, DESKTOP)
            sessions.append(reporter)
            page = log_in(reporter, "reporter")
            badge = page.locator("a.inbox .badge.unread")
            assert badge.inner_text().strip() == "2"  # the 2023 round and the 2024 one
            badge.click()
            page.wait_for_load_state()
            notices = page.locator("li.notice")
            assert "2024年度开始填报" in notices.first.inner_text()
            mail = stack.output("worker-1") + stack.output("worker-2")
            opened = [m for m in mails(mail) if "2024年度已开启填报" in m]
            assert sum("To: reporter@example.invalid" in m for m in opened) == 1, mail[-3000:]

            day = timezone.localdate().isoformat()
            for _ in range(2):
                remind = [sys.executable, "-m", "planwatch", "remind", "--date", day]
                result = subprocess.run(
                    remind, env=stack.env, capture_output=True, text=True, timeout=120
                )
                assert result.returncode == 0 and "已排入队列" in result.stdout, result.stderr
            stack.wait_for_tasks()
            done = stack.sql(f"SELECT status FROM {TASKS} WHERE task_path LIKE '%send_reminders'")
            assert sorted(s for (s,) in done) == ["SUCCESSFUL", "SUCCESSFUL"]

            page.reload()
            reminders = page.locator("li.notice", has_text="本部门还有")
            assert reminders.count() == 1
            assert "截止日期" in reminders.first.inner_text()
            mail = settled_mail(stack)
            sent = [m for m in mails(mail) if "本部门还有" in m]
            assert len(sent) == 2, mail[-3000:]  # one per reporter with duties left
            assert sum("To: reporter@example.invalid" in m for m in sent) == 1
            for session in sessions:
                assert not session.errors and not session.foreign
        finally:
            for session in sessions:
                session.context.close()
            stack.close()


def log_in(session: Session, username: str):
    page = session.open("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url
    return page


def mails(output: str) -> list[str]:
    """The console backend's messages, each from its headers to the separator line."""
    return [m for m in output.split("-" * 79) if "Subject:" in m]


def settled_mail(stack: Stack, seconds: float = 10) -> str:
    """The workers' output once it stops growing (a message is printed after its task ends)."""
    previous, deadline = None, time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = stack.output("worker-1") + stack.output("worker-2")
        if output == previous:
            return output
        previous = output
        time.sleep(0.5)
    return previous or ""
