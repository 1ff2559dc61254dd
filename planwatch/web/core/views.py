"""Site-wide pages: where the root address sends each visitor."""

from django.shortcuts import redirect

from planwatch.web.core.roles import Role


def home(request):
    """Reporters land on their to-do list, others on the plans; the public on the portal."""
    user = request.user
    if not user.is_authenticated:
        return redirect("portal:index")
    if user.role == Role.REPORTER and not user.is_superuser:
        return redirect("reporting:todo")
    return redirect("plans:list")
