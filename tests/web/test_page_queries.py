"""What every signed-in page asks the database once: the demo banner's question, the user with
their department (PostgreSQL's own round trips: ``test_postgresql_backend``)."""

from __future__ import annotations

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
