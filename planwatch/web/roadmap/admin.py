from django.contrib import admin

from planwatch.web.core.admin import TrackedAdmin
from planwatch.web.roadmap.models import Milestone, MilestoneReport, ProjectReport

for model in (Milestone, MilestoneReport, ProjectReport):
    admin.site.register(model, TrackedAdmin)
