"""Plan content as other systems read it: codes as the outline gives them, ids for links."""

from __future__ import annotations

from rest_framework import serializers

from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Plan, Task


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = (
            "id",
            "title",
            "short_title",
            "document_number",
            "issuer",
            "base_year",
            "target_year",
            "issued_on",
            "published_on",
            "is_published",
            "published_at",
            "is_demo",
            "version",
            "updated_at",
        )


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ("id", "name", "short_name", "is_coordinator", "is_demo")


class ItemSerializer(serializers.ModelSerializer):
    """A table indicator (``I5``) or a prose target (``T7``) with every target it carries."""

    #: Heading numbers where the outline states the item, and every other place it restates it.
    location = serializers.ListField(child=serializers.CharField(), read_only=True)
    also_at = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()), read_only=True
    )

    class Meta:
        model = MeasurableItem
        fields = (
            "id",
            "plan",
            "kind",
            "code",
            "number",
            "name",
            "unit",
            "category",
            "attribute",
            "direction",
            "path_override",
            "baseline_year",
            "baseline_value",
            "baseline_text",
            "target_year",
            "target_value",
            "target_comparator",
            "target_text",
            "growth_value",
            "growth_comparator",
            "growth_text",
            "cumulative_value",
            "cumulative_comparator",
            "cumulative_text",
            "target_kind",
            "source_text",
            "location",
            "also_at",
            "later_target_value",
            "later_target_comparator",
            "later_target_year",
            "later_target_note",
            "version",
        )


class TaskSerializer(serializers.ModelSerializer):
    chapter_title = serializers.CharField(source="chapter.title", read_only=True)

    class Meta:
        model = Task
        fields = ("id", "plan", "code", "title", "text", "chapter", "chapter_title", "version")


class AssignmentSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    item = serializers.CharField(source="item.code", read_only=True, allow_null=True)
    task = serializers.CharField(source="task.code", read_only=True, allow_null=True)

    class Meta:
        model = Assignment
        fields = ("id", "plan", "department", "department_name", "role", "item", "task")
