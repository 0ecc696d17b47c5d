from django.urls import path

from campaigns.views import awards, campaigns, contributions, exemplars, pledges, results

app_name = "campaigns"

urlpatterns = [
    path("", campaigns.campaign_list_view, name="campaign_list"),
    path("new/", campaigns.campaign_create_view, name="campaign_create"),
    path("<int:pk>/", campaigns.campaign_detail_view, name="campaign_detail"),
    path("<int:pk>/edit/", campaigns.campaign_update_view, name="campaign_update"),
    path("<int:pk>/delete/", campaigns.campaign_delete_view, name="campaign_delete"),
    path("<int:pk>/pledges/new/", pledges.pledge_create_view, name="pledge_create"),
    path("pledges/<int:pk>/delete/", pledges.pledge_delete_view, name="pledge_delete"),
    path("contributions/", contributions.contribution_list_view, name="contribution_list"),
    path("contributions/new/", contributions.contribution_create_view, name="contribution_create"),
    path(
        "contributions/<int:pk>/edit/",
        contributions.contribution_update_view,
        name="contribution_update",
    ),
    path(
        "contributions/<int:pk>/delete/",
        contributions.contribution_delete_view,
        name="contribution_delete",
    ),
    path("exemplars/", exemplars.exemplary_list_view, name="exemplary_list"),
    path("exemplars/new/", exemplars.exemplary_create_view, name="exemplary_create"),
    path("exemplars/<int:pk>/", exemplars.exemplary_detail_view, name="exemplary_detail"),
    path("exemplars/<int:pk>/edit/", exemplars.exemplary_update_view, name="exemplary_update"),
    path("exemplars/<int:pk>/delete/", exemplars.exemplary_delete_view, name="exemplary_delete"),
    path("photos/<int:pk>/", exemplars.photo_download_view, name="photo_download"),
    path("<int:pk>/awards/", awards.award_list_view, name="award_list"),
    path("<int:pk>/awards/new/", awards.award_create_view, name="award_create"),
    path("awards/<int:pk>/", awards.award_detail_view, name="award_detail"),
    path("awards/<int:pk>/review/", awards.award_review_view, name="award_review"),
    path("awards/<int:pk>/decide/", awards.award_decide_view, name="award_decide"),
    path("<int:pk>/results/", results.campaign_results_view, name="campaign_results"),
    path("<int:pk>/results.pdf", results.campaign_report_pdf_view, name="campaign_report_pdf"),
    path("<int:pk>/results.xlsx", results.campaign_report_xlsx_view, name="campaign_report_xlsx"),
]
