from django.urls import path

from communes import views

app_name = "communes"

urlpatterns: list = []
