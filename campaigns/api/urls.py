from rest_framework.routers import SimpleRouter

from campaigns.api import views

app_name = "campaigns-api"

router = SimpleRouter(trailing_slash=True)
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("pledges", views.PledgeViewSet, basename="pledge")
router.register("contributions", views.ContributionViewSet, basename="contribution")
router.register("awards", views.AwardViewSet, basename="award")

urlpatterns = router.urls
