"""The site's URLs plus one address that fails, to see the 500 page (test_error_pages.py)."""

from django.urls import path

from planwatch.web import urls as site


def failing_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("failing/", failing_view), *site.urlpatterns]
handler400, handler403 = site.handler400, site.handler403
handler404, handler500 = site.handler404, site.handler500
