"""Several app servers on one PostgreSQL with a shared background queue, and faults.

Two gunicorn servers (separate processes, each with its own local-memory cache) and two
background workers run on one database, as a deployment that outgrew one machine does:

- a figure saved through one server is shown at once by the other, even on a page the other
  had cached just before;
- a reminder is sent once;
- a server's worker killed with SIGKILL in the middle of an approval, and of an Excel upload,
  leaves all of it or none of it in the database, and the next request works.

"In the middle" is made certain, not left to timing: the test holds a row lock on the last
record the request will write, waits until the request is blocked there — having already
written the records before it — and kills the process then. Skipped on SQLite: one machine.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
import time

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.web.stack import Browser, Stack, api, own_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("PLANWATCH_TEST_DB") != "postgresql",
        reason="scale-out is tested on PostgreSQL (PLANWATCH_TEST_DB=postgresql)",
    ),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    with own_database() as url:
        stack = Stack(tmp_path_factory.mktemp("scale-out"), url)
        try:
            facts = stack.migrate_and_seed()
            servers = stack.server("app-a"), stack.server("app-b")
            stack.worker("worker-1")
            stack.worker("worker-2")
            stack.wait_for_tasks()
            yield stack, facts, servers
        finally:
            stack.close()


def test_a_figure_saved_through_one_server_is_shown_at_once_by_the_other(deployment):
    _stack, facts, (a, b) = deployment
    token, i1 = facts["tokens"]["coordinator"], facts["i1"]
    path = f"/api/plans/{facts['plan']}/assessment/?year=2023"
    status, before = api(b, "GET", path, token)  # B computes and caches the assessment
    assert status == 200
    assert _item(before, "I1")["latest_value"] is None
    status, shown = api(b, "GET", f"/api/observations/{i1}/", token)
    assert status == 200 and shown["value"] == 6.0

    status, saved = api(
        a, "PATCH", f"/api/observations/{i1}/", token, {"value": 6.5, "version": shown["version"]}
    )
    assert status == 200, saved
    assert api(b, "GET", f"/api/observations/{i1}/", token)[1]["value"] == 6.5
    assert api(a, "POST", f"/api/observations/{i1}/submit/", token, {})[0] == 200
    assert api(a, "POST", f"/api/observations/{i1}/approve/", token, {"comment": ""})[0] == 200
    status, after = api(b, "GET", path, token)  # B's cache entry is for the older revision
    assert _item(after, "I1")["latest_value"] == 6.5


def test_a_reminder_is_sent_once_and_shown_by_either_server(deployment):
    stack, facts, (a, b) = deployment
    day = timezone.localdate().isoformat()
    for _ in range(2):
        stack.run("-m", "planwatch", "remind", "--date", day)
    stack.wait_for_tasks()
    rows = stack.sql("SELECT key FROM notifications_notification WHERE kind = 'deadline'")
    assert len(rows) == 2  # the science and the environment reporter, once each
    reporter = Browser()
    reporter.log_in(a, "reporter", facts["password"])
    status, page = reporter.get(b, "/notifications/")  # the session works on either server
    assert status == 200 and "2023年度还有3天截止" in page
    mail = stack.output("worker-1") + stack.output("worker-2")
    assert mail.count("本部门还有") == 2


def test_a_worker_killed_in_the_middle_of_an_approval_leaves_none_of_it(deployment):
    stack, facts, (a, _b) = deployment
    coordinator = Browser()
    coordinator.log_in(a, "coordinator", facts["password"])
    progress = facts["progress"]  # M1, M2 (science), M3 (environment): submitted
    review = f"/reporting/rounds/{facts['round']}/review/"
    fields = [("progress", str(pk)) for pk in progress] + [("decision", "approve")]
    before = _changes(stack)

    def approve():
        return coordinator.post(a, review, fields, form_page="/notifications/")

    with _row_lock(stack, "reporting_taskprogress", progress[-1]) as lock:
        request = _in_background(approve)
        blocked = _wait_until_blocked(lock)
        assert _has_written(lock, blocked, "history_changerecord")  # M1 and M2 logged already
        _kill_worker(a)
    request.join(30)
    _wait_gone(lock, blocked)
    statuses = stack.sql(
        f"SELECT status FROM reporting_taskprogress WHERE id IN ({_ids(progress)})"
    )
    assert {s for (s,) in statuses} == {"submitted"}  # none of it
    assert _changes(stack) == before

    _wait_for_new_worker(a)
    status, _, _ = approve()  # the next request works
    assert status == 302
    statuses = stack.sql(
        f"SELECT status FROM reporting_taskprogress WHERE id IN ({_ids(progress)})"
    )
    assert {s for (s,) in statuses} == {"approved"}  # all of it


def test_a_worker_killed_in_the_middle_of_an_excel_upload_leaves_none_of_it(deployment):
    stack, facts, (_a, b) = deployment
    reporter = Browser()
    reporter.log_in(b, "reporter", facts["password"])
    round = facts["round"]
    status, _, data = reporter.send(b, "GET", f"/reporting/rounds/{round}/template.xlsx")
    assert status == 200
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    rows = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
    sheet.cell(rows["I2"], 5).value = 61.5
    sheet.cell(rows["T1"], 5).value = 130
    buffer = io.BytesIO()
    workbook.save(buffer)
    drafts = facts["drafts"]
    last = max(("I2", "T1"), key=rows.get)  # the row the upload writes second
    figures = (
        "SELECT value, version FROM reporting_observation "
        f"WHERE id IN ({_ids(drafts.values())}) ORDER BY id"
    )
    before, changes = stack.sql(figures), _changes(stack)
    upload = f"/reporting/rounds/{round}/upload/"
    with _row_lock(stack, "reporting_observation", drafts[last]) as lock:
        request = _in_background(
            lambda: reporter.upload(b, upload, "filled.xlsx", buffer.getvalue(), XLSX)
        )
        blocked = _wait_until_blocked(lock)
        assert _has_written(lock, blocked, "history_changerecord")  # the first row is saved
        _kill_worker(b)
    request.join(30)
    _wait_gone(lock, blocked)
    assert stack.sql(figures) == before  # none of it
    assert _changes(stack) == changes

    _wait_for_new_worker(b)
    status, _, page = reporter.upload(b, upload, "filled.xlsx", buffer.getvalue(), XLSX)
    assert status == 200, page.decode()[-2000:]
    assert sorted(v for v, _ in stack.sql(figures)) == [61.5, 130.0]  # all of it


# -- helpers ----------------------------------------------------------------------------------


def _item(assessment: dict, code: str) -> dict:
    items = [*assessment["indicators"], *assessment["targets"]]
    return next(i for i in items if i["code"] == code)


def _ids(ids) -> str:
    return ", ".join(str(int(i)) for i in ids)


def _changes(stack: Stack) -> int:
    return stack.sql("SELECT COUNT(*) FROM history_changerecord")[0][0]


class _row_lock:
    """``SELECT … FOR UPDATE`` on one row, held in the test's own transaction until exit."""

    def __init__(self, stack: Stack, table: str, pk: int) -> None:
        import psycopg

        self.connection = psycopg.connect(stack.env["DATABASE_URL"])
        self.table, self.pk = table, pk

    def __enter__(self):
        self.connection.execute(f"SELECT id FROM {self.table} WHERE id = %s FOR UPDATE", [self.pk])
        return self.connection

    def __exit__(self, *exc):
        self.connection.rollback()  # releases the lock: the killed request's backend goes on
        return False


