"""planwatch's PostgreSQL backend (``planwatch.web.core.postgresql``) gives Django's answers with
fewer round trips and less work per query: checked on the PostgreSQL pass of the suite."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, connections
from django.db.models import FilteredRelation
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext

from planwatch.web.plans.models import MeasurableItem, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend's own behaviour")


def _one(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def test_timestamps_are_read_as_django_reads_them():
    from planwatch.web.core.postgresql import base

    (value,) = _one("SELECT '2021-03-04 05:06:07.123456+08'::timestamptz")
    assert value == datetime.datetime(2021, 3, 3, 21, 6, 7, 123456, tzinfo=datetime.UTC)
    assert value.tzinfo is datetime.UTC  # what Django's own loader attaches
    loader = connection.connection.adapters.get_loader(1184, 0)  # timestamptz, text
    assert loader is base.UtcTimestampLoader
    assert _one("SELECT NULL::timestamptz") == (None,)


def test_a_saved_timestamp_comes_back_unchanged():
    plan = Plan.objects.create(title="某区“十四五”规划纲要", base_year=2020, target_year=2025)
    stored = Plan.objects.values_list("created_at", flat=True).get(pk=plan.pk)
    assert stored == plan.created_at and stored.tzinfo is datetime.UTC


def test_a_dollar_sign_in_an_alias_is_still_refused():
    with pytest.raises(ValueError, match="Dollar signs"):
        list(
            Plan.objects.annotate(**{"a$b": FilteredRelation("items")}).filter(**{"a$b__code": "1"})
        )


def test_join_types_are_compared_once_per_pair_of_fields(monkeypatch):
    from django.db.models import BigAutoField

    built = []
    original = BigAutoField.rel_db_type
    monkeypatch.setattr(
        BigAutoField,
        "rel_db_type",
        lambda self, connection: built.append(1) or original(self, connection),
    )
    connection.ops._join_casts.clear()
    sql = str(MeasurableItem.objects.filter(plan__title="x").query)
    assert (
        'INNER JOIN "plans_plan" ON ("plans_measurableitem"."plan_id" = "plans_plan"."id")' in sql
    )
    assert len(built) == 1
    str(MeasurableItem.objects.filter(plan__title="y").query)
    assert len(built) == 1  # the pair's answer is kept


def test_columns_of_different_types_are_still_cast_in_a_join():
    ops = connection.ops
    plan_id, plan_title = Plan._meta.pk, Plan._meta.get_field("title")
    for _ in range(2):  # computed, then from the kept answer
        _, rhs = ops.prepare_join_on_clause("a", plan_title, "b", plan_id)
        assert isinstance(rhs, Cast) and rhs.output_field is plan_title
        _, rhs = ops.prepare_join_on_clause("a", plan_id, "b", plan_id)
        assert not isinstance(rhs, Cast)


def test_a_query_run_again_and_again_is_prepared_once():
    def prepared() -> int:
        return _one("SELECT count(*) FROM pg_prepared_statements")[0]

    before = prepared()
    for _ in range(6):
        list(Plan.objects.filter(title="不存在的规划"))
    assert prepared() == before + 1


def test_iterating_a_queryset_opens_no_server_side_cursor():
    """Django iterates a form's select box with ``.iterator()``: one query, not five round trips."""
    Plan.objects.create(title="某县规划纲要", base_year=2020, target_year=2025)
    with CaptureQueriesContext(connection) as captured:
        assert len(list(Plan.objects.iterator())) >= 1
    assert [q for q in captured.captured_queries if "DECLARE" in q["sql"]] == []


@pytest.mark.django_db(transaction=True)
def test_a_connection_is_checked_only_after_a_second_idle(monkeypatch):
    from planwatch.web.core.postgresql import base

    assert isinstance(connections["default"], base.DatabaseWrapper)

    checks = []
    monkeypatch.setattr(base.DatabaseWrapper, "is_usable", lambda self: checks.append(1) or True)
    now = [1000.0]
    monkeypatch.setattr(base.time, "monotonic", lambda: now[0])
    assert connection.health_check_enabled

    def request() -> None:
        connection.close_if_unusable_or_obsolete()  # what Django does as a request starts
        assert _one("SELECT 2") == (2,)

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
