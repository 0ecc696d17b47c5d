from django.urls import path

from dashboards.views import drilldown

app_name = "dashboards"

urlpatterns = [
    path("districts/<int:pk>/", drilldown.district_detail, name="district_detail"),
    path("criteria/<int:pk>/", drilldown.criterion_detail, name="criterion_detail"),
    path("indicators/<int:pk>/", drilldown.indicator_detail, name="indicator_detail"),
]
