from django.contrib import admin

from planwatch.web.core.admin import TrackedAdmin
from planwatch.web.reporting.models import (
    Evidence,
    KeyProject,
    ManualVerdict,
    Observation,
    ReportingRound,
    TaskProgress,
)

for model in (Evidence, KeyProject, ManualVerdict, Observation, ReportingRound, TaskProgress):
    admin.site.register(model, TrackedAdmin)
