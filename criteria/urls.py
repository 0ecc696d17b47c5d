from django.urls import path

from criteria import import_views, views, views_set_import

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
    path("current-rule/", views.CurrentRuleView.as_view(), name="current_rule"),
    path("sets/<int:pk>/", views.CriteriaSetDetailView.as_view(), name="criteria_set_detail"),
    path("sets/import/", views_set_import.criteria_set_import_view, name="criteria_set_import"),
    path(
        "sets/import/apply/",
        views_set_import.criteria_set_import_apply_view,
        name="criteria_set_import_apply",
    ),
    path(
        "sets/template.xlsx",
        views_set_import.criteria_set_template_view,
        name="criteria_set_template",
    ),
]
