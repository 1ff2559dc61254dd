"""Annual targets and target shares: what is read, and what a write must carry (the version)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from planwatch.outline.model import COMPARATORS
from planwatch.web.reporting.models import AnnualTarget, ShareFigure, TargetShare


class AnnualTargetSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="item.plan_id", read_only=True)
    item = serializers.CharField(source="item.code", read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    source_code = serializers.CharField(
        read_only=True, help_text=_("来源类型：path 按规划路径测算；手工录入的为空")
    )
    source_label = serializers.CharField(
        read_only=True, help_text=_("来源（按请求语言）：source 或来源类型的说明")
    )

    class Meta:
        model = AnnualTarget
        fields = (
            "id", "plan", "item", "item_name", "year", "value", "comparator", "source",
            "source_code", "source_label", "state", "is_demo", "version", "created_at",
            "updated_at",
        )  # fmt: skip


class AnnualTargetCreateSerializer(serializers.Serializer):
    """``POST /api/annual-targets/``: one year's target of one item (coordinator)."""

    plan = serializers.IntegerField(help_text=_("规划编号"))
    item = serializers.CharField(max_length=20, help_text=_("指标编码，如 I5、T7"))
    year = serializers.IntegerField(min_value=1900, max_value=2200)
    value = serializers.FloatField()
    comparator = serializers.ChoiceField(choices=COMPARATORS, required=False, allow_blank=True)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AnnualTargetEditSerializer(serializers.Serializer):
    """``PATCH /api/annual-targets/{id}/``: a new value sends the target back for confirmation."""

    version = serializers.IntegerField(
        min_value=1, help_text=_("您读到的版本号；已被他人修改则返回 409。")
    )
    value = serializers.FloatField(required=False)
    comparator = serializers.ChoiceField(choices=COMPARATORS, required=False, allow_blank=True)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)


class StepSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)


class ShareFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShareFigure
        fields = ("id", "year", "value", "source", "is_demo", "version")


class TargetShareSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="item.plan_id", read_only=True)
    item = serializers.CharField(source="item.code", read_only=True)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = TargetShare
        fields = (
            "id", "plan", "item", "holder_kind", "holder_name", "department", "baseline",
            "target", "weight", "note", "figures", "is_demo", "version",
        )  # fmt: skip

    def get_figures(self, obj) -> list[dict]:
        rows = [f for f in obj.figures.all() if f.deleted_at is None]
        return ShareFigureSerializer(sorted(rows, key=lambda f: f.year), many=True).data


class ShareFigurePushSerializer(serializers.Serializer):
    """``POST /api/target-shares/{id}/figures/``: the share's figure for a year."""

    year = serializers.IntegerField(min_value=1900, max_value=2200)
    value = serializers.FloatField()
    source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("该年份已有数据时必填：您读到的版本号；已被他人修改则返回 409。"),
    )
