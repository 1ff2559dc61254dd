from django.contrib import admin

from planwatch.web.core.admin import TrackedAdmin
from planwatch.web.evaluation.models import EvaluationNote

admin.site.register(EvaluationNote, TrackedAdmin)
