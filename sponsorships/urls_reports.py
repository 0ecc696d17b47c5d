"""Monthly report pages (issue 4), included by sponsorships/urls.py under /sponsorships/."""

from django.urls import path

from sponsorships.views import monthly_reports as views
from sponsorships.views.report_documents import MonthlyReportPdfView, province_report_view

urlpatterns = [
    path("reports/", views.MonthlyReportListView.as_view(), name="monthly_report_list"),
    path(
        "reports/completeness/",
        views.MonthlyReportCompletenessView.as_view(),
        name="monthly_report_completeness",
    ),
    path("reports/province/", province_report_view, name="province_report"),
    path("reports/remind/", views.MonthlyReportRemindView.as_view(), name="monthly_report_remind"),
    path(
        "reports/<int:pk>/", views.MonthlyReportDetailView.as_view(), name="monthly_report_detail"
    ),
    path("reports/<int:pk>/pdf/", MonthlyReportPdfView.as_view(), name="monthly_report_pdf"),
    path(
        "reports/<int:pk>/versions/<int:number>/",
        views.MonthlyReportDetailView.as_view(),
        name="monthly_report_version",
    ),
    path(
        "reports/<int:pk>/edit/",
        views.MonthlyReportUpdateView.as_view(),
        name="monthly_report_update",
    ),
    path(
        "reports/<int:pk>/submit/",
        views.MonthlyReportSubmitView.as_view(),
        name="monthly_report_submit",
    ),
    path(
        "reports/<int:pk>/accept/",
        views.MonthlyReportAcceptView.as_view(),
        name="monthly_report_accept",
    ),
    path(
        "reports/<int:pk>/return/",
        views.MonthlyReportReturnView.as_view(),
        name="monthly_report_return",
    ),
]
