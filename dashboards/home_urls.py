"""'/' and its name "home" (no namespace: every template links {% url 'home' %}), included by
ntm_portal/urls.py by name so the kernel imports no app."""

from django.urls import path

from dashboards.views.home import home_view

urlpatterns = [path("", home_view, name="home")]
