from django.contrib import admin

from planwatch.web.core.admin import TrackedAdmin
from planwatch.web.evaluation.models import Commission, EvaluationNote

admin.site.register(EvaluationNote, TrackedAdmin)
admin.site.register(Commission, TrackedAdmin)
