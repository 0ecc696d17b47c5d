"""Pages for agencies, assignments and support activities (included by sponsorships/urls.py)."""

from django.urls import path

from sponsorships.views import activities, activity_edit, agencies, assignments, staff

urlpatterns: list = [
    path("home/", staff.staff_home_view, name="staff_home"),
    path("agencies/", agencies.agency_list_view, name="agency_list"),
    path("agencies/new/", agencies.agency_create_view, name="agency_create"),
    path("agencies/<int:pk>/", agencies.agency_detail_view, name="agency_detail"),
    path("agencies/<int:pk>/edit/", agencies.agency_update_view, name="agency_update"),
    path("agencies/<int:pk>/delete/", agencies.agency_delete_view, name="agency_delete"),
    path("assignments/", assignments.assignment_list_view, name="assignment_list"),
    path("assignments/new/", assignments.assignment_create_view, name="assignment_create"),
    path(
        "assignments/without-sponsor/",
        assignments.communes_without_sponsor_view,
        name="communes_without_sponsor",
    ),
    path("assignments/<int:pk>/", assignments.assignment_detail_view, name="assignment_detail"),
    path(
        "assignments/<int:pk>/edit/", assignments.assignment_update_view, name="assignment_update"
    ),
    path(
        "assignments/<int:pk>/delete/", assignments.assignment_delete_view, name="assignment_delete"
    ),
    path(
        "assignments/<int:assignment_pk>/activities/new/",
        activity_edit.activity_create_view,
        name="activity_create",
    ),
    path("activities/", activities.activity_list_view, name="activity_list"),
    path("activities/totals/", activities.activity_totals_view, name="activity_totals"),
    path(
        "activities/export.xlsx",
        activities.activity_export_view,
        {"fmt": "xlsx"},
        name="activity_export_xlsx",
    ),
    path(
        "activities/export.csv",
        activities.activity_export_view,
        {"fmt": "csv"},
        name="activity_export_csv",
    ),
    path(
        "activities/export-background/",
        activities.activity_export_background_view,
        name="activity_export_background",
    ),
    path(
        "activities/new/",
        activity_edit.activity_choose_assignment_view,
        name="activity_choose_assignment",
    ),
    path("activities/<int:pk>/", activities.activity_detail_view, name="activity_detail"),
    path("activities/<int:pk>/edit/", activity_edit.activity_update_view, name="activity_update"),
    path("activities/<int:pk>/delete/", activity_edit.activity_delete_view, name="activity_delete"),
    path("evidence/<int:pk>/", activities.evidence_download_view, name="evidence_download"),
    path("evidence/<int:pk>/delete/", activity_edit.evidence_delete_view, name="evidence_delete"),
]
