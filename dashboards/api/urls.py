"""/api/v1/dashboards/…: the figures the dashboard pages show, same selectors, same scoping."""

from django.urls import path

from dashboards.api import views

app_name = "dashboards-api"

urlpatterns = [
    path("province/", views.ProvinceOverviewAPIView.as_view(), name="province"),
    path("national/", views.NationalOverviewAPIView.as_view(), name="national"),
]
