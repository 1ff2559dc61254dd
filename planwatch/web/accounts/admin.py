from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from planwatch.web.accounts.models import User
from planwatch.web.history.services import save_tracked


@admin.register(User)
class PlanwatchUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("planwatch", {"fields": ("role", "department", "full_name")}),
    )
    list_display = ("username", "full_name", "role", "department", "is_active")
    list_filter = ("role", "department", "is_active")
    readonly_fields = ("version",)

    def save_model(self, request, obj, form, change):
        """Through the change log, as on the user pages."""
        save_tracked(obj, user=request.user, reason="admin")

    def has_delete_permission(self, request, obj=None):
        return False
