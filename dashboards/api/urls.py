"""/api/v1/dashboards/…: the figures the dashboard pages show, same selectors, same scoping."""

from django.urls import path

from dashboards.api import drilldown, views
from dashboards.api.actions import ActionBoardView

app_name = "dashboards-api"

urlpatterns = [
    path("province/", views.ProvinceOverviewAPIView.as_view(), name="province"),
    path("national/", views.NationalOverviewAPIView.as_view(), name="national"),
    path("actions/", ActionBoardView.as_view(), name="action-board"),
    path("districts/<int:pk>/", drilldown.DistrictDrilldownView.as_view(), name="district-detail"),
    path("criteria/<int:pk>/", drilldown.CriterionDrilldownView.as_view(), name="criterion-detail"),
    path(
        "indicators/<int:pk>/", drilldown.IndicatorDrilldownView.as_view(), name="indicator-detail"
    ),
]
