from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.api.tokens import TokenObtainView
from accounts.api.users import MeView, UserViewSet

app_name = "accounts-api"

router = SimpleRouter(trailing_slash=True)
router.register("users", UserViewSet, basename="user")

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="token-obtain"),
    path("me/", MeView.as_view(), name="me"),
    *router.urls,
]
