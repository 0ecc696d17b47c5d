from django.urls import path

from dashboards.views import drilldown
from dashboards.views.drilldown import placeholder

app_name = "dashboards"

urlpatterns = [
    path("", placeholder, name="province_overview"),
    path("national/", placeholder, name="national_overview"),
    path("actions/", placeholder, name="action_list"),
    path("districts/<int:pk>/", drilldown.DistrictDetailView.as_view(), name="district_detail"),
    path("criteria/<int:pk>/", drilldown.CriterionDetailView.as_view(), name="criterion_detail"),
    path("indicators/<int:pk>/", drilldown.IndicatorDetailView.as_view(), name="indicator_detail"),
]
