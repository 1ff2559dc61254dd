"""URL map. Parts owned by other modules (API, dashboards, portal) are included when present."""

import importlib.util

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from planwatch.web.core.views import home

urlpatterns = [
    path("", home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("planwatch.web.accounts.urls")),
    path("plans/", include("planwatch.web.plans.urls")),
    path("reporting/", include("planwatch.web.reporting.urls")),
    path("history/", include("planwatch.web.history.urls")),
    path("admin/", admin.site.urls),
]

_OPTIONAL_URLS = {
    "planwatch.web.api": "api/",
    "planwatch.web.dashboard": "dashboard/",
    "planwatch.web.portal": "public/",
    "planwatch.web.evaluation": "evaluation/",
}
for _app in settings.OPTIONAL_APPS:
    if importlib.util.find_spec(f"{_app}.urls") is not None:
        urlpatterns.append(path(_OPTIONAL_URLS[_app], include(f"{_app}.urls")))
