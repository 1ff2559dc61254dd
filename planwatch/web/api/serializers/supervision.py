"""Policies, their implementation reports, and the scorecard as read by other systems."""

from __future__ import annotations

from rest_framework import serializers

from planwatch.web.supervision.models import Policy, PolicyReport


class PolicySerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    tasks = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Policy
        fields = (
            "id",
            "plan",
            "title",
            "document_number",
            "department",
            "department_name",
            "issued_on",
            "status",
            "summary",
            "tasks",
            "items",
            "is_demo",
            "version",
        )


class PolicyReportSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="round.year", read_only=True)

    class Meta:
        model = PolicyReport
        fields = ("id", "round", "year", "policy", "department", "progress", "narrative", "status")


class MeasureSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField(source="label_zh")
    weight = serializers.FloatField()
    score = serializers.FloatField(allow_null=True)
    counted = serializers.IntegerField(source="measure.counted", allow_null=True, default=None)
    detail = serializers.CharField(source="measure.detail_zh", allow_null=True, default=None)


class AdjustmentSerializer(serializers.Serializer):
    points = serializers.FloatField()
    reason = serializers.CharField()


class DepartmentScoreSerializer(serializers.Serializer):
    department = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    computed = serializers.FloatField(allow_null=True)
    adjustment = serializers.FloatField()
    total = serializers.FloatField(allow_null=True)
    components = MeasureSerializer(many=True)
    adjustments = AdjustmentSerializer(many=True)


class ScorecardSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    year = serializers.IntegerField()
    weights = serializers.DictField(child=serializers.FloatField())
    weights_reason = serializers.CharField(allow_blank=True)
    rows = DepartmentScoreSerializer(many=True)
