from django.contrib import admin

from planwatch.web.core.admin import TrackedAdmin
from planwatch.web.surveys.models import Survey

admin.site.register(Survey, TrackedAdmin)
