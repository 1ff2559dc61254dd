"""The floor ``bench/web.py --floor`` measures planwatch against: Django with one view and no
database, middleware or templates, served by the same gunicorn as planwatch.

Run by the bench as ``gunicorn floor_app:application`` (from bench/); nothing of planwatch is
imported.
"""

from __future__ import annotations

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = "<!doctype html><title>floor</title><p>一个视图，没有数据库。</p>\n".encode()


def hello(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", hello)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-only-no-secrets-here",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)
django.setup()
application = get_wsgi_application()
