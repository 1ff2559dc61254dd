"""A context processor that fails as a lost database connection would (test_error_pages.py)."""

from django.db import OperationalError


def gone(request):
    raise OperationalError("server closed the connection unexpectedly")
