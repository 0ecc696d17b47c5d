from django.urls import path

from criteria import views

app_name = "criteria"

urlpatterns: list = []
