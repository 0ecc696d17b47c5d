"""/api/v1/dashboards/…: the figures the dashboard pages show, same selectors, same scoping."""

app_name = "dashboards-api"

urlpatterns: list = []
