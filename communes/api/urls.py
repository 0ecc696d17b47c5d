from rest_framework.routers import SimpleRouter

from communes.api import views

app_name = "communes-api"

router = SimpleRouter(trailing_slash=True)
router.register("communes", views.CommuneViewSet, basename="commune")
router.register("provinces", views.ProvinceViewSet, basename="province")
router.register("districts", views.DistrictViewSet, basename="district")

urlpatterns = router.urls
