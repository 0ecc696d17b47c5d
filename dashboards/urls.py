from django.urls import path

from dashboards.views import drilldown
from dashboards.views.actions import action_list_view
from dashboards.views.overview import (
    national_overview_view,
    province_comparison_view,
    province_overview_view,
)

app_name = "dashboards"

urlpatterns = [
    path("", province_overview_view, name="province_overview"),
    path("comparison/", province_comparison_view, name="province_comparison"),
    path("national/", national_overview_view, name="national_overview"),
    path("actions/", action_list_view, name="action_list"),
    path("districts/<int:pk>/", drilldown.DistrictDetailView.as_view(), name="district_detail"),
    path("criteria/<int:pk>/", drilldown.CriterionDetailView.as_view(), name="criterion_detail"),
    path("indicators/<int:pk>/", drilldown.IndicatorDetailView.as_view(), name="indicator_detail"),
]
