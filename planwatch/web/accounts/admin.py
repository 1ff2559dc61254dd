from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from planwatch.web.accounts.models import EvaluationNote, User
from planwatch.web.core.admin import TrackedAdmin


@admin.register(User)
class PlanwatchUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("planwatch", {"fields": ("role", "department", "full_name")}),
    )
    list_display = ("username", "full_name", "role", "department", "is_active")
    list_filter = ("role", "department", "is_active")

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(EvaluationNote, TrackedAdmin)
