"""What every signed-in page asks the database once: the demo banner's question, the user with
their department; and on PostgreSQL, no health check for a connection in use just now."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def _sql(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_round_page_asks_for_demo_data_and_the_department_once(open_round, users, login):
    client = login(users["coordinator"])
    sql = _sql(client, f"/reporting/rounds/{open_round.pk}/")  # renders several templates
    assert sum('"plans_plan"."is_demo") LIMIT 1' in q for q in sql) == 1
    assert not any(q.startswith('SELECT "plans_department"."id", "plans_department"."version"')
                   for q in sql)  # fmt: skip
    user_queries = [q for q in sql if q.startswith('SELECT "accounts_user"."id"')]
    assert len(user_queries) == 1 and '"plans_department"' in user_queries[0]


def test_the_header_names_the_reporters_department(open_round, users, login):
    reporter = users["reporter"]
    page = login(reporter).get(f"/reporting/rounds/{open_round.pk}/").content.decode()
    assert f"· {reporter.department}" in page


@pytest.mark.django_db(transaction=True)
def test_postgresql_checks_a_connection_only_after_a_second_idle(monkeypatch):
    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend's own behaviour")
    from planwatch.web.core.postgresql import base

    assert isinstance(connections["default"], base.DatabaseWrapper)

    checks = []
    monkeypatch.setattr(base.DatabaseWrapper, "is_usable", lambda self: checks.append(1) or True)
    now = [1000.0]
    monkeypatch.setattr(base.time, "monotonic", lambda: now[0])
    assert connection.health_check_enabled

    def request() -> None:
        connection.close_if_unusable_or_obsolete()  # what Django does as a request starts
        with connection.cursor() as cursor:
            cursor.execute("SELECT 2")
            assert cursor.fetchone() == (2,)

    request()  # the first use of the connection opened in this test
    request()
    now[0] += 0.5
    request()
    assert checks == []  # in use moments ago: taken as alive
    now[0] += 1.5
    request()
    assert checks == [1]  # idle for longer than a second: checked as before
    connection.errors_occurred = True
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    assert checks == [1, 1]  # after an error, always checked
