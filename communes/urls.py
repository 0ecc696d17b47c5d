from django.urls import path
from django.views.generic import RedirectView

from communes import views

app_name = "communes"

urlpatterns = [
    # The overview moved to the dashboards app; old links and bookmarks keep their filters.
    path(
        "",
        RedirectView.as_view(pattern_name="dashboards:province_overview", query_string=True),
        name="province_overview",
    ),
    path("list/", views.CommuneListView.as_view(), name="commune_list"),
    path("<int:pk>/", views.CommuneDetailView.as_view(), name="commune_detail"),
]
