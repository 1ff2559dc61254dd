"""Reporting rounds (read) and observations (read, push, correct, submit, approve, return)."""

from __future__ import annotations

from typing import ClassVar

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from planwatch.web.api.errors import REFUSALS, conflict_response
from planwatch.web.api.push import push_observation, record_figures
from planwatch.web.api.serializers import reporting as serializers
from planwatch.web.api.serializers.reporting import check_unit
from planwatch.web.api.views.base import WRITE_ERRORS, ReadOnlyViewSet, RulesMixin
from planwatch.web.reporting import filtersets as filters
from planwatch.web.reporting.models import Observation, ReportingRound
from planwatch.web.reporting.services import workflow

#: Most figures one request may push; a statistics office sends a plan's indicators at once.
MAX_BATCH = 500


class RoundViewSet(ReadOnlyViewSet):
    queryset = ReportingRound.objects.all()
    serializer_class = serializers.RoundSerializer
    filterset_class = filters.RoundFilter


@extend_schema_view(
    create=extend_schema(
        request=serializers.ObservationPushSerializer,
        responses={201: serializers.ObservationSerializer, 200: serializers.ObservationSerializer}
        | WRITE_ERRORS,
        description=(
            "报送一个指标数据（或一个数组，全部成功或全部不写入）。已有同年份数据时须带 version。"
            " Push one figure, or a JSON array of them (all or nothing)."
        ),
    ),
    update=extend_schema(
        request=serializers.ObservationEditSerializer,
        responses={200: serializers.ObservationSerializer} | WRITE_ERRORS,
    ),
    partial_update=extend_schema(
        request=serializers.ObservationEditSerializer,
        responses={200: serializers.ObservationSerializer} | WRITE_ERRORS,
    ),
)
class ObservationViewSet(
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Observation.objects.all()
    filterset_class = filters.ObservationFilter
    related = ("item", "entered_by", "reviewed_by")
    #: The rule action each write checks on the record (core.rules).
    rule_actions: ClassVar[dict[str, str]] = {
        "update": "change",
        "partial_update": "change",
        "submit": "submit",
        "approve": "review",
        "return_": "review",
    }

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.ObservationPushSerializer
        if self.action in ("update", "partial_update"):
            return serializers.ObservationEditSerializer
        if self.action in ("submit", "approve", "return_"):
            return serializers.ReviewSerializer
        return serializers.ObservationSerializer

    def create(self, request, *args, **kwargs):
        many = isinstance(request.data, list)
        if many and not 0 < len(request.data) <= MAX_BATCH:
            raise ValidationError(
                {"non_field_errors": [_("一次可报送 1–%(max)s 条数据。") % {"max": MAX_BATCH}]}
            )
        pushes = request.data if many else [request.data]
        checked = [self.get_serializer(data=push) for push in pushes]
        if not all([s.is_valid() for s in checked]):  # validate all: report every bad row
            raise ValidationError([s.errors for s in checked] if many else checked[0].errors)
        results = []
        with transaction.atomic():
            for n, (push, serializer) in enumerate(zip(pushes, checked, strict=True)):
                try:
                    results.append(
                        push_observation(
                            request.user,
                            serializer.validated_data,
                            period_given=isinstance(push, dict) and "period" in push,
                        )
                    )
                except REFUSALS as exc:
                    if many:
                        exc.batch_index = n  # the error response names the row: errors.py
                    raise
        body = [self.shown(o) for o, _created in results]
        created = any(c for _o, c in results)
        return Response(
            body if many else body[0],
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def update(self, request, *args, **kwargs):
        observation = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        current = {f: getattr(observation, f) for f in workflow.OBSERVATION_FIELDS}
        attrs = {**current, **serializer.validated_data}
        check_unit(attrs, observation.item, observation.year)
        saved = record_figures(
            request.user, observation.round, observation.item, attrs, year=observation.year
        )
        return Response(self.shown(saved))

    @extend_schema(responses={200: serializers.ObservationSerializer} | WRITE_ERRORS)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft (or a returned figure) for review."""
        return self._review(request, lambda user, obs, _comment: workflow.submit(user, [obs]))

    @extend_schema(responses={200: serializers.ObservationSerializer} | WRITE_ERRORS)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a submitted figure: from now on it counts in the assessment."""
        return self._review(
            request, lambda user, obs, comment: workflow.approve(user, [obs], comment)
        )

    @extend_schema(responses={200: serializers.ObservationSerializer} | WRITE_ERRORS)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Send a submitted figure back to the department with a comment saying what to fix."""
        return self._review(
            request,
            lambda user, obs, comment: workflow.return_for_revision(user, [obs], comment),
        )

    def _review(self, request, step):
        observation = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = serializer.validated_data.get("version")
        if version is not None and version != observation.version:
            return conflict_response(
                _("该数据已被他人修改（您读到的是第 %(expected)s 版，当前为第 %(current)s 版）。")
                % {"expected": version, "current": observation.version},
                observation.version,
            )
        step(request.user, observation, serializer.validated_data["comment"])
        return Response(self.shown(observation))

    def shown(self, observation: Observation) -> dict:
        return serializers.ObservationSerializer(
            observation, context=self.get_serializer_context()
        ).data
