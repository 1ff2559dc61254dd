"""URL map: one address space for every app."""

from django.contrib import admin
from django.urls import include, path

from planwatch.web.core.views import home

urlpatterns = [
    path("", home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("planwatch.web.accounts.urls")),
    path("plans/", include("planwatch.web.plans.urls")),
    path("reporting/", include("planwatch.web.reporting.urls")),
    path("supervision/", include("planwatch.web.supervision.urls")),
    path("annual/", include("planwatch.web.annual.urls")),
    path("roadmap/", include("planwatch.web.roadmap.urls")),
    path("history/", include("planwatch.web.core.history_urls")),
    path("api/", include("planwatch.web.api.urls")),
    path("dashboard/", include("planwatch.web.dashboard.urls")),
    path("public/", include("planwatch.web.portal.urls")),
    path("evaluation/", include("planwatch.web.evaluation.urls")),
    path("surveys/", include("planwatch.web.surveys.urls")),
    path("notifications/", include("planwatch.web.notifications.urls")),
    path("admin/", admin.site.urls),
]

# Error pages in the site's layout and the visitor's language (core.error_pages).
handler400 = "planwatch.web.core.error_pages.bad_request"
handler403 = "planwatch.web.core.error_pages.permission_denied"
handler404 = "planwatch.web.core.error_pages.page_not_found"
handler500 = "planwatch.web.core.error_pages.server_error"
