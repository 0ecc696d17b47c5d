from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.export_job_list_view, name="list"),
    path("<int:pk>/status.json", views.export_job_status_view, name="status"),
    path("<int:pk>/download/", views.export_job_download_view, name="download"),
]
