urlpatterns: list = []  # agencies, assignments, activities (issue 3)
