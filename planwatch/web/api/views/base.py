"""What every API view shares: the access rules, throttling, filters and error mapping."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets

from planwatch.web.api.errors import api_exception_handler
from planwatch.web.api.permissions import FollowsAccessRules
from planwatch.web.api.throttling import AnonThrottle, UserThrottle

#: The refusals every writing endpoint may answer with, for the OpenAPI schema.
WRITE_ERRORS = {
    400: OpenApiResponse(description="字段错误，按字段列出 (field errors)"),
    403: OpenApiResponse(description="无权操作 (not allowed by the access rules)"),
    409: OpenApiResponse(description="版本冲突：记录已被他人修改 (stale version)"),
}


def write_schemas(create, edit, shown) -> dict:
    """``extend_schema_view`` arguments of a create/update/partial-update viewset: what each
    action takes, the record it answers with, and the refusals."""
    return {
        "create": extend_schema(request=create, responses={201: shown} | WRITE_ERRORS),
        "update": extend_schema(request=edit, responses={200: shown} | WRITE_ERRORS),
        "partial_update": extend_schema(request=edit, responses={200: shown} | WRITE_ERRORS),
    }


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
