"""Django's PostgreSQL backend with less work per query: the health check skipped for a
connection in use just now, timestamps read by psycopg's compiled loader, a join's column types
compared once per pair of fields (and, in ``compiler``, quoted names answered from the cache).

``CONN_HEALTH_CHECKS`` sends ``SELECT 1`` before the first query of every request: a round trip
that costs a cached page a third of its time. A connection that ran a query less than
:data:`RECENT` seconds ago is taken as alive; one idle for longer is checked as before. Should
the server go away inside that second, the request that finds out fails, Django marks the
connection (``errors_occurred``) and closes it, and the next request opens a new one.

Django reads every ``timestamptz`` through a Python subclass of psycopg's loader (to attach its
own time zone), which keeps psycopg from using its compiled one: about 4 µs a value against
0.3 µs, a tenth of a report page's database time. With ``USE_TZ`` Django sets each connection's
``TimeZone`` to UTC, and psycopg's own loader then gives the very same values
(:class:`UtcTimestampLoader`).
"""

from __future__ import annotations

import datetime
import functools
import time

from django.db.backends.postgresql import base, operations
from django.db.models.functions import Cast
from psycopg import adapt, adapters
from psycopg.postgres import types
from psycopg.pq import Format

#: Seconds since its last cursor within which a connection is not checked again.
RECENT = 1.0


class UtcTimestampLoader:
    """psycopg's own (compiled, when installed) ``timestamptz`` loader, with the ``timezone``
    Django's ``create_cursor`` compares with its own. The compiled class can be neither
    subclassed nor given attributes, so this class stands for it in the adapters map and makes
    one of psycopg's loaders whenever psycopg asks for a loader."""

    timezone = datetime.UTC
    format = Format.TEXT

    def __new__(cls, oid: int, context=None):
        return _PSYCOPG_LOADER(oid, context)


_PSYCOPG_LOADER = adapters.get_loader(types["timestamptz"].oid, Format.TEXT)


@functools.cache
def _adapters_reading_utc(template: adapt.AdaptersMap) -> adapt.AdaptersMap:
    """Django's adapters (one map per time zone, made once) with the UTC loader in its place."""
    context = adapt.AdaptersMap(template)
    context.register_loader("timestamptz", UtcTimestampLoader)
    return context


class DatabaseOperations(operations.DatabaseOperations):
    compiler_module = "planwatch.web.core.postgresql.compiler"

    def __init__(self, connection):
        super().__init__(connection)
        self._join_casts: dict[tuple, bool] = {}

    def prepare_join_on_clause(self, lhs_table, lhs_field, rhs_table, rhs_field):
        """Django's join, with the two columns' types compared once per pair of fields: for a
        key to a ``BigAutoField`` the comparison builds a ``BigIntegerField`` every time
        (~10 µs, 20 joins on a report page)."""
        lhs_expr, rhs_expr = super(operations.DatabaseOperations, self).prepare_join_on_clause(
            lhs_table, lhs_field, rhs_table, rhs_field
        )
        if self._types_differ(lhs_field, rhs_field):
            rhs_expr = Cast(rhs_expr, lhs_field)
        return lhs_expr, rhs_expr

    def _types_differ(self, lhs_field, rhs_field) -> bool:
        pair = (lhs_field, rhs_field)
        differ = self._join_casts.get(pair)
        if differ is None:
            differ = lhs_field.db_type(self.connection) != rhs_field.db_type(self.connection)
            self._join_casts[pair] = differ
        return differ


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    _last_cursor_at = float("-inf")

    def get_connection_params(self):
        params = super().get_connection_params()
        # Only where Django's loader would attach UTC to a value read in a UTC session.
        if self.timezone is datetime.UTC and self.timezone_name == "UTC":
            params["context"] = _adapters_reading_utc(params["context"])
        return params

    def create_cursor(self, name=None):
        self._last_cursor_at = time.monotonic()
        return super().create_cursor(name)

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.errors_occurred
            and time.monotonic() - self._last_cursor_at < RECENT
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
