from django.urls import path

from criteria import views

app_name = "criteria"

urlpatterns = [
    path(
        "communes/<int:commune_pk>/assessments/new/",
        views.AssessmentCreateView.as_view(),
        name="assessment_create",
    ),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("sets/", views.CriteriaSetListView.as_view(), name="criteria_set_list"),
    path("current-rule/", views.CurrentRuleView.as_view(), name="current_rule"),
    path("sets/<int:pk>/", views.CriteriaSetDetailView.as_view(), name="criteria_set_detail"),
]
