"""/api/v1/dashboards/…: the figures the dashboard pages show, same selectors, same scoping."""

from django.urls import path

from dashboards.api.actions import ActionBoardView

app_name = "dashboards-api"

urlpatterns: list = [
    path("actions/", ActionBoardView.as_view(), name="action-board"),
]
