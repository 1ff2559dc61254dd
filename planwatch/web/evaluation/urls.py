from django.urls import path

from planwatch.web.evaluation import commissions, notes, views

app_name = "evaluation"
urlpatterns = [
    path("plans/<int:plan_pk>/notes/", notes.notes, name="notes"),
    path("plans/<int:plan_pk>/reports/", views.downloads, name="downloads"),
    path("plans/<int:plan_pk>/reports/<str:kind>.<str:ext>", views.download, name="download"),
    path("plans/<int:plan_pk>/commissions/", commissions.commission_list, name="commissions"),
    path("commissions/<int:pk>/", commissions.commission, name="commission"),
    path("commissions/<int:pk>/edit/", commissions.commission_edit, name="commission_edit"),
    path(
        "commissions/<int:pk>/verdicts/<str:kind>/<int:target_pk>/",
        commissions.verdict,
        name="verdict",
    ),
    path("commissions/<int:pk>/evidence/", commissions.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", commissions.evidence_download, name="evidence"),
    path("commissions/<int:pk>/draft.docx", commissions.draft, name="draft"),
    path("commissions/<int:pk>/compare/", commissions.side_by_side, name="compare"),
    path("commissions/<int:pk>/submit/", commissions.submit, name="submit"),
    path("commissions/<int:pk>/archive/", commissions.archive, name="archive"),
    path("commissions/<int:pk>/final/", commissions.final_report, name="final_report"),
]
