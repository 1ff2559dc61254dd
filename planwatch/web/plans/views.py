"""Plans: list, import and review, detail, corrections, assignments."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from planwatch.web.plans.models import Plan


class PlanListView(LoginRequiredMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return Plan.objects.restrict(self.request.user, "view")
