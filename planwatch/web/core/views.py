"""Site-wide pages: where the root address sends each visitor."""

from django.conf import settings
from django.shortcuts import redirect

from planwatch.web.accounts.roles import Role


def home(request):
    """Reporters land on their to-do list, others on the plans; the public on the portal."""
    user = request.user
    if not user.is_authenticated:
        if "planwatch.web.portal" in settings.OPTIONAL_APPS:
            return redirect("/public/")
        return redirect("accounts:login")
    if user.role == Role.REPORTER and not user.is_superuser:
        return redirect("reporting:todo")
    return redirect("plans:list")
