from django.urls import path

from dashboards.views.actions import action_list_view
from dashboards.views.drilldown import placeholder

app_name = "dashboards"

urlpatterns = [
    path("", placeholder, name="province_overview"),
    path("national/", placeholder, name="national_overview"),
    path("actions/", action_list_view, name="action_list"),
    path("districts/<int:pk>/", placeholder, name="district_detail"),
    path("criteria/<int:pk>/", placeholder, name="criterion_detail"),
    path("indicators/<int:pk>/", placeholder, name="indicator_detail"),
]
