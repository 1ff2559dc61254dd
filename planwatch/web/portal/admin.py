from django.contrib import admin

from planwatch.web.portal.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read-only list for administrators; decisions are made in the moderation queue."""

    list_display = ("created_at", "plan", "item", "rating", "status", "moderated_by")
    list_filter = ("status", "rating")
    readonly_fields = tuple(f.name for f in Feedback._meta.fields)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