def _in_background(call) -> threading.Thread:
    def run():
        with contextlib.suppress(OSError):  # the server's worker died under the request
            call()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _wait_until_blocked(lock, seconds: float = 30) -> int:
    """The backend of the request, once it waits for the test's lock (and nobody else's)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = lock.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
        ).fetchall()
        if rows:
            return rows[0][0]
        time.sleep(0.05)
    raise AssertionError("the request never reached the locked row")


def _has_written(lock, pid: int, table: str) -> bool:
    """Whether backend ``pid`` holds the lock that inserting into ``table`` takes."""
    return bool(
        lock.execute(
            "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = %s AND c.relname = %s AND l.mode = 'RowExclusiveLock'",
            [pid, table],
        ).fetchall()
    )


def _kill_worker(server) -> None:
    [pid] = server.worker_pids()
    server.killed = pid
    os.kill(pid, signal.SIGKILL)


def _wait_gone(lock, pid: int, seconds: float = 30) -> None:
    """Until PostgreSQL has ended the killed request's backend (and rolled it back)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lock.rollback()
        alive = lock.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchall()
        lock.rollback()
        if not alive:
            return
        time.sleep(0.1)
    raise AssertionError(f"backend {pid} still there {seconds} s after its client was killed")


def _wait_for_new_worker(server, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = server.worker_pids()
        if pids and server.killed not in pids:
            server.wait_until_up()
            return
        time.sleep(0.1)
    raise AssertionError("gunicorn did not replace its killed worker")
