from rest_framework.routers import SimpleRouter

app_name = "communes-api"

router = SimpleRouter(trailing_slash=True)

urlpatterns = router.urls
