"""The open-data API's records: published values and an item's verdict, for anyone.

Read-only serializers over plain dicts built by ``views.opendata``; they give the OpenAPI
schema its shape."""

from __future__ import annotations

from rest_framework import serializers


class PublishedValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    period = serializers.CharField(help_text="Y = the whole year; H1, Q1… for parts of it")
    value = serializers.FloatField()
    unit = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True, help_text="数据来源 as reported")
    demo = serializers.BooleanField(help_text="示例数据: a synthetic figure of the demo")


class OpenMetadataSerializer(serializers.Serializer):
    definition = serializers.CharField(
        allow_blank=True, help_text="指标定义 as the coordinator published it (blank: none yet)"
    )
    caliber = serializers.CharField(
        allow_blank=True, help_text="统计口径 as the coordinator published it (blank: none yet)"
    )
    source = serializers.CharField(
        allow_blank=True,
        help_text="数据来源: the coordinator's, else the published figures' sources joined by ；",
    )
    lead_departments = serializers.ListField(
        child=serializers.CharField(), help_text="牵头部门 from the division of labour"
    )
    method = serializers.CharField(
        allow_null=True, help_text="评估方法: the rule that judged it (growth, level, …)"
    )
    method_label = serializers.CharField(allow_null=True, help_text="the rule, as readers name it")
    path = serializers.CharField(
        allow_null=True, help_text="the expected path compared against: linear / geometric"
    )
    path_label = serializers.CharField(allow_null=True)


class OpenItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.IntegerField()
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=["indicator", "target"])
    name = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    category = serializers.CharField(allow_blank=True)
    attribute = serializers.CharField(allow_blank=True, help_text="binding / anticipatory")
    baseline_year = serializers.IntegerField(allow_null=True)
    baseline_value = serializers.FloatField(allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    target_value = serializers.FloatField(allow_null=True)
    target_text = serializers.CharField(allow_blank=True)
    year = serializers.IntegerField(allow_null=True, help_text="the monitoring year judged")
    status = serializers.CharField(allow_null=True, help_text="the engine's status code")
    status_label = serializers.CharField(allow_null=True)
    outlook = serializers.CharField(allow_null=True)
    explanation = serializers.CharField(allow_null=True)
    method = serializers.CharField(allow_null=True, help_text="the rule that judged it")
    values = PublishedValueSerializer(many=True)
    metadata = OpenMetadataSerializer(help_text="指标说明, as the portal's indicator page shows it")


class OpenPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    issuer = serializers.CharField(allow_blank=True)
    base_year = serializers.IntegerField(allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    items = OpenItemSerializer(many=True)
