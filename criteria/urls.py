from django.urls import path

from criteria import import_views, views

app_name = "criteria"

urlpatterns = [
    path(
        "communes/<int:commune_pk>/assessments/new/",
        views.AssessmentCreateView.as_view(),
        name="assessment_create",
    ),
    path(
        "assessments/import/",
        import_views.AssessmentImportView.as_view(),
        name="assessment_import",
    ),
    path(
        "assessments/import/template/",
        import_views.AssessmentImportTemplateView.as_view(),
        name="assessment_import_template",
    ),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("sets/", views.CriteriaSetListView.as_view(), name="criteria_set_list"),
    path("sets/<int:pk>/", views.CriteriaSetDetailView.as_view(), name="criteria_set_detail"),
]
