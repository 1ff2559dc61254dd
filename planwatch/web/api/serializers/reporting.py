"""Rounds and observations: what is read, and what a push or an edit must carry.

Pushes name the item by plan + code (the stable codes of the reporting template), never by a
database id, so the statistics office's system needs no copy of ours.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from planwatch.errors import InputError
from planwatch.web.core.numbers import parse_cell_number
from planwatch.web.plans.choices import Basis
from planwatch.web.reporting.choices import Period, ReviewStatus
from planwatch.web.reporting.models import Observation, ReportingRound
from planwatch.web.reporting.services import workflow


class RoundSerializer(serializers.ModelSerializer):
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = ReportingRound
        fields = (
            "id",
            "plan",
            "name",
            "year",
            "period",
            "opens_on",
            "deadline",
            "status",
            "is_published",
            "is_overdue",
            "is_demo",
            "version",
        )

    def get_is_overdue(self, obj: ReportingRound) -> bool:
        return obj.is_overdue()


class ObservationSerializer(serializers.ModelSerializer):
    """An observation as read; who entered and reviewed it only for signed-in callers."""

    plan = serializers.IntegerField(source="item.plan_id", read_only=True)
    item = serializers.CharField(source="item.code", read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    entered_by = serializers.CharField(source="entered_by.username", read_only=True, default=None)
    reviewed_by = serializers.CharField(source="reviewed_by.username", read_only=True, default=None)

    #: Left out for the anonymous public: names of staff and internal review remarks.
    STAFF_ONLY = ("entered_by", "reviewed_by", "review_comment")

    class Meta:
        model = Observation
        fields = (
            "id",
            "plan",
            "round",
            "item",
            "item_name",
            "year",
            "period",
            "value",
            "unit",
            "source",
            "note",
            "basis",
            "plausibility_flag",
            "status",
            "department",
            "entered_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
            "is_demo",
            "version",
            "created_at",
            "updated_at",
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            for name in self.STAFF_ONLY:
                data.pop(name, None)
        return data


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A JSON number, or a string read by core.numbers ("1,234.5"; "12%" when the unit is %)."""

    default_error_messages = {"invalid": _("数值应为数字。")}  # noqa: RUF012

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        return data  # read with the unit in FiguresSerializer.validate

    def to_representation(self, value):
        return value


class FiguresSerializer(serializers.Serializer):
    """The reported figure itself, checked the way the assessment engine will read it."""

    value = NumberField()
    unit = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("修改原因；修改已审核的数据时必填。"),
    )
    basis = serializers.ChoiceField(
        choices=Basis.choices,
        required=False,
        help_text=_(
            "annual 当年数；cumulative 自基期年起的累计数。缺省为指标的缺省口径（通常为当年）。"
        ),
    )
    confirmed = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "确认数值无误：较上年变化异常（超过3倍或正负号改变）的数值须为 true 才能保存，"
            "并提示审核人复核。"
        ),
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "value" in attrs:
            try:
                attrs["value"] = parse_cell_number(attrs["value"], unit=attrs.get("unit"))
            except InputError as exc:
                raise serializers.ValidationError(
                    {"value": [exc.reason_in(get_language())]}
                ) from None
        return attrs


class ObservationPushSerializer(FiguresSerializer):
    """``POST /api/observations/``: one figure for one item and year."""

    plan = serializers.IntegerField(help_text=_("规划编号（/api/plans/ 中的 id）"))
    item = serializers.CharField(max_length=20, help_text=_("指标编码，如 I5、T7"))
    year = serializers.IntegerField(min_value=1900, max_value=2200)
    period = serializers.ChoiceField(choices=Period.choices, default=Period.YEAR)
    round = serializers.IntegerField(
        required=False, help_text=_("报送轮次编号；缺省为该规划同年份、同周期的轮次")
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("已有数据时必填：您读到的版本号；已被他人修改则返回 409。"),
    )
    status = serializers.ChoiceField(
        choices=[ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.APPROVED],
        default=ReviewStatus.DRAFT,
        help_text=_("draft 仅保存；submitted 同时报送；approved 同时报送并审核（仅审核人）。"),
    )


class ObservationEditSerializer(FiguresSerializer):
    """``PUT``/``PATCH /api/observations/{id}/``: new figures for a record one has read."""

    version = serializers.IntegerField(
        min_value=1, help_text=_("您读到的版本号；已被他人修改则返回 409。")
    )

    def validate(self, attrs: dict) -> dict:
        if "version" not in attrs:  # PATCH makes every field optional; this one never is
            raise serializers.ValidationError({"version": [_("必须提供您读到的版本号。")]})
        return super().validate(attrs)


class ReviewSerializer(serializers.Serializer):
    """Submit, approve or return: the version one has read and, for a return, what to fix."""

    version = serializers.IntegerField(required=False, min_value=1)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


def check_unit(attrs: dict, item, year: int) -> None:
    """A unit the engine cannot convert exactly: the same check as the web form's."""
    try:
        workflow.check_unit(item, attrs["value"], attrs.get("unit") or "", year)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.message_dict) from None
