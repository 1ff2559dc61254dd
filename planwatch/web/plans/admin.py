from django.contrib import admin

from planwatch.web.core.admin import TrackedAdmin
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Node, Plan, Task

admin.site.register(Plan, TrackedAdmin)
admin.site.register(Department, TrackedAdmin)


@admin.register(Node, Task)
class PlanContentAdmin(TrackedAdmin):
    list_filter = ("plan",)


@admin.register(MeasurableItem)
class ItemAdmin(TrackedAdmin):
    list_display = ("code", "name", "unit", "attribute", "plan")
    list_filter = ("plan", "kind", "attribute")


@admin.register(Assignment)
class AssignmentAdmin(TrackedAdmin):
    list_display = ("plan", "department", "role", "task", "item")
    list_filter = ("plan", "role", "department")
