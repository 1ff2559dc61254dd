"""Admin for administrators: changes still go through the change log; nothing is deleted."""

from django.contrib import admin

from planwatch.web.history.services import save_tracked


class TrackedAdmin(admin.ModelAdmin):
    readonly_fields = ("version", "created_at", "updated_at", "deleted_at")

    def get_queryset(self, request):
        return self.model.all_objects.all()

    def save_model(self, request, obj, form, change):
        save_tracked(obj, user=request.user, reason="admin")

    def has_delete_permission(self, request, obj=None):
        return False
