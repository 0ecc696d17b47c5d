from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ntm_portal import views
from ntm_portal.documents.views import DocumentSettingsView
from ntm_portal.health import PortalHealthView

HEALTH_CHECKS = (
    "ntm_portal.health.Database",
    "ntm_portal.health.Broker",
    "ntm_portal.health.Worker",
    "sponsorships.health.BeatLastRun",
    "sponsorships.health.ReminderOutbox",
)

urlpatterns = [
    # Each role's own home (dashboards.views.home: the top floor knows every app's pages).
    path("", include("dashboards.home_urls")),
    # Old bookmarks of the sign-in page land on allauth's (query string kept).
    path(
        "login/",
        login_not_required(RedirectView.as_view(pattern_name="account_login", query_string=True)),
        name="login",
    ),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # The language menu is on the login page too: switching must not need a login.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path(
        "notifications/read/",
        views.NotificationMarkReadView.as_view(),
        name="notification_mark_read",
    ),
    path("documents/settings/", DocumentSettingsView.as_view(), name="document_settings"),
    path("admin/", admin.site.urls),
    # For operators and monitors: no login, nothing sensitive (see ntm_portal/health.py).
    path(
        "health/", login_not_required(PortalHealthView.as_view(checks=HEALTH_CHECKS)), name="health"
    ),
    path("communes/", include("communes.urls")),
    path("criteria/", include("criteria.urls")),
    path("sponsorships/", include("sponsorships.urls")),
    path("exports/", include("exports.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("api/v1/", include("ntm_portal.api_urls")),
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="api_schema"),
    # The split view serves its start-up script from ?script, not inline: the page passes CSP.
    path(
        "api/docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api_schema")),
        name="api_docs",
    ),
]

handler404 = "ntm_portal.views.not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
