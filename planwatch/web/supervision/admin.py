from django.contrib import admin

from planwatch.web.core.admin import TrackedAdmin
from planwatch.web.supervision.models import (
    Policy,
    PolicyReport,
    ScoreAdjustment,
    ScorecardWeights,
)

for model in (Policy, PolicyReport, ScoreAdjustment, ScorecardWeights):
    admin.site.register(model, TrackedAdmin)
