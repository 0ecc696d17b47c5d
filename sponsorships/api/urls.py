from rest_framework.routers import SimpleRouter

from sponsorships.api import activities, monthly_reports

app_name = "sponsorships-api"

router = SimpleRouter(trailing_slash=True)
activities.register(router)
monthly_reports.register(router)

urlpatterns = router.urls
