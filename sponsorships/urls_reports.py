urlpatterns: list = []  # monthly reports, completeness, notifications (issue 4)
