from django.urls import path

from communes import views

app_name = "communes"

urlpatterns = [
    path("", views.ProvinceOverviewView.as_view(), name="province_overview"),
    path("list/", views.CommuneListView.as_view(), name="commune_list"),
    path("<int:pk>/", views.CommuneDetailView.as_view(), name="commune_detail"),
]
