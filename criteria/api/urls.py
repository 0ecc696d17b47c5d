from rest_framework.routers import SimpleRouter

from criteria.api import views

app_name = "criteria-api"

router = SimpleRouter(trailing_slash=True)
router.register("criteria-sets", views.CriteriaSetViewSet, basename="criteria-set")
router.register("assessments", views.AssessmentViewSet, basename="assessment")

urlpatterns = router.urls
