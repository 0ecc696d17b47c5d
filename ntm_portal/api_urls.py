"""All API routes, under /api/v1/. Each app owns its router in <app>/api/urls.py."""

from django.urls import include, path

urlpatterns = [
    path("", include("communes.api.urls")),
    path("", include("criteria.api.urls")),
    path("", include("sponsorships.api.urls")),
    path("", include("accounts.api.urls")),
    path("", include("campaigns.api.urls")),
    path("dashboards/", include("dashboards.api.urls")),
]
