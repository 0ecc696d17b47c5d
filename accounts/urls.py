"""Account pages of the portal. allauth's own (sign in, password, 2FA, sessions) are mounted
under the same /accounts/ prefix after these, so a route here wins over allauth's."""

from django.urls import path
from django.views.generic import RedirectView

from accounts.urls_users import urlpatterns as user_urlpatterns
from accounts.views import profile, tokens

app_name = "accounts"

urlpatterns = [
    path("profile/", profile.profile_view, name="profile"),
    path("tokens/", tokens.token_list_view, name="token_list"),
    path("tokens/<str:key>/revoke/", tokens.token_revoke_view, name="token_revoke"),
    path(
        "invitation/<str:uidb64>/<str:token>/",
        profile.invitation_accept_view,
        name="invitation_accept",
    ),
    # allauth's e-mail management would let a user add addresses a password reset then
    # trusts; the e-mail is part of the profile, which keeps allauth's table in step.
    path("email/", RedirectView.as_view(pattern_name="accounts:profile"), name="email"),
    *user_urlpatterns,
]
