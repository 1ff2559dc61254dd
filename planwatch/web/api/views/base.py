"""What every API view shares: the access rules, throttling, filters and error mapping."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from planwatch.web.api.errors import api_exception_handler
from planwatch.web.api.permissions import FollowsAccessRules
from planwatch.web.api.throttling import AnonThrottle, UserThrottle


class RulesMixin:
    """Querysets through ``restrict(user, "view")``; refusals from the shared services mapped."""

    permission_classes = (FollowsAccessRules,)
    throttle_classes = (AnonThrottle, UserThrottle)
    filter_backends = (DjangoFilterBackend,)
    #: Related rows every listed record needs, fetched in the same query.
    related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = self.queryset.all().restrict(self.request.user, "view")
        return queryset.select_related(*self.related) if self.related else queryset

    def get_exception_handler(self):
        return api_exception_handler


class ReadOnlyViewSet(RulesMixin, viewsets.ReadOnlyModelViewSet):
    """List and detail of rows the caller may see."""
