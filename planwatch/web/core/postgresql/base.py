"""Django's PostgreSQL backend, with the health check skipped for a connection in use just now.

``CONN_HEALTH_CHECKS`` sends ``SELECT 1`` before the first query of every request: a round trip
that costs a cached page a third of its time. A connection that ran a query less than
:data:`RECENT` seconds ago is taken as alive; one idle for longer is checked as before. Should
the server go away inside that second, the request that finds out fails, Django marks the
connection (``errors_occurred``) and closes it, and the next request opens a new one.
"""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

#: Seconds since its last cursor within which a connection is not checked again.
RECENT = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    _last_cursor_at = float("-inf")

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
