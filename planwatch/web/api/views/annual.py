"""Annual targets (read, create, correct, confirm, approve) and target shares (read, report)."""

from __future__ import annotations

from typing import ClassVar

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from planwatch.web.annual import filtersets as filters
from planwatch.web.annual import services
from planwatch.web.api.errors import conflict_response
from planwatch.web.api.serializers import annual as serializers
from planwatch.web.api.views.base import WRITE_ERRORS, RulesMixin
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.models import AnnualTarget, ShareFigure, TargetShare, TargetState


def _stale(obj, version: int | None):
    if version is not None and version != obj.version:
        return conflict_response(
            _("该记录已被他人修改（您读到的是第 %(expected)s 版，当前为第 %(current)s 版）。")
            % {"expected": version, "current": obj.version},
            obj.version,
        )
    return None


@extend_schema_view(
    create=extend_schema(
        request=serializers.AnnualTargetCreateSerializer,
        responses={201: serializers.AnnualTargetSerializer} | WRITE_ERRORS,
        description="新增一个指标某年的年度目标（规划牵头部门）。 Add one year's target.",
    ),
    partial_update=extend_schema(
        request=serializers.AnnualTargetEditSerializer,
        responses={200: serializers.AnnualTargetSerializer} | WRITE_ERRORS,
        description="修改年度目标；修改后须重新确认和批准。 A change sends it back to proposed.",
    ),
)
class AnnualTargetViewSet(
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = AnnualTarget.objects.all()
    filterset_class = filters.AnnualTargetFilter
    related = ("item",)
    http_method_names = ("get", "post", "patch", "head", "options")
    rule_actions: ClassVar[dict[str, str]] = {
        "partial_update": "change",
        "confirm": "submit",
        "approve": "review",
    }

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.AnnualTargetCreateSerializer
        if self.action == "partial_update":
            return serializers.AnnualTargetEditSerializer
        if self.action in ("confirm", "approve"):
            return serializers.StepSerializer
        return serializers.AnnualTargetSerializer

    def create(self, request, *args, **kwargs):
        if role_of(request.user) not in MANAGE:
            raise PermissionDenied(_("只有规划牵头部门可以设定年度目标。"))
        data = self._valid(request.data)
        plan = Plan.objects.filter(pk=data["plan"]).first()
        item = plan and MeasurableItem.objects.filter(plan=plan, code=data["item"]).first()
        if item is None:
            raise ValidationError({"item": [_("规划中没有该指标编码。")]})
        try:
            years.parse_year(str(data["year"]), plan)
        except years.YearError as exc:
            raise ValidationError({"year": [exc.message]}) from None
        if AnnualTarget.objects.filter(item=item, year=data["year"]).exists():
            raise ValidationError({"year": [_("该指标该年度已有年度目标；请修改已有记录。")]})
        row = AnnualTarget(
            item=item,
            year=data["year"],
            value=data["value"],
            comparator=data.get("comparator") or "",
            source=data.get("source") or "",
        )
        save_tracked(row, user=request.user)
        return Response(self.shown(row), status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        data = self._valid(request.data)
        for name in ("value", "comparator", "source"):
            if name in data:
                setattr(row, name, data[name])
        row.state, row.confirmed_by, row.approved_by = TargetState.PROPOSED, None, None
        save_tracked(row, user=request.user, expected_version=data["version"])
        return Response(self.shown(row))

    @extend_schema(responses={200: serializers.AnnualTargetSerializer} | WRITE_ERRORS)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """The lead department confirms a proposed target."""
        return self._step(request, services.confirm)

    @extend_schema(responses={200: serializers.AnnualTargetSerializer} | WRITE_ERRORS)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The coordinator approves: from now on the year is judged by this target."""
        return self._step(request, services.approve)

    def _step(self, request, step):
        row = self.get_object()
        version = self._valid(request.data).get("version")
        stale = _stale(row, version)
        if stale is not None:
            return stale
        step(request.user, row, version)
        return Response(self.shown(row))

    def _valid(self, data) -> dict:
        serializer = self.get_serializer(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def shown(self, row) -> dict:
        return serializers.AnnualTargetSerializer(row, context=self.get_serializer_context()).data


@extend_schema_view(
    figures=extend_schema(
        request=serializers.ShareFigurePushSerializer,
        responses={200: serializers.TargetShareSerializer, 201: serializers.TargetShareSerializer}
        | WRITE_ERRORS,
    )
)
class TargetShareViewSet(
    RulesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = TargetShare.objects.prefetch_related("figures")
    serializer_class = serializers.TargetShareSerializer
    filterset_class = filters.TargetShareFilter
    related = ("item",)
    rule_actions: ClassVar[dict[str, str]] = {"figures": "report"}

    def get_serializer_class(self):
        if self.action == "figures":
            return serializers.ShareFigurePushSerializer
        return serializers.TargetShareSerializer

    @action(detail=True, methods=["post"])
    def figures(self, request, pk=None):
        """The share's department reports (or corrects, with the version) a year's figure."""
        share = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            years.parse_year(str(data["year"]), share.item.plan)
        except years.YearError as exc:
            raise ValidationError({"year": [exc.message]}) from None
        figure = ShareFigure.objects.filter(share=share, year=data["year"]).first()
        created = figure is None
        if created:
            figure = ShareFigure(share=share, year=data["year"])
        elif "version" not in data:
            return conflict_response(
                _("该年份已有数据（第 %(version)s 版）；如需修改，请带上 version。")
                % {"version": figure.version},
                figure.version,
                id=figure.pk,
            )
        figure.value, figure.source, figure.entered_by = data["value"], data["source"], request.user
        save_tracked(figure, user=request.user, expected_version=data.get("version"))
        if not allowed(request.user, "view", share):
            raise NotFound
        body = serializers.TargetShareSerializer(
            TargetShare.objects.prefetch_related("figures").get(pk=share.pk),
            context=self.get_serializer_context(),
        ).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
