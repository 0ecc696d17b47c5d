from django.urls import path

from sponsorships import views

app_name = "sponsorships"

urlpatterns: list = []
